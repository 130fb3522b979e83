import { SpiderSchemaError } from '../errors.js';

/** One entry of Spider's `tables.json` (the fields the evaluation uses). */
export interface SpiderTableEntry {
  db_id: string;
  table_names_original: string[];
  column_names_original: Array<[tableIndex: number, columnName: string]>;
  foreign_keys: Array<[columnIndex: number, columnIndex: number]>;
  table_names?: string[];
  column_names?: Array<[number, string]>;
  column_types?: string[];
  primary_keys?: Array<number | number[]>;
}

/**
 * The official `Schema`: lower-cased table → column names, and the id map from `table.column` / `table` / `*` to
 * the official id strings (`__table.column__`, `__table__`, `__all__`).
 */
export interface SpiderSchema {
  /** Table name → its column names, all lower case, in schema order. */
  readonly tables: ReadonlyMap<string, readonly string[]>;
  /** `'*'`, `'table.column'` and `'table'` → official id. */
  readonly idMap: ReadonlyMap<string, string>;
}

/**
 * Builds the official schema from a `tables.json` entry (original names, lower cased), which is what the official
 * script reads from the SQLite file; Spider's databases and `tables.json` carry the same names.
 *
 * @example
 * const schema = buildSchema(tables.find((t) => t.db_id === 'concert_singer')!);
 * schema.idMap.get('singer.name'); // '__singer.name__'
 */
export function buildSchema(entry: SpiderTableEntry): SpiderSchema {
  const tables = new Map<string, string[]>();
  for (const t of entry.table_names_original) tables.set(t.toLowerCase(), []);
  for (const [ti, col] of entry.column_names_original) {
    if (ti < 0) continue;
    const table = entry.table_names_original[ti];
    if (table === undefined) {
      throw new SpiderSchemaError(
        `tables.json db "${entry.db_id}": column "${col}" names table index ${ti}, which does not exist`,
      );
    }
    tables.get(table.toLowerCase())?.push(col.toLowerCase());
  }
  const idMap = new Map<string, string>([['*', '__all__']]);
  for (const [t, cols] of tables) for (const c of cols) idMap.set(`${t}.${c}`, `__${t}.${c}__`);
  for (const t of tables.keys()) idMap.set(t, `__${t}__`);
  return { tables, idMap };
}
