import { pyFloat, pyInt } from '../python/python-number.js';
import type { SpiderSchema } from './spider-schema.js';
import { SqlParseError } from './sql-parse-error.js';
import {
  AGG_OPS,
  CLAUSE_KEYWORDS,
  type ColUnit,
  type CondUnit,
  type CondValue,
  type Condition,
  JOIN_KEYWORDS,
  type OrderBy,
  SQL_OPS,
  type SpiderSql,
  type TableUnit,
  UNIT_OPS,
  type ValUnit,
  WHERE_OPS,
} from './sql-types.js';
import { tokenizeSql } from './tokenize-sql.js';

type Aliases = Map<string, string>;
type Ctx = { toks: string[]; aliases: Aliases; schema: SpiderSchema };

/**
 * Parses `query` against `schema` into the official Spider structure, following `process_sql.get_sql` step by step,
 * including its limits: table aliases are collected from every `AS` in the whole query (the last one wins, also
 * across sub-queries), column aliases and comma joins and `IS NULL` do not parse, and trailing text after a complete
 * query is ignored.
 *
 * @throws {SqlParseError} wherever the official parser raises (assertion, KeyError, IndexError, ValueError).
 * @example
 * const sql = parseSpiderSql(schema, 'SELECT count(*) FROM singer');
 * sql.select; // [false, [[3, [0, [0, '__all__', false], null]]]]
 */
export function parseSpiderSql(schema: SpiderSchema, query: string): SpiderSql {
  const toks = tokenizeSql(query);
  const aliases = tablesWithAlias(schema, toks);
  return parseSql({ toks, aliases, schema }, 0)[1];
}

function fail(message: string): never {
  throw new SqlParseError(message);
}

/** Python `toks[i]`: out of range raises. */
function tok(toks: readonly string[], i: number): string {
  const t = i < 0 ? toks[toks.length + i] : toks[i];
  if (t === undefined) fail(`unexpected end of query at token ${i}`);
  return t;
}

function tablesWithAlias(schema: SpiderSchema, toks: string[]): Aliases {
  const aliases: Aliases = new Map();
  toks.forEach((t, i) => {
    if (t === 'as') aliases.set(tok(toks, i + 1), tok(toks, i - 1));
  });
  for (const key of schema.tables.keys()) {
    if (aliases.has(key)) fail(`alias ${key} has the same name as a table`);
    aliases.set(key, key);
  }
  return aliases;
}

function lookup<V>(map: ReadonlyMap<string, V>, key: string): V {
  const v = map.get(key);
  if (v === undefined) fail(`unknown name: ${key}`);
  return v;
}

function parseCol(c: Ctx, toks: string[], start: number, defaultTables: string[] | null): [number, string] {
  const t = tok(toks, start);
  if (t === '*') return [start + 1, lookup(c.schema.idMap, t)];
  if (t.includes('.')) {
    const parts = t.split('.');
    if (parts.length !== 2) fail(`cannot unpack column token ${t}`);
    const key = `${lookup(c.aliases, parts[0])}.${parts[1]}`;
    return [start + 1, lookup(c.schema.idMap, key)];
  }
  if (defaultTables === null || defaultTables.length === 0)
    fail('Default tables should not be None or empty');
  for (const alias of defaultTables) {
    const table = lookup(c.aliases, alias);
    const cols = c.schema.tables.get(table);
    if (cols === undefined) fail(`unknown table ${table}`);
    if (cols.includes(t)) return [start + 1, lookup(c.schema.idMap, `${table}.${t}`)];
  }
  fail(`Error col: ${t}`);
}

