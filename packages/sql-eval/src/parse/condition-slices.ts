import { PyTypeError } from '../python/python-equal.js';
import type { CondUnit, Condition } from './sql-types.js';

/**
 * A condition list read the way the official script reads it: by position, `conds[::2]` as the condition units and
 * `conds[1::2]` as the connectors. A prediction such as `WHERE a = 1 b = 2` (no connector) parses to two units in a
 * row, so a unit can sit at a connector position and a connector at a unit position; the official script then
 * indexes strings as sequences (`'and'[1] == 'n'`), and so do {@link condItem} and its users.
 */
export type CondItem = CondUnit | 'and' | 'or';

/** `conds[::2]`. */
export const evenItems = (c: Condition): CondItem[] => c.filter((_, i) => i % 2 === 0);
/** `conds[1::2]`. */
export const oddItems = (c: Condition): CondItem[] => c.filter((_, i) => i % 2 === 1);

/** Thrown where Python raises `IndexError`. */
export class PyIndexError extends Error {}

/** Python `item[i]` on a condition unit (a tuple) or a connector (a string). */
export function condItem(item: CondItem, i: number): unknown {
  if (typeof item === 'string') {
    if (i >= item.length) throw new PyIndexError(`string index out of range: '${item}'[${i}]`);
    return item[i];
  }
  return item[i];
}

/** Python truthiness of `item[0]`: the NOT flag of a unit; any character of a connector. */
export const itemHead = (item: CondItem): boolean => (typeof item === 'string' ? true : item[0]);

/** A key equal for two items exactly when Python's `hash` and `==` agree; unhashable (a nested query) raises. */
export function hashKey(item: CondItem): string {
  return JSON.stringify(item, (_k, v) => {
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (v !== null && typeof v === 'object' && !Array.isArray(v))
      throw new PyTypeError("unhashable type: 'dict'");
    return v;
  });
}
