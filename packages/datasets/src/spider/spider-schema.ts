import { DatasetError } from '../errors/dataset-error.js';
import { readJsonArray } from '../io/read-json-file.js';

/** One column of a Spider table, with its original (SQL) name and Spider's coarse type. */
export interface SpiderColumn {
  name: string;
  /** Spider's type: `text`, `number`, `time`, `boolean` or `others`. */
  type: string;
}

/** One table of a Spider database. */
export interface SpiderTable {
  name: string;
  columns: SpiderColumn[];
  /** Column names of the primary key (several for a composite key). */
  primaryKey: string[];
  /** Foreign keys leaving this table. */
  foreignKeys: { column: string; refTable: string; refColumn: string }[];
}

/** A database schema from `tables.json`, with original names as used in the gold SQL. */
export interface SpiderSchema {
  dbId: string;
  tables: SpiderTable[];
}

function field<T>(
  entry: Record<string, unknown>,
  key: string,
  file: string,
  row: number,
  check: (v: unknown) => v is T,
  expected: string,
): T {
  const value = entry[key];
  if (!check(value)) {
    const found = value === undefined ? 'no such field' : JSON.stringify(value)?.slice(0, 60);
    throw new DatasetError({ file, row, field: key }, `expected ${expected}, found ${found}`);
  }
  return value;
}
const isString = (v: unknown): v is string => typeof v === 'string';
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const isColumnList = (v: unknown): v is [number, string][] =>
  Array.isArray(v) &&
  v.every((c) => Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'string');
const isKeyList = (v: unknown): v is (number | number[])[] =>
  Array.isArray(v) &&
  v.every((k) => typeof k === 'number' || (Array.isArray(k) && k.every((x) => typeof x === 'number')));
const isPairList = (v: unknown): v is [number, number][] =>
  Array.isArray(v) &&
  v.every((p) => Array.isArray(p) && p.length === 2 && p.every((x) => typeof x === 'number'));

/**
 * Converts one `tables.json` entry. Column 0 is Spider's `*` pseudo-column and is dropped; primary keys may be
 * column indices or, in newer releases, arrays of indices for composite keys.
 */
export function parseSpiderSchema(entry: unknown, file: string, row: number): SpiderSchema {
  if (typeof entry !== 'object' || entry === null)
    throw new DatasetError({ file, row }, 'expected an object');
  const e = entry as Record<string, unknown>;
  const dbId = field(e, 'db_id', file, row, isString, 'a string');
  const tableNames = field(e, 'table_names_original', file, row, isStringArray, 'an array of strings');
  const columns = field(
    e,
    'column_names_original',
    file,
    row,
    isColumnList,
    'an array of [table index, name]',
  );
  const types = field(e, 'column_types', file, row, isStringArray, 'an array of strings');
  const primary = field(e, 'primary_keys', file, row, isKeyList, 'an array of column indices');
  const foreign = field(e, 'foreign_keys', file, row, isPairList, 'an array of [column, column] pairs');
  if (types.length !== columns.length) {
    throw new DatasetError(
      { file, row, field: 'column_types' },
      `expected one type per column (${columns.length}), found ${types.length}`,
    );
  }
  const column = (index: number, key: string) => {
    const c = columns[index];
    if (!c || c[0] < 0 || c[0] >= tableNames.length) {
      throw new DatasetError(
        { file, row, field: key },
        `column index ${index} does not name a table column of '${dbId}'`,
      );
    }
    return { table: c[0], name: c[1] };
  };
  const tables: SpiderTable[] = tableNames.map((name) => ({
    name,
    columns: [],
    primaryKey: [],
    foreignKeys: [],
  }));
  columns.forEach(([t, name], i) => {
    if (t < 0) return; // the `*` pseudo-column
    if (t >= tables.length) {
      throw new DatasetError(
        { file, row, field: 'column_names_original' },
        `column '${name}' names table ${t}, not one of ${tables.length}`,
      );
    }
    tables[t].columns.push({ name, type: types[i] });
  });
  for (const key of primary) {
    for (const index of Array.isArray(key) ? key : [key]) {
      const c = column(index, 'primary_keys');
      tables[c.table].primaryKey.push(c.name);
    }
  }
  for (const [from, to] of foreign) {
    const a = column(from, 'foreign_keys');
    const b = column(to, 'foreign_keys');
    tables[a.table].foreignKeys.push({ column: a.name, refTable: tables[b.table].name, refColumn: b.name });
  }
  return { dbId, tables };
}

/**
 * Reads Spider's `tables.json` into a map from `db_id` to schema.
 *
 * @example
 * const schemas = await loadSpiderTables('spider/tables.json');
 * schemas.get('concert_singer')?.tables.map((t) => t.name);
 */
export async function loadSpiderTables(path: string): Promise<Map<string, SpiderSchema>> {
  const entries = await readJsonArray(path);
  const schemas = new Map<string, SpiderSchema>();
  entries.forEach((entry, row) => {
    const schema = parseSpiderSchema(entry, path, row);
    if (schemas.has(schema.dbId)) {
      throw new DatasetError({ file: path, row, field: 'db_id' }, `duplicate db_id '${schema.dbId}'`);
    }
    schemas.set(schema.dbId, schema);
  });
  return schemas;
}
