/**
 * Python's `float(str)` and `int(str)` on a token, which decide in the official parser whether a token is a
 * number value (`parse_value`) and what a LIMIT holds (`parse_limit`).
 */

const DIGITS = '\\d(?:_?\\d)*';
const FLOAT_RE = new RegExp(
  `^[+-]?(?:(?:${DIGITS})?\\.${DIGITS}(?:[eE][+-]?${DIGITS})?|${DIGITS}\\.?(?:[eE][+-]?${DIGITS})?|inf|infinity|nan)$`,
  'i',
);
const INT_RE = new RegExp(`^[+-]?${DIGITS}$`);

/** Python `float(token)`, or `undefined` where Python raises `ValueError`. */
export function pyFloat(token: string): number | undefined {
  const t = token.trim();
  if (!FLOAT_RE.test(t)) return undefined;
  const lower = t.toLowerCase().replace(/_/g, '');
  if (lower.endsWith('nan')) return Number.NaN;
  if (lower.endsWith('inf') || lower.endsWith('infinity'))
    return lower.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  return Number(lower);
}

/** Python `int(token)`, or `undefined` where Python raises `ValueError`. */
export function pyInt(token: string): number | undefined {
  const t = token.trim();
  if (!INT_RE.test(t)) return undefined;
  return Number.parseInt(t.replace(/_/g, ''), 10);
}
