import { T5_ESCAPE_CODES, T5_ESCAPE_MARK } from './t5-escape-codes.js';

const BY_CODE: ReadonlyMap<string, string> = new Map([...T5_ESCAPE_CODES].map(([c, code]) => [code, c]));
const LOWER = /^[a-z]$/;
const HEX = /^[0-9A-F]$/;

/** What the escape starting at `#` (index `at`) is: complete (its text and length), still open, or none. */
function escapeAt(
  text: string,
  at: number,
): { kind: 'full'; value: string; length: number } | { kind: 'open' } | { kind: 'none' } {
  // The alternatives of unescapeFromT5's pattern, in its order: `##`, `#` + two letters, `#u` + hex + `;`.
  const a = text[at + 1];
  if (a === undefined) return { kind: 'open' };
  if (a === T5_ESCAPE_MARK) return { kind: 'full', value: T5_ESCAPE_MARK, length: 2 };
  const b = text[at + 2];
  if (LOWER.test(a)) {
    if (b === undefined) return { kind: 'open' };
    if (LOWER.test(b)) {
      const code = a + b;
      return { kind: 'full', value: BY_CODE.get(code) ?? `${T5_ESCAPE_MARK}${code}`, length: 3 };
    }
  }
  if (a !== 'u') return { kind: 'none' };
  let i = at + 2;
  while (i < text.length && i - (at + 2) < 6 && HEX.test(text[i])) i++;
  const digits = i - (at + 2);
  if (i === text.length) return { kind: 'open' };
  if (digits === 0 || text[i] !== ';') return { kind: 'none' };
  const point = Number.parseInt(text.slice(at + 2, i), 16);
  const match = text.slice(at, i + 1);
  return {
    kind: 'full',
    value: point <= 0x10ffff ? String.fromCodePoint(point) : match,
    length: match.length,
  };
}

/**
 * {@link unescapeFromT5} a piece at a time, for text a model writes token by token: `pending` is the unfinished
 * escape the previous pieces ended with (`''` at the start). Returns the decoded text that is certain and the new
 * pending escape (`#`, `#l`, `#u1F6`, ...). Feeding any split of a text, then {@link flushT5Pending}, gives
 * exactly `unescapeFromT5` of the whole.
 *
 * @example
 * const a = unescapeT5Chunk('', 'age #l'); // { text: 'age ', pending: '#l' }
 * unescapeT5Chunk(a.pending, 't 30');     // { text: '< 30', pending: '' }
 */
export function unescapeT5Chunk(pending: string, chunk: string): { text: string; pending: string } {
  const buffer = pending + chunk;
  let text = '';
  let i = 0;
  while (i < buffer.length) {
    const mark = buffer.indexOf(T5_ESCAPE_MARK, i);
    if (mark === -1) {
      text += buffer.slice(i);
      break;
    }
    text += buffer.slice(i, mark);
    const found = escapeAt(buffer, mark);
    if (found.kind === 'open') return { text, pending: buffer.slice(mark) };
    if (found.kind === 'full') {
      text += found.value;
      i = mark + found.length;
    } else {
      // Not an escape: the `#` stays, and the search goes on right after it (as the global regex does).
      text += T5_ESCAPE_MARK;
      i = mark + 1;
    }
  }
  return { text, pending: '' };
}

/** The end of the text: an unfinished escape is kept as written. */
export function flushT5Pending(pending: string): string {
  // Nothing follows, so no escape can finish: the `#` is literal and the rest is read again after it.
  if (pending === '') return '';
  const rest = unescapeT5Chunk('', pending.slice(1));
  return T5_ESCAPE_MARK + rest.text + flushT5Pending(rest.pending);
}

/**
 * The characters an unfinished escape can still decode to, for checking a prefix: `#` (from `##`), every
 * two-letter code's character, and for `#u…` the characters from U+0009 to U+00FF whose code starts that way (other
 * code points are left out; the checker may then refuse a rare `#u` escape of a higher one). Whatever else follows,
 * the escape stays as written (`pending` itself, starting with a literal `#`).
 */
export function t5PendingCompletions(pending: string): string[] {
  return [...new Set(t5PendingSpellings(pending).map((s) => s.char))];
}

/**
 * The escapes an unfinished one (`pending`) can still become, each with the character it decodes to, shortest
 * spelling first: {@link t5PendingCompletions} with the spellings, for a decoder that must finish the escape.
 *
 * @example
 * t5PendingSpellings('#u4').slice(0, 2); // [{ spelling: '#u40;', char: '@' }, { spelling: '#u41;', char: 'A' }]
 */
export function t5PendingSpellings(pending: string): { spelling: string; char: string }[] {
  if (pending === '' || pending[0] !== T5_ESCAPE_MARK) return [];
  const escapes: Array<[string, string]> = [
    [`${T5_ESCAPE_MARK}${T5_ESCAPE_MARK}`, T5_ESCAPE_MARK],
    ...[...BY_CODE].map(([code, c]): [string, string] => [`${T5_ESCAPE_MARK}${code}`, c]),
  ];
  for (let p = 0x09; p <= 0xff; p++) {
    escapes.push([`${T5_ESCAPE_MARK}u${p.toString(16).toUpperCase()};`, String.fromCodePoint(p)]);
  }
  return escapes
    .filter(([spelling]) => spelling.startsWith(pending))
    .map(([spelling, char]) => ({ spelling, char }))
    .sort((a, b) => a.spelling.length - b.spelling.length);
}
