/**
 * Python `str` semantics that the reference tokenizers rely on and JavaScript does not share.
 *
 * Python's `str.split()`, `str.strip()` and the `\s` of its `re` module use `str.isspace()`, which also counts the
 * ASCII separators U+001C..U+001F and U+0085 as whitespace but not U+FEFF (JavaScript's `\s` is the other way round).
 * Python's `\w` is "alphanumeric per `str.isalnum()`, or `_`", which excludes combining marks; JavaScript's `\w` is
 * ASCII only. Every regular expression in this package is written with these classes instead of `\s`, `\w`, `\b`.
 */

import { PY_WS } from '@t5sql/common';

// Python's whitespace and word classes, `str.isspace()` and `str.split()` live in @t5sql/common (with the Treebank
// word tokenizer that needs them); they are re-exported here for the tokenizers of this package.
export { PY_DIGIT, PY_WORD, PY_WS, isPySpace, pySplit } from '@t5sql/common';

const WS_ONLY = new RegExp(`^[${PY_WS}]*$`, 'u');
const WS_TRAILING = new RegExp(`[${PY_WS}]+$`, 'u');

/** Python `bool(s.strip())`. */
export function pyHasNonSpace(s: string): boolean {
  return !WS_ONLY.test(s);
}

/** Python `s.rstrip()` with no argument. */
export function pyRstrip(s: string): string {
  return s.replace(WS_TRAILING, '');
}

/** Number of code points, Python's `len(s)`. */
export function pyLen(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A high surrogate followed by a low one is a single code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

const UPPER = /^\p{Uppercase}/u;
const LOWER = /^\p{Lowercase}/u;

/** Python `s[0].isupper()` (Unicode property Uppercase of the first code point). */
export function firstIsUpper(s: string): boolean {
  return UPPER.test(s);
}

/** Python `s[0].islower()` (Unicode property Lowercase of the first code point). */
export function firstIsLower(s: string): boolean {
  return LOWER.test(s);
}