function parseColUnit(
  c: Ctx,
  toks: string[],
  start: number,
  defaultTables: string[] | null,
): [number, ColUnit] {
  let idx = start;
  const len = toks.length;
  let isBlock = false;
  let isDistinct = false;
  if (tok(toks, idx) === '(') {
    isBlock = true;
    idx += 1;
  }
  const aggIdx = (AGG_OPS as readonly string[]).indexOf(tok(toks, idx));
  if (aggIdx >= 0) {
    idx += 1;
    if (!(idx < len && toks[idx] === '(')) fail('expected ( after aggregate');
    idx += 1;
    if (tok(toks, idx) === 'distinct') {
      idx += 1;
      isDistinct = true;
    }
    let colId: string;
    [idx, colId] = parseCol(c, toks, idx, defaultTables);
    if (!(idx < len && toks[idx] === ')')) fail('expected ) after aggregate column');
    idx += 1;
    // The official parser returns here without closing an opening block.
    return [idx, [aggIdx, colId, isDistinct]];
  }
  if (tok(toks, idx) === 'distinct') {
    idx += 1;
    isDistinct = true;
  }
  const [afterCol, colId] = parseCol(c, toks, idx, defaultTables);
  idx = afterCol;
  if (isBlock) {
    if (tok(toks, idx) !== ')') fail('expected )');
    idx += 1;
  }
  return [idx, [0, colId, isDistinct]];
}

function parseValUnit(c: Ctx, start: number, defaultTables: string[] | null): [number, ValUnit] {
  const { toks } = c;
  let idx = start;
  let isBlock = false;
  if (tok(toks, idx) === '(') {
    isBlock = true;
    idx += 1;
  }
  let unitOp = 0;
  let col2: ColUnit | null = null;
  const [afterCol1, col1] = parseColUnit(c, toks, idx, defaultTables);
  idx = afterCol1;
  if (idx < toks.length && (UNIT_OPS as readonly string[]).includes(toks[idx])) {
    unitOp = (UNIT_OPS as readonly string[]).indexOf(toks[idx]);
    idx += 1;
    [idx, col2] = parseColUnit(c, toks, idx, defaultTables);
  }
  if (isBlock) {
    if (tok(toks, idx) !== ')') fail('expected )');
    idx += 1;
  }
  return [idx, [unitOp, col1, col2]];
}

function parseTableUnit(c: Ctx, start: number): [number, string, string] {
  const { toks } = c;
  let idx = start;
  const key = lookup(c.aliases, tok(toks, idx));
  idx += idx + 1 < toks.length && toks[idx + 1] === 'as' ? 3 : 1;
  return [idx, lookup(c.schema.idMap, key), key];
}

function parseValue(c: Ctx, start: number, defaultTables: string[] | null): [number, CondValue] {
  const { toks } = c;
  let idx = start;
  let isBlock = false;
  if (tok(toks, idx) === '(') {
    isBlock = true;
    idx += 1;
  }
  let val: CondValue;
  const t = tok(toks, idx);
  if (t === 'select') {
    [idx, val] = parseSql(c, idx);
  } else if (t.includes('"')) {
    val = t;
    idx += 1;
  } else {
    const num = pyFloat(t);
    if (num !== undefined) {
      val = num;
      idx += 1;
    } else {
      let end = idx;
      while (
        end < toks.length &&
        toks[end] !== ',' &&
        toks[end] !== ')' &&
        toks[end] !== 'and' &&
        !CLAUSE_KEYWORDS.includes(toks[end]) &&
        !JOIN_KEYWORDS.includes(toks[end])
      ) {
        end += 1;
      }
      // The official parser re-parses from `start` (not `idx`) on the slice.
      [, val] = parseColUnit(c, toks.slice(start, end), 0, defaultTables);
      idx = end;
    }
  }
  if (isBlock) {
    if (tok(toks, idx) !== ')') fail('expected )');
    idx += 1;
  }
  return [idx, val];
}

