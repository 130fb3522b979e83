/**
 * Python `==` and `<` on the values the official script compares (None, bool, int/float, str, tuple/list, dict),
 * so that list membership, `sorted` and equality behave as in `evaluation.py`.
 */

/** Python equality: `True == 1 == 1.0`, tuples/lists element-wise, dicts key-wise. */
export function pyEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const na = asNumber(a);
  const nb = asNumber(b);
  if (na !== undefined && nb !== undefined) return na === nb;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!pyEqual(a[i], b[i])) return false;
    return true;
  }
  if (typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a as object);
    const kb = Object.keys(b as object);
    if (ka.length !== kb.length) return false;
    for (const k of ka) {
      if (!Object.hasOwn(b as object, k)) return false;
      if (!pyEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
    }
    return true;
  }
  return false;
}

/** Python `x in list` (membership by `==`). */
export function pyIndexOf(list: readonly unknown[], item: unknown): number {
  for (let i = 0; i < list.length; i++) if (pyEqual(list[i], item)) return i;
  return -1;
}

/** Thrown where Python would raise `TypeError` while ordering (e.g. `dict < dict`). */
export class PyTypeError extends Error {}

/** Python ordering for `sorted`: numbers, strings, None-free tuples; dicts raise. */
export function pyCompare(a: unknown, b: unknown): number {
  const na = asNumber(a);
  const nb = asNumber(b);
  if (na !== undefined && nb !== undefined) return na < nb ? -1 : na > nb ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      if (pyEqual(a[i], b[i])) continue;
      return pyCompare(a[i], b[i]);
    }
    return a.length - b.length;
  }
  throw new PyTypeError(`'<' not supported between ${typeName(a)} and ${typeName(b)}`);
}

/** Python `sorted(list)`: a stable sort with {@link pyCompare}. */
export function pySorted<T>(list: readonly T[]): T[] {
  return [...list].sort(pyCompare);
}

function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return undefined;
}

function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  if (Array.isArray(v)) return 'tuple';
  if (typeof v === 'object') return 'dict';
  return typeof v;
}
