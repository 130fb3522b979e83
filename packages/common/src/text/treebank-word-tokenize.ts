import { PY_DIGIT, PY_WORD, PY_WS, isPySpace, pySplit } from './python-text.js';

/**
 * Which of nltk's two opening-single-quote rules (the last of `NLTKWordTokenizer.STARTING_QUOTES`) to apply.
 *
 * - `'nltk-3.10.0'`: `(?i)(\')(?!re|ve|ll|m|t|s|d|n)(\w)\b` → `\1 \2`. An opening `'` is split off only before a
 *   one-character word: `'v'` → `'`, `v`, `'` but `'France'` → `'France`, `'`. nltk 3.6 (nltk/nltk#2608, which added
 *   `n` to the clitics) up to and including 3.10.0; checked at nltk/nltk@986f26e71bf2, the 3.10.0 tree that the
 *   metric parity fixtures were made with. (nltk 3.4 and 3.5 had the same rule without `n`.)
 * - `'nltk-3.10.3'`: `(?i)(?<!\w)(\')(?!(?:re|ve|ll|m|t|s|d|n)\b)(?=\w)` → `\1 `. An opening `'` at the start of a word
 *   is split off before any word that is not a clitic (`'re`, `'ve`, `'ll`, `'m`, `'t`, `'s`, `'d`, `'n`):
 *   `'France'` → `'`, `France`, `'`. nltk/nltk#3687 (fixing nltk/nltk#1995), merged after the 3.10.0 release;
 *   checked in the 3.10.3 release (the newest at the time of writing; 3.10.1 and 3.10.2 were not checked).
 *
 * Every other rule is nltk's from 3.9.3 through 3.10.3 (3.9.3 added the figure/en/em dash and horizontal bar rule).
 */
export type TreebankQuoteRule = 'nltk-3.10.0' | 'nltk-3.10.3';

/** Options of {@link treebankWordTokenize}. */
export interface TreebankWordTokenizeOptions {
  /** The opening-single-quote rule (default `'nltk-3.10.3'`); see {@link TreebankQuoteRule}. */
  quotes?: TreebankQuoteRule;
}

type Rule = readonly [RegExp, string];

const W = `[${PY_WORD}]`;
const S = `[${PY_WS}]`;
// Python's `$` without MULTILINE: the end, or just before a final newline.
const END = '(?=\\n?(?![\\s\\S]))';
// Python's `\b` next to a word character: no word character on the other side.
const B_BEFORE = `(?<!${W})`;
const B_AFTER = `(?!${W})`;

const CLITICS = 're|ve|ll|m|t|s|d|n';
const OPENING_SINGLE_QUOTE: Record<TreebankQuoteRule, Rule> = {
  'nltk-3.10.0': [new RegExp(`(')(?!${CLITICS})(${W})${B_AFTER}`, 'giu'), '$1 $2'],
  'nltk-3.10.3': [new RegExp(`${B_BEFORE}(')(?!(?:${CLITICS})${B_AFTER})(?=${W})`, 'giu'), '$1 '],
};

