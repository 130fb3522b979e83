import { pySplit } from './python-text.js';

// sacrebleu's `TokenizerRegexp` rules, in order. The first class lists the ASCII punctuation ranges
// `{-~`, `[-\``, ` -&`, `(-+`, `:-@` and `/`, written with hex escapes because the `u` flag forbids `\~`.
const RULES: ReadonlyArray<readonly [RegExp, string]> = [
  [/([\x7B-\x7E\x5B-\x60\x20-\x26\x28-\x2B\x3A-\x40/])/gu, ' $1 '],
  // Period and comma are split off unless preceded by a digit ...
  [/([^0-9])([.,])/gu, '$1 $2 '],
  // ... or followed by one.
  [/([.,])([^0-9])/gu, ' $1 $2'],
  // A dash after a digit.
  [/([0-9])(-)/gu, '$1 $2 '],
];

/**
 * The `13a` tokenizer (mteval-v13a, as in sacrebleu and Hugging Face evaluate's `tokenizer_13a.py`), returning the
 * token list that evaluate's `bleu` and `google_bleu` feed to the scorer.
 *
 * @example
 * tokenize13a("SELECT a.b, c FROM t;") // ['SELECT', 'a', '.', 'b', ',', 'c', 'FROM', 't', ';']
 */
export function tokenize13a(line: string): string[] {
  line = line.replaceAll('<skipped>', '');
  line = line.replaceAll('-\n', '');
  line = line.replaceAll('\n', ' ');
  if (line.includes('&')) {
    // Order matters: `&amp;quot;` becomes `&quot;`, not `"`.
    line = line.replaceAll('&quot;', '"');
    line = line.replaceAll('&amp;', '&');
    line = line.replaceAll('&lt;', '<');
    line = line.replaceAll('&gt;', '>');
  }
  let text = ` ${line} `;
  for (const [re, repl] of RULES) text = text.replace(re, repl);
  return pySplit(text);
}
