import { T5_ESCAPE_CODES, T5_ESCAPE_MARK } from './t5-escape-codes.js';

const BY_CODE: ReadonlyMap<string, string> = new Map([...T5_ESCAPE_CODES].map(([c, code]) => [code, c]));

/** `#` + an escape: `##`, a two-letter code, or `#u<hex>;`. */
const ESCAPE = /#(?:#|([a-z]{2})|u([0-9A-F]{1,6});)/g;

/**
 * The inverse of {@link escapeForT5}: `unescapeFromT5(escapeForT5(s)) === s` for every string `s`. Text that a
 * model wrote may hold a `#` that starts no known escape; it is kept as it is.
 *
 * @example
 * unescapeFromT5("a #lt 5 AND b = 'x#sp y'"); // "a < 5 AND b = 'x  y'"
 */
export function unescapeFromT5(text: string): string {
  return text.replace(ESCAPE, (match, code: string | undefined, hex: string | undefined) => {
    if (match === T5_ESCAPE_MARK + T5_ESCAPE_MARK) return T5_ESCAPE_MARK;
    if (code !== undefined) return BY_CODE.get(code) ?? match;
    const point = Number.parseInt(hex as string, 16);
    return point <= 0x10ffff ? String.fromCodePoint(point) : match;
  });
}
