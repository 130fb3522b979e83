/**
 * Python `str` semantics that the reference tokenizers rely on and JavaScript does not share.
 *
 * Python's `str.split()`, `str.strip()` and the `\s` of its `re` module use `str.isspace()`, which also counts the
 * ASCII separators U+001C..U+001F and U+0085 as whitespace but not U+FEFF (JavaScript's `\s` is the other way round).
 * Python's `\w` is "alphanumeric per `str.isalnum()`, or `_`", which excludes combining marks; JavaScript's `\w` is
 * ASCII only. Regular expressions ported from Python are written with these classes instead of `\s`, `\w`, `\b`.
 */

/** Character-class body of Python's whitespace (`str.isspace()`), for use inside `[...]` with the `u` flag. */
export const PY_WS =
  '\\t\\n\\x0B\\x0C\\r\\x1C-\\x1F \\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000';

/** Character-class body of Python's Unicode `\w` (letters, numbers, underscore; not combining marks). */
export const PY_WORD = '\\p{L}\\p{N}_';

/** Character-class body of Python's Unicode `\d` (decimal digits, category Nd). */
export const PY_DIGIT = '\\p{Nd}';

/**
 * Python's `str.isspace()` for one UTF-16 code unit (every Python whitespace character is in the BMP).
 *
 * @example
 * isPySpace(0x1c) // true (U+001C FILE SEPARATOR; JavaScript's `\s` says no)
 * isPySpace(0xfeff) // false (U+FEFF; JavaScript's `\s` says yes)
 */
export function isPySpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f);
  if (c < 0x85) return false;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/**
 * Python `s.split()` with no argument: split on runs of whitespace, dropping empty strings.
 *
 * @example
 * pySplit(' a\u001Cb \uFEFFc ') // ['a', 'b', '\uFEFFc']
 */
export function pySplit(s: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i < s.length; i++) {
    if (isPySpace(s.charCodeAt(i))) {
      if (start >= 0) {
        out.push(s.slice(start, i));
        start = -1;
      }
    } else if (start < 0) {
      start = i;
    }
  }
  if (start >= 0) out.push(s.slice(start));
  return out;
}
