import { PY_WORD, PY_WS, isPySpace, pySplit } from './python-text.js';

type Rule = readonly [RegExp, string];

const W = `[${PY_WORD}]`;
const S = `[${PY_WS}]`;
// Python's `$` without MULTILINE: the end, or just before a final newline.
const END = '(?=\\n?(?![\\s\\S]))';
// Python's `\b` next to a word character: no word character on the other side.
const B_BEFORE = `(?<!${W})`;
const B_AFTER = `(?!${W})`;

const STARTING_QUOTES: readonly Rule[] = [
  [/([«“‘„]|[`]+)/gu, ' $1 '],
  [/^"/u, '``'],
  [/(``)/gu, ' $1 '],
  [/([ ([{<])("|'{2})/gu, '$1 `` '],
  // An opening single quote before a one-letter word that is not a clitic ('re, 've, 'll, 'm, 't, 's, 'd, 'n).
  [new RegExp(`(')(?!re|ve|ll|m|t|s|d|n)(${W})${B_AFTER}`, 'giu'), '$1 $2'],
];

const PUNCTUATION: readonly Rule[] = [
  [new RegExp(`([^.])(\\.)([\\])}>"'»”’ ]*)${S}*${END}`, 'gu'), '$1 $2 $3 '],
  [/([:,])([^\p{Nd}])/gu, ' $1 $2'],
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

const QUOTE_CHARS = /[«“‘„`"']/;
// A cheap test per PUNCTUATION rule: can it match at all?
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
// Collapsing whitespace (rule 3) matters only for whitespace other than a plain space: the clitic rules after it
// need a literal space, and extra plain spaces change no token.
const ENDING_TRIGGERS: ReadonlyArray<(s: string) => boolean> = [
  (s) => /[»”’]/.test(s),
  (s) => s.includes("''"),
  (s) => s.includes('"'),
  hasOtherWhitespace,
  (s) => s.includes("'"),
  (s) => s.includes("'"),
];

function hasOtherWhitespace(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && isPySpace(c)) return true;
  }
  return false;
}
const CONTRACTION_TRIGGER = /can|d'ye|gim|gon|got|lem|more'n|wan|'t/iu;

// Robert MacIntyre's contractions, case-insensitive, split into two tokens.
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

/**
 * nltk's `NLTKWordTokenizer.tokenize` (the improved Treebank tokenizer behind `word_tokenize`) for one sentence,
 * as in the nltk 3.10 release that the parity fixtures were made with.
 *
 * @example
 * treebankTokenize("They can't stop.") // ['They', 'ca', "n't", 'stop', '.']
 */
export function treebankTokenize(text: string): string[] {
  return tokenize(text, true);
}

/** Every rule applied unconditionally, as nltk does; the tests check the guarded fast path against it. */
export function treebankTokenizeUnguarded(text: string): string[] {
  return tokenize(text, false);
}

function tokenize(text: string, guarded: boolean): string[] {
  // Each rule is skipped when the characters it needs are absent: most sentences trigger only a few of them, and
  // skipping a substitution that cannot match leaves the text unchanged.
  const hasQuote = !guarded || QUOTE_CHARS.test(text);
  if (hasQuote) for (const [re, repl] of STARTING_QUOTES) text = text.replace(re, repl);
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
