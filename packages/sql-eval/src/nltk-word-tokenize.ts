/**
 * NLTK's `word_tokenize` (the improved Treebank tokenizer, `NLTKWordTokenizer`), which the official Spider
 * `process_sql.tokenize` runs on the query after replacing string literals. Ported rule for rule (NLTK 3.x), with
 * Python's Unicode-aware `\w`, `\d` and `\b` spelled out. The query is treated as a single sentence (Punkt sentence
 * splitting is skipped, i.e. `preserve_line=True`), which is what a one-line SQL query is.
 */

// Python's \w (Unicode letters, digits, underscore) and \d (Unicode decimal digits).
const W = '[\\p{L}\\p{N}\\p{Mn}\\p{Mc}_]';
const D = '\\p{Nd}';
// Python `$` (without MULTILINE) also matches just before a final newline.
const END = '(?=\\n?$)';
// Python `\b` at the start / end of a word.
const B_START = `(?<!${W})(?=${W})`;
const B_END = `(?<=${W})(?!${W})`;

type Rule = [RegExp, string];

const rx = (source: string, flags = ''): RegExp => new RegExp(source, `gu${flags}`);

const STARTING_QUOTES: Rule[] = [
  [rx('([«“‘„]|[`]+)'), ' $1 '],
  [rx('^"'), '``'],
  [rx('(``)'), ' $1 '],
  [rx(`([ \\(\\[{<])("|'{2})`), '$1 `` '],
  [rx(`(?<!${W})(')(?!(?:re|ve|ll|m|t|s|d|n)${B_END})(?=${W})`, 'i'), '$1 '],
];

const ENDING_QUOTES: Rule[] = [
  [rx('([»”’])'), ' $1 '],
  [rx("''"), " '' "],
  [rx('"'), " '' "],
  [rx('\\s+'), ' '],
  [rx("([^' ])('[sS]|'[mM]|'[dD]|') "), '$1 $2 '],
  [rx("([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) "), '$1 $2 '],
];

const PUNCTUATION: Rule[] = [
  [rx(`([^\\.])(\\.)([\\]\\)}>"'»”’ ]*)\\s*${END}`), '$1 $2 $3 '],
  [rx(`([:,])([^${D}])`), ' $1 $2'],
  [rx(`([:,])${END}`), ' $1 '],
  [rx('\\.{2,}'), ' $& '],
  [rx('[;@#$%&]'), ' $& '],
  [rx('[\\u2012-\\u2015]'), ' $& '],
  [rx(`([^\\.])(\\.)([\\]\\)}>"']*)\\s*${END}`), '$1 $2$3 '],
  [rx('[?!]'), ' $& '],
  [rx("([^'])' "), "$1 ' "],
  [rx('[*]'), ' $& '],
];

const PARENS_BRACKETS: Rule = [rx('[\\]\\[(){}<>]'), ' $& '];
const DOUBLE_DASHES: Rule = [rx('--'), ' -- '];

const CONTRACTIONS2: RegExp[] = [
  rx(`${B_START}(can)(not)${B_END}`, 'i'),
  rx(`${B_START}(d)('ye)${B_END}`, 'i'),
  rx(`${B_START}(gim)(me)${B_END}`, 'i'),
  rx(`${B_START}(gon)(na)${B_END}`, 'i'),
  rx(`${B_START}(got)(ta)${B_END}`, 'i'),
  rx(`${B_START}(lem)(me)${B_END}`, 'i'),
  rx(`${B_START}(more)('n)${B_END}`, 'i'),
  rx(`${B_START}(wan)(na)(?=\\s)`, 'i'),
];
const CONTRACTIONS3: RegExp[] = [rx(`(?<= )('t)(is)${B_END}`, 'i'), rx(`(?<= )('t)(was)${B_END}`, 'i')];

/**
 * Splits `text` into tokens exactly as NLTK's `word_tokenize(text, preserve_line=True)`.
 *
 * @example
 * nltkWordTokenize('SELECT count(*) FROM t WHERE a >= 1') // ['SELECT', 'count', '(', '*', ')', 'FROM', 't', 'WHERE', 'a', '>', '=', '1']
 */
export function nltkWordTokenize(text: string): string[] {
  let s = text;
  for (const [re, sub] of STARTING_QUOTES) s = s.replace(re, sub);
  for (const [re, sub] of PUNCTUATION) s = s.replace(re, sub);
  s = s.replace(PARENS_BRACKETS[0], PARENS_BRACKETS[1]);
  s = s.replace(DOUBLE_DASHES[0], DOUBLE_DASHES[1]);
  s = ` ${s} `;
  for (const [re, sub] of ENDING_QUOTES) s = s.replace(re, sub);
  // CONTRACTIONS3 patterns start with a literal space in NLTK; the lookbehind keeps that space in place.
  for (const re of CONTRACTIONS2) s = s.replace(re, ' $1 $2 ');
  for (const re of CONTRACTIONS3) s = s.replace(re, ' $1 $2 ');
  return s.split(/\s+/u).filter((t) => t.length > 0);
}
