import { SpiderSchemaError } from '../errors.js';
import type { SpiderTableEntry } from './spider-schema.js';

/**
 * The official `build_foreign_key_map`: columns linked by foreign keys are mapped to one representative (the
 * lowest column index of their group), so that `T2.singer_id` and `T1.singer_id` compare equal in exact-set match.
 *
 * The grouping is the official one, not a full union-find: a key pair joins the first existing group that holds
 * either column, and a later group can overwrite the mapping of a column that appears in two groups.
 *
 * @example
 * buildForeignKeyMap(entry).get('__concert.stadium_id__'); // '__stadium.stadium_id__'
 */
export function buildForeignKeyMap(entry: SpiderTableEntry): Map<string, string> {
  const cols = entry.column_names_original.map(([ti, name]) => {
    if (ti < 0) return '__all__';
    const table = entry.table_names_original[ti];
    return `__${table.toLowerCase()}.${name.toLowerCase()}__`;
  });
  const groups: Array<Set<number>> = [];
  for (const [k1, k2] of entry.foreign_keys) {
    let group = groups.find((g) => g.has(k1) || g.has(k2));
    if (group === undefined) {
      group = new Set();
      groups.push(group);
    }
    group.add(k1);
    group.add(k2);
  }
  const map = new Map<string, string>();
  for (const group of groups) {
    const sorted = [...group].sort((a, b) => a - b);
    const rep = cols[sorted[0]];
    for (const idx of sorted) {
      const col = cols[idx];
      if (col === undefined || rep === undefined) {
        throw new SpiderSchemaError(
          `tables.json db "${entry.db_id}": foreign key names column index ${idx}, which does not exist`,
        );
      }
      map.set(col, rep);
    }
  }
  return map;
}