function parseCondition(c: Ctx, start: number, defaultTables: string[] | null): [number, Condition] {
  const { toks } = c;
  let idx = start;
  const conds: Condition = [];
  while (idx < toks.length) {
    let valUnit: ValUnit;
    [idx, valUnit] = parseValUnit(c, idx, defaultTables);
    let notOp = false;
    if (tok(toks, idx) === 'not') {
      notOp = true;
      idx += 1;
    }
    const opId = idx < toks.length ? (WHERE_OPS as readonly string[]).indexOf(toks[idx]) : -1;
    if (opId < 0) fail(`Error condition: idx: ${idx}, tok: ${toks[idx]}`);
    idx += 1;
    let val1: CondValue;
    let val2: CondValue = null;
    if (opId === 1) {
      [idx, val1] = parseValue(c, idx, defaultTables);
      if (tok(toks, idx) !== 'and') fail('expected and in between');
      idx += 1;
      [idx, val2] = parseValue(c, idx, defaultTables);
    } else {
      [idx, val1] = parseValue(c, idx, defaultTables);
    }
    const unit: CondUnit = [notOp, opId, valUnit, val1, val2];
    conds.push(unit);
    if (
      idx < toks.length &&
      (CLAUSE_KEYWORDS.includes(toks[idx]) ||
        toks[idx] === ')' ||
        toks[idx] === ';' ||
        JOIN_KEYWORDS.includes(toks[idx]))
    ) {
      break;
    }
    if (idx < toks.length && (toks[idx] === 'and' || toks[idx] === 'or')) {
      conds.push(toks[idx] as 'and' | 'or');
      idx += 1;
    }
  }
  return [idx, conds];
}

function parseSelect(c: Ctx, start: number, defaultTables: string[]): [number, SpiderSql['select']] {
  const { toks } = c;
  let idx = start;
  if (tok(toks, idx) !== 'select') fail("'select' not found");
  idx += 1;
  let isDistinct = false;
  if (idx < toks.length && toks[idx] === 'distinct') {
    idx += 1;
    isDistinct = true;
  }
  const items: Array<[number, ValUnit]> = [];
  while (idx < toks.length && !CLAUSE_KEYWORDS.includes(toks[idx])) {
    let agg = 0;
    const a = (AGG_OPS as readonly string[]).indexOf(toks[idx]);
    if (a >= 0) {
      agg = a;
      idx += 1;
    }
    let valUnit: ValUnit;
    [idx, valUnit] = parseValUnit(c, idx, defaultTables);
    items.push([agg, valUnit]);
    if (idx < toks.length && toks[idx] === ',') idx += 1;
  }
  return [idx, [isDistinct, items]];
}

function parseFrom(c: Ctx, start: number): [number, TableUnit[], Condition, string[]] {
  const { toks } = c;
  const fromIdx = toks.indexOf('from', start);
  if (fromIdx < 0) fail("'from' not found");
  let idx = fromIdx + 1;
  const defaultTables: string[] = [];
  const tableUnits: TableUnit[] = [];
  const conds: Condition = [];
  while (idx < toks.length) {
    let isBlock = false;
    if (tok(toks, idx) === '(') {
      isBlock = true;
      idx += 1;
    }
    if (tok(toks, idx) === 'select') {
      let sub: SpiderSql;
      [idx, sub] = parseSql(c, idx);
      tableUnits.push(['sql', sub]);
    } else {
      if (idx < toks.length && toks[idx] === 'join') idx += 1;
      let tableId: string;
      let tableName: string;
      [idx, tableId, tableName] = parseTableUnit(c, idx);
      tableUnits.push(['table_unit', tableId]);
      defaultTables.push(tableName);
    }
    if (idx < toks.length && toks[idx] === 'on') {
      idx += 1;
      let these: Condition;
      [idx, these] = parseCondition(c, idx, defaultTables);
      if (conds.length > 0) conds.push('and');
      conds.push(...these);
    }
    if (isBlock) {
      if (tok(toks, idx) !== ')') fail('expected )');
      idx += 1;
    }
    if (idx < toks.length && (CLAUSE_KEYWORDS.includes(toks[idx]) || toks[idx] === ')' || toks[idx] === ';'))
      break;
  }
  return [idx, tableUnits, conds, defaultTables];
}

function parseOptionalCondition(
  c: Ctx,
  start: number,
  keyword: string,
  defaultTables: string[],
): [number, Condition] {
  if (start >= c.toks.length || c.toks[start] !== keyword) return [start, []];
  return parseCondition(c, start + 1, defaultTables);
}

