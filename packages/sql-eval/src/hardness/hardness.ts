import { type CondItem, condItem, evenItems, itemHead, oddItems } from '../parse/condition-slices.js';
import type { ColUnit, SpiderSql, ValUnit } from '../parse/sql-types.js';
import { isSql } from '../parse/sql-types.js';

/** Spider's hardness levels. */
export type Hardness = 'easy' | 'medium' | 'hard' | 'extra';

/** Python `unit[0] != 0` on what `count_agg` is handed: an aggregate id, a NOT flag, or an 'and'/'or' string. */
function hasAgg(unit: ColUnit | CondItem | [number, ValUnit]): boolean {
  if (typeof unit === 'string') return itemHead(unit); // 'and'[0] == 'a' != 0
  const head = unit[0];
  return typeof head === 'boolean' ? head : head !== 0;
}

/** The official `get_nestedSQL`: sub-queries in conditions (FROM ON, WHERE, HAVING) and the set-operation parts. */
export function nestedQueries(sql: SpiderSql): SpiderSql[] {
  const nested: SpiderSql[] = [];
  for (const u of [...evenItems(sql.from.conds), ...evenItems(sql.where), ...evenItems(sql.having)]) {
    const v1 = condItem(u, 3);
    const v2 = condItem(u, 4);
    if (isSql(v1)) nested.push(v1);
    if (isSql(v2)) nested.push(v2);
  }
  if (sql.intersect !== null) nested.push(sql.intersect);
  if (sql.except !== null) nested.push(sql.except);
  if (sql.union !== null) nested.push(sql.union);
  return nested;
}

function countComponent1(sql: SpiderSql): number {
  let count = 0;
  if (sql.where.length > 0) count += 1;
  if (sql.groupBy.length > 0) count += 1;
  if (sql.orderBy.length > 0) count += 1;
  if (sql.limit !== null) count += 1;
  if (sql.from.table_units.length > 0) count += sql.from.table_units.length - 1;
  const all = [sql.from.conds, sql.where, sql.having];
  count += all.flatMap(oddItems).filter((t) => t === 'or').length;
  count += all.flatMap(evenItems).filter((u) => condItem(u, 1) === 9).length; // like
  return count;
}

function countOthers(sql: SpiderSql): number {
  let count = 0;
  // The official count includes NOT flags of WHERE conditions and the and/or connectors of HAVING.
  let agg = sql.select[1].filter(hasAgg).length;
  agg += evenItems(sql.where).filter(hasAgg).length;
  agg += sql.groupBy.filter(hasAgg).length;
  if (sql.orderBy.length > 0) {
    const units = sql.orderBy[1] as ValUnit[];
    agg += [...units.map((u) => u[1]), ...units.flatMap((u) => (u[2] === null ? [] : [u[2]]))].filter(
      hasAgg,
    ).length;
  }
  agg += sql.having.filter(hasAgg).length;
  if (agg > 1) count += 1;
  if (sql.select[1].length > 1) count += 1;
  if (sql.where.length > 1) count += 1;
  if (sql.groupBy.length > 1) count += 1;
  return count;
}

/**
 * The official `eval_hardness` on a parsed gold query (before value/column normalisation).
 *
 * @example
 * evalHardness(parseSpiderSql(schema, 'SELECT count(*) FROM singer')); // 'easy'
 */
export function evalHardness(sql: SpiderSql): Hardness {
  const c1 = countComponent1(sql);
  const c2 = nestedQueries(sql).length;
  const others = countOthers(sql);
  if (c1 <= 1 && others === 0 && c2 === 0) return 'easy';
  if ((others <= 2 && c1 <= 1 && c2 === 0) || (c1 <= 2 && others < 2 && c2 === 0)) return 'medium';
  if (
    (others > 2 && c1 <= 2 && c2 === 0) ||
    (c1 > 2 && c1 <= 3 && others <= 2 && c2 === 0) ||
    (c1 <= 1 && others === 0 && c2 <= 1)
  ) {
    return 'hard';
  }
  return 'extra';
}
