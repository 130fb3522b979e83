import { SpiderSchemaError } from '../errors.js';
// The names a query may use, indexed for prefix search: which tables and columns of a `tables.json` entry the
// Spider grammar can spell, and why the others cannot.
import type { SpiderTableEntry } from '../parse/spider-schema.js';
import { type AliasNames, isReservedWord, isSqliteKeyword, tokenizesWhole } from './sql-words.js';

/** A table or column the grammar cannot spell, with the reason (a query can never name it). */
export interface UnreachableName {
  /** The name as `tables.json` writes it. */
  name: string;
  /** For a column: its table. */
  table?: string;
  reason: string;
}

/** The tables and columns of one database, lower-cased as the official evaluation compares them. */
export interface CheckerSchema {
  readonly dbId: string;
  /** Usable table names, sorted. */
  readonly tables: readonly string[];
  /** Column names of any table that may be written unqualified, sorted, without repeats. */
  readonly columns: readonly string[];
  /** Every usable column name (qualified use), sorted, without repeats. */
  readonly qualifiedColumns: readonly string[];
  /** Columns named like a keyword (`count`): only `alias.count` can name them, as one official token. */
  readonly qualifiedOnly: ReadonlySet<string>;
  /** Table → its usable column names. */
  readonly tableColumns: ReadonlyMap<string, ReadonlySet<string>>;
  /** Table → how many columns `SELECT *` returns (every column, usable or not). */
  readonly tableWidth: ReadonlyMap<string, number>;
  /** Column → the usable tables that have it. */
  readonly columnTables: ReadonlyMap<string, readonly string[]>;
  readonly unreachable: readonly UnreachableName[];
  /** The names a query may give a table (a checker option, kept here for the grammar). */
  readonly aliasNames: AliasNames;
}

/** A word an unquoted name must be: letters, digits and `_`, not starting with a digit. */
const NAME = /^[\p{L}_][\p{L}\p{N}_]*$/u;

/** Why `name` (lower case) cannot be written as an unquoted name the official tokenizer keeps whole, or null. */
export function nameProblem(name: string): string | null {
  if (!NAME.test(name)) {
    return 'not a plain name (letters, digits and _, not starting with a digit): it would need quotes, which the Spider grammar does not have';
  }
  if (isReservedWord(name)) return 'a keyword of the Spider grammar';
  if (!tokenizesWhole(name)) return 'the official tokenizer splits it into several words';
  return null;
}

function fail(dbId: string, message: string): never {
  throw new SpiderSchemaError(`SqlPrefixChecker: database "${dbId}": ${message}`);
}

/**
 * Indexes one `tables.json` entry. Names are lower-cased (the official evaluation does; SQLite compares ASCII
 * names case-insensitively); names the grammar cannot spell are listed in `unreachable`, not dropped silently.
 *
 * @throws when the entry is malformed (naming the field and index), has no tables, or no table can be named
 */
export function buildCheckerSchema(entry: SpiderTableEntry, aliasNames: AliasNames = 'any'): CheckerSchema {
  if (entry === null || typeof entry !== 'object')
    throw new SpiderSchemaError('SqlPrefixChecker: schema entry is not an object');
  const dbId = typeof entry.db_id === 'string' ? entry.db_id : fail('?', 'db_id is not a string');
  if (!Array.isArray(entry.table_names_original)) fail(dbId, 'table_names_original is not an array');
  if (!Array.isArray(entry.column_names_original)) fail(dbId, 'column_names_original is not an array');
  if (entry.table_names_original.length === 0) fail(dbId, 'the schema has no tables');

  const unreachable: UnreachableName[] = [];
  const qualifiedOnly = new Set<string>();
  const usable: Array<string | null> = []; // by table index: the lower-cased name, or null when unreachable
  const seen = new Set<string>();
  entry.table_names_original.forEach((raw, i) => {
    if (typeof raw !== 'string') fail(dbId, `table_names_original[${i}] is not a string`);
    const name = raw.toLowerCase();
    if (seen.has(name)) fail(dbId, `table_names_original[${i}] "${raw}" repeats another table's name`);
    seen.add(name);
    const problem = nameProblem(name);
    if (problem !== null) unreachable.push({ name: raw, reason: problem });
    usable.push(problem === null ? name : null);
  });

  const tableColumns = new Map<string, Set<string>>();
  const tableWidth = new Map<string, number>();
  for (const t of usable) {
    if (t === null) continue;
    tableColumns.set(t, new Set());
    tableWidth.set(t, 0);
  }
  entry.column_names_original.forEach((pair, i) => {
    if (!Array.isArray(pair) || typeof pair[0] !== 'number' || typeof pair[1] !== 'string') {
      fail(dbId, `column_names_original[${i}] is not a [tableIndex, name] pair`);
    }
    const [ti, raw] = pair;
    if (ti < 0) return; // the `*` entry
    if (!Number.isInteger(ti) || ti >= usable.length) {
      fail(dbId, `column_names_original[${i}] "${raw}" names table index ${ti}, which does not exist`);
    }
    const table = usable[ti];
    if (table === null) return; // counted with its unreachable table
    tableWidth.set(table, (tableWidth.get(table) as number) + 1);
    const name = raw.toLowerCase();
    const problem = nameProblem(name);
    // `t.count` is one token to the official tokenizer and a plain name to SQLite; `t.from` is neither.
    const qualifiable = isReservedWord(name) && !isSqliteKeyword(name);
    if (problem !== null && !qualifiable) {
      unreachable.push({ name: raw, table: entry.table_names_original[ti], reason: problem });
      return;
    }
    if (qualifiable) qualifiedOnly.add(name);
    (tableColumns.get(table) as Set<string>).add(name);
  });
  for (const [t, width] of tableWidth) {
    if (width === 0) {
      unreachable.push({ name: t, reason: 'the table has no columns' });
      tableColumns.delete(t);
      tableWidth.delete(t);
    }
  }
  if (tableColumns.size === 0) {
    fail(
      dbId,
      `no table can be written in the Spider grammar (${unreachable.map((u) => u.name).join(', ')})`,
    );
  }

  const columnTables = new Map<string, string[]>();
  for (const [t, cols] of tableColumns) {
    for (const c of cols) {
      const list = columnTables.get(c);
      if (list) list.push(t);
      else columnTables.set(c, [t]);
    }
  }
  return {
    dbId,
    tables: [...tableColumns.keys()].sort(),
    columns: [...columnTables.keys()].filter((c) => !qualifiedOnly.has(c)).sort(),
    qualifiedColumns: [...columnTables.keys()].sort(),
    qualifiedOnly,
    tableColumns,
    tableWidth,
    columnTables,
    unreachable,
    aliasNames,
  };
}

/** Whether some name of `sorted` starts with `prefix` and passes `accept` (binary search, then a scan). */
export function someWithPrefix(
  sorted: readonly string[],
  prefix: string,
  accept: (name: string) => boolean = () => true,
): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < prefix) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < sorted.length && sorted[i].startsWith(prefix); i++) if (accept(sorted[i])) return true;
  return false;
}
