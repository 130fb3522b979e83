import type { SpiderSchema } from '../parse/spider-schema.js';
import {
  type ColUnit,
  type CondUnit,
  type CondValue,
  type Condition,
  type SpiderSql,
  type TableUnit,
  type ValUnit,
  isSql,
} from '../parse/sql-types.js';
import { PyTypeError } from '../python/python-equal.js';

/**
 * The official evaluation's `rebuild_sql_val` + `rebuild_sql_col` in the default mode (values disregarded,
 * DISTINCT disregarded, foreign-key columns merged). Returns a new structure; the input is not changed.
 *
 * What it touches, exactly as the official script:
 * - every condition value that is not a nested query becomes `null`, recursively inside nested queries too;
 * - in the top-level query and its INTERSECT / UNION / EXCEPT parts (not in sub-queries of conditions or FROM),
 *   DISTINCT flags become `null` and columns of the top-level FROM tables are mapped through the foreign-key map.
 */
export function normalizeSql(
  sql: SpiderSql,
  schema: SpiderSchema,
  fkMap: ReadonlyMap<string, string>,
): SpiderSql {
  const valid = validColUnits(sql.from.table_units, schema);
  return rebuildCols(dropValues(sql), valid, fkMap);
}

function validColUnits(tableUnits: TableUnit[], schema: SpiderSchema): Set<string> {
  const prefixes = new Set(
    tableUnits.filter((t) => t[0] === 'table_unit').map((t) => (t[1] as string).slice(0, -2)),
  );
  const valid = new Set<string>();
  for (const id of schema.idMap.values()) {
    const dot = id.indexOf('.');
    if (dot >= 0 && prefixes.has(id.slice(0, dot))) valid.add(id);
  }
  return valid;
}

function dropValues(sql: SpiderSql): SpiderSql {
  // By position, as the official script: items at even positions are units (a connector there cannot be unpacked,
  // which makes the official script raise), items at odd positions are left alone.
  const dropCond = (cond: Condition): Condition =>
    cond.map((u, i) => {
      if (i % 2 === 1) return u;
      if (typeof u === 'string') throw new PyTypeError(`cannot unpack '${u}' as a condition unit`);
      const [notOp, opId, valUnit, v1, v2] = u;
      const keep = (v: CondValue): CondValue => (isSql(v) ? dropValues(v) : null);
      return [notOp, opId, valUnit, keep(v1), keep(v2)] as CondUnit;
    });
  const sub = (s: SpiderSql | null): SpiderSql | null => (s === null ? null : dropValues(s));
  return {
    ...sql,
    from: { table_units: sql.from.table_units, conds: dropCond(sql.from.conds) },
    where: dropCond(sql.where),
    having: dropCond(sql.having),
    intersect: sub(sql.intersect),
    except: sub(sql.except),
    union: sub(sql.union),
  };
}

function rebuildCols(sql: SpiderSql, valid: Set<string>, fkMap: ReadonlyMap<string, string>): SpiderSql {
  const colUnit = (cu: ColUnit | null): ColUnit | null => {
    if (cu === null) return null;
    const [agg, colId] = cu;
    const mapped = fkMap.get(colId);
    return [agg, mapped !== undefined && valid.has(colId) ? mapped : colId, null];
  };
  const valUnit = (vu: ValUnit): ValUnit => [vu[0], colUnit(vu[1]) as ColUnit, colUnit(vu[2])];
  const cond = (c: Condition): Condition =>
    c.map((u, i) =>
      i % 2 === 1 || typeof u === 'string' ? u : ([u[0], u[1], valUnit(u[2]), u[3], u[4]] as CondUnit),
    );
  const sub = (s: SpiderSql | null): SpiderSql | null => (s === null ? null : rebuildCols(s, valid, fkMap));
  return {
    select: [null, sql.select[1].map(([agg, vu]) => [agg, valUnit(vu)] as [number, ValUnit])],
    from: { table_units: sql.from.table_units, conds: cond(sql.from.conds) },
    where: cond(sql.where),
    groupBy: sql.groupBy.map((cu) => colUnit(cu) as ColUnit),
    orderBy: sql.orderBy.length === 0 ? [] : [sql.orderBy[0], sql.orderBy[1].map(valUnit)],
    having: cond(sql.having),
    limit: sql.limit,
    intersect: sub(sql.intersect),
    except: sub(sql.except),
    union: sub(sql.union),
  };
}