const STARTING_QUOTES: readonly Rule[] = [
  [/([«“‘„]|[`]+)/gu, ' $1 '],
  [/^"/u, '``'],
  [/(``)/gu, ' $1 '],
  [/([ ([{<])("|'{2})/gu, '$1 `` '],
  // The fifth rule, the opening single quote, is chosen by `quotes` (OPENING_SINGLE_QUOTE).
];

const PUNCTUATION: readonly Rule[] = [
  [new RegExp(`([^.])(\\.)([\\])}>"'»”’ ]*)${S}*${END}`, 'gu'), '$1 $2 $3 '],
  [new RegExp(`([:,])([^${PY_DIGIT}])`, 'gu'), ' $1 $2'],
  [new RegExp(`([:,])${END}`, 'gu'), ' $1 '],
  [/\.{2,}/gu, ' $& '],
  [/[;@#$%&]/gu, ' $& '],
  // Figure dash, en dash, em dash, horizontal bar.
  [/[\u2012-\u2015]/gu, ' $& '],
  [new RegExp(`([^.])(\\.)([\\])}>"']*)${S}*${END}`, 'gu'), '$1 $2$3 '],
  [/[?!]/gu, ' $& '],
  [/([^'])' /gu, "$1 ' "],
  [/[*]/gu, ' $& '],
];

const PARENS_BRACKETS: Rule = [/[\][(){}<>]/gu, ' $& '];
const DOUBLE_DASHES: Rule = [/--/gu, ' -- '];

const ENDING_QUOTES: readonly Rule[] = [
  [/([»”’])/gu, ' $1 '],
  [/''/gu, " '' "],
  [/"/gu, " '' "],
  [new RegExp(`${S}+`, 'gu'), ' '],
  [/([^' ])('[sS]|'[mM]|'[dD]|') /gu, '$1 $2 '],
  [/([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) /gu, '$1 $2 '],
];

// Robert MacIntyre's contractions, case-insensitive, split into two tokens. The last two start with a literal space
// that the replacement puts back, as nltk's CONTRACTIONS3 do.
const CONTRACTIONS: readonly RegExp[] = [
  new RegExp(`${B_BEFORE}(can)(not)${B_AFTER}`, 'giu'),
  new RegExp(`${B_BEFORE}(d)('ye)${B_AFTER}`, 'giu'),
  new RegExp(`${B_BEFORE}(gim)(me)${B_AFTER}`, 'giu'),
  new RegExp(`${B_BEFORE}(gon)(na)${B_AFTER}`, 'giu'),
  new RegExp(`${B_BEFORE}(got)(ta)${B_AFTER}`, 'giu'),
  new RegExp(`${B_BEFORE}(lem)(me)${B_AFTER}`, 'giu'),
  new RegExp(`${B_BEFORE}(more)('n)${B_AFTER}`, 'giu'),
  new RegExp(`${B_BEFORE}(wan)(na)(?=${S})`, 'giu'),
  new RegExp(` ('t)(is)${B_AFTER}`, 'giu'),
  new RegExp(` ('t)(was)${B_AFTER}`, 'giu'),
];

// Cheap tests that let the guarded path skip a substitution that cannot match (and so would leave the text as it is).
const QUOTE_CHARS = /[«“‘„`"']/;
const PUNCTUATION_TRIGGERS: readonly RegExp[] = [
  /\./,
  /[:,]/,
  /[:,]/,
  /\.\./,
  /[;@#$%&]/,
  /[\u2012-\u2015]/,
  /\./,
  /[?!]/,
  /'/,
  /\*/,
];
const BRACKETS = /[\][(){}<>]/;
// Collapsing whitespace (rule 4) matters only for whitespace other than a plain space: the clitic rules after it
// need a literal space, and extra plain spaces change no token.
const ENDING_TRIGGERS: ReadonlyArray<(s: string) => boolean> = [
  (s) => /[»”’]/.test(s),
  (s) => s.includes("''"),
  (s) => s.includes('"'),
  hasOtherWhitespace,
  (s) => s.includes("'"),
  (s) => s.includes("'"),
];
const CONTRACTION_TRIGGER = /can|d'ye|gim|gon|got|lem|more'n|wan|'t/iu;

function hasOtherWhitespace(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && isPySpace(c)) return true;
  }
  return false;
}

/**
 * nltk's `NLTKWordTokenizer().tokenize(text)`, the improved Treebank tokenizer behind `word_tokenize`, on one
 * sentence: `word_tokenize(text, preserve_line=True)`. No sentence splitting (`@t5sql/metrics`' `wordTokenize`
 * adds nltk's Punkt step). Python's Unicode `\w`, `\d`, `\b`, `\s` and `str.split()` are reproduced, so
 * U+001C..U+001F and U+0085 separate tokens and U+FEFF does not.
 *
 * @example
 * treebankWordTokenize("They can't stop.") // ['They', 'ca', "n't", 'stop', '.']
 * treebankWordTokenize("'France' wins") // ["'", 'France', "'", 'wins']
 * treebankWordTokenize("'France' wins", { quotes: 'nltk-3.10.0' }) // ["'France", "'", 'wins']
 */
export function treebankWordTokenize(text: string, options: TreebankWordTokenizeOptions = {}): string[] {
  return tokenize(text, options.quotes ?? 'nltk-3.10.3', true);
}

/** Every rule applied unconditionally, as nltk does; the tests check the guarded fast path against it. */
export function treebankWordTokenizeUnguarded(
  text: string,
  options: TreebankWordTokenizeOptions = {},
): string[] {
  return tokenize(text, options.quotes ?? 'nltk-3.10.3', false);
}

function tokenize(text: string, quotes: TreebankQuoteRule, guarded: boolean): string[] {
  const openingQuote = OPENING_SINGLE_QUOTE[quotes];
  if (openingQuote === undefined)
    throw new RangeError(`treebankWordTokenize: unknown quotes rule ${JSON.stringify(quotes)}`);
  // Each rule is skipped when the characters it needs are absent: most sentences trigger only a few of them, and
  // skipping a substitution that cannot match leaves the text unchanged.
  if (!guarded || QUOTE_CHARS.test(text)) {
    for (const [re, repl] of STARTING_QUOTES) text = text.replace(re, repl);
    text = text.replace(openingQuote[0], openingQuote[1]);
  }
  for (let k = 0; k < PUNCTUATION.length; k++) {
    if (!guarded || PUNCTUATION_TRIGGERS[k].test(text))
      text = text.replace(PUNCTUATION[k][0], PUNCTUATION[k][1]);
  }
  if (!guarded || BRACKETS.test(text)) text = text.replace(PARENS_BRACKETS[0], PARENS_BRACKETS[1]);
  if (!guarded || text.includes('--')) text = text.replace(DOUBLE_DASHES[0], DOUBLE_DASHES[1]);
  text = ` ${text} `;
  for (let k = 0; k < ENDING_QUOTES.length; k++) {
    if (guarded && !ENDING_TRIGGERS[k](text)) continue;
    text = text.replace(ENDING_QUOTES[k][0], ENDING_QUOTES[k][1]);
  }
  if (!guarded || CONTRACTION_TRIGGER.test(text))
    for (const re of CONTRACTIONS) text = text.replace(re, ' $1 $2 ');
  return pySplit(text);
}