function parseGroupBy(c: Ctx, start: number, defaultTables: string[]): [number, ColUnit[]] {
  const { toks } = c;
  let idx = start;
  const units: ColUnit[] = [];
  if (idx >= toks.length || toks[idx] !== 'group') return [idx, units];
  idx += 1;
  if (tok(toks, idx) !== 'by') fail('expected by after group');
  idx += 1;
  while (
    idx < toks.length &&
    !(CLAUSE_KEYWORDS.includes(toks[idx]) || toks[idx] === ')' || toks[idx] === ';')
  ) {
    let unit: ColUnit;
    [idx, unit] = parseColUnit(c, toks, idx, defaultTables);
    units.push(unit);
    if (idx < toks.length && toks[idx] === ',') idx += 1;
    else break;
  }
  return [idx, units];
}

function parseOrderBy(c: Ctx, start: number, defaultTables: string[]): [number, OrderBy] {
  const { toks } = c;
  let idx = start;
  const units: ValUnit[] = [];
  let direction: 'asc' | 'desc' = 'asc';
  if (idx >= toks.length || toks[idx] !== 'order') return [idx, []];
  idx += 1;
  if (tok(toks, idx) !== 'by') fail('expected by after order');
  idx += 1;
  while (
    idx < toks.length &&
    !(CLAUSE_KEYWORDS.includes(toks[idx]) || toks[idx] === ')' || toks[idx] === ';')
  ) {
    let unit: ValUnit;
    [idx, unit] = parseValUnit(c, idx, defaultTables);
    units.push(unit);
    // One direction for the whole clause: the last one written wins, as in the official parser.
    if (idx < toks.length && (toks[idx] === 'asc' || toks[idx] === 'desc')) {
      direction = toks[idx] as 'asc' | 'desc';
      idx += 1;
    }
    if (idx < toks.length && toks[idx] === ',') idx += 1;
    else break;
  }
  return [idx, [direction, units]];
}

function parseLimit(c: Ctx, start: number): [number, number | null] {
  const { toks } = c;
  if (start < toks.length && toks[start] === 'limit') {
    const n = pyInt(tok(toks, start + 1));
    if (n === undefined) fail(`invalid limit ${toks[start + 1]}`);
    return [start + 2, n];
  }
  return [start, null];
}

function skipSemicolon(toks: string[], start: number): number {
  let idx = start;
  while (idx < toks.length && toks[idx] === ';') idx += 1;
  return idx;
}

function parseSql(c: Ctx, start: number): [number, SpiderSql] {
  const { toks } = c;
  let idx = start;
  let isBlock = false;
  if (tok(toks, idx) === '(') {
    isBlock = true;
    idx += 1;
  }
  // FROM first (from `start`, as the official parser does) to know the default tables of unqualified columns.
  const [fromEnd, tableUnits, fromConds, defaultTables] = parseFrom(c, start);
  const [, select] = parseSelect(c, idx, defaultTables);
  const [afterWhere, where] = parseOptionalCondition(c, fromEnd, 'where', defaultTables);
  const [afterGroup, groupBy] = parseGroupBy(c, afterWhere, defaultTables);
  const [afterHaving, having] = parseOptionalCondition(c, afterGroup, 'having', defaultTables);
  const [afterOrder, orderBy] = parseOrderBy(c, afterHaving, defaultTables);
  const [afterLimit, limit] = parseLimit(c, afterOrder);
  idx = skipSemicolon(toks, afterLimit);
  if (isBlock) {
    if (tok(toks, idx) !== ')') fail('expected )');
    idx += 1;
  }
  idx = skipSemicolon(toks, idx);
  const sql: SpiderSql = {
    select,
    from: { table_units: tableUnits, conds: fromConds },
    where,
    groupBy,
    having,
    orderBy,
    limit,
    intersect: null,
    union: null,
    except: null,
  };
  if (idx < toks.length && (SQL_OPS as readonly string[]).includes(toks[idx])) {
    const op = toks[idx] as (typeof SQL_OPS)[number];
    let sub: SpiderSql;
    [idx, sub] = parseSql(c, idx + 1);
    sql[op] = sub;
  }
  return [idx, sql];
}
