import { T5_ESCAPE_CODES, T5_ESCAPE_MARK, T5_SAFE_CHARACTERS } from './t5-escape-codes.js';

/**
 * Whether a space followed by `rest` would be removed by transformers' `clean_up_tokenization_spaces`
 * (`" ."`, `" ?"`, `" !"`, `" ,"`, `" ' "`, `" n't"`, `" 'm"`, `" 's"`, `" 've"`, `" 're"`).
 */
function cleanUpEats(rest: string): boolean {
  return /^([.?!,]|' |'s|'m|'ve|'re|n't)/.test(rest);
}

/** A character outside {@link T5_SAFE_CHARACTERS}: its two-letter code, or `#u<hex>;`. */
function escapeChar(c: string): string {
  if (c === T5_ESCAPE_MARK) return T5_ESCAPE_MARK + T5_ESCAPE_MARK;
  const code = T5_ESCAPE_CODES.get(c);
  if (code !== undefined) return T5_ESCAPE_MARK + code;
  return `${T5_ESCAPE_MARK}u${(c.codePointAt(0) as number).toString(16).toUpperCase()};`;
}

/**
 * Spells any text with characters T5's tokenizer keeps, so that `tokenizer.decode(tokenizer.encode(out))` is
 * `out` again, with or without `clean_up_tokenization_spaces`: safe characters stay, `#` becomes `##`, the others
 * become `#` escapes ({@link T5_ESCAPE_CODES}). A space stays a space only between two non-space characters and
 * when the clean-up would not remove it; otherwise it is `#sp`. {@link unescapeFromT5} inverts it exactly.
 *
 * @example
 * escapeForT5("a < 5 AND b = 'x  y'"); // "a #lt 5 AND b = 'x#sp y'"
 */
export function escapeForT5(text: string): string {
  const chars = Array.from(text); // code points, so a character outside the BMP is one escape
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === ' ') {
      const between = out.length > 0 && i + 1 < chars.length && chars[i + 1] !== ' ';
      const rest = chars.slice(i + 1, i + 5).join('');
      out += between && !cleanUpEats(rest) ? ' ' : escapeChar(c);
    } else {
      out += T5_SAFE_CHARACTERS.has(c) ? c : escapeChar(c);
    }
  }
  return out;
}
