/**
 * The parsed-SQL shapes of the official Spider `process_sql.py`, one to one, so that a parsed query can be compared
 * with the `sql` field of Spider's `dev.json` and reasoned about with the official script in mind.
 *
 * Column ids are the official strings: `__all__` for `*`, `__table.column__` (lower case) otherwise; table ids are
 * `__table__`.
 */

/** Aggregates in the official order (`AGG_OPS`): the index is the aggregate id. */
export const AGG_OPS = ['none', 'max', 'min', 'count', 'sum', 'avg'] as const;
/** Arithmetic between two column units (`UNIT_OPS`): the index is the unit-op id. */
export const UNIT_OPS = ['none', '-', '+', '*', '/'] as const;
/** Condition operators (`WHERE_OPS`): the index is the op id. */
export const WHERE_OPS = [
  'not',
  'between',
  '=',
  '>',
  '<',
  '>=',
  '<=',
  '!=',
  'in',
  'like',
  'is',
  'exists',
] as const;
/** Keywords that end a clause. */
export const CLAUSE_KEYWORDS = [
  'select',
  'from',
  'where',
  'group',
  'order',
  'limit',
  'intersect',
  'union',
  'except',
];
/** Keywords of the FROM clause. */
export const JOIN_KEYWORDS = ['join', 'on', 'as'];
/** Set operators, in the order the official script initialises them. */
export const SQL_OPS = ['intersect', 'union', 'except'] as const;

/**
 * `(agg_id, col_id, isDistinct)`. `isDistinct` becomes `null` once the evaluator has normalised the unit
 * (`DISABLE_DISTINCT` in the official script).
 */
export type ColUnit = [aggId: number, colId: string, isDistinct: boolean | null];
/** `(unit_op, col_unit1, col_unit2)`. */
export type ValUnit = [unitOp: number, colUnit1: ColUnit, colUnit2: ColUnit | null];
/** A condition value: a number, a quoted string token, a nested query, a column unit, or `null` once values are dropped. */
export type CondValue = number | string | SpiderSql | ColUnit | null;
/** `(not_op, op_id, val_unit, val1, val2)`. */
export type CondUnit = [notOp: boolean, opId: number, valUnit: ValUnit, val1: CondValue, val2: CondValue];
/** `[cond_unit1, 'and' | 'or', cond_unit2, ...]`. */
export type Condition = Array<CondUnit | 'and' | 'or'>;
/** `('table_unit', '__t__')` or `('sql', nested query)`. */
export type TableUnit = ['table_unit', string] | ['sql', SpiderSql];
/** `(order, val_units)` or the empty list when the query has no ORDER BY. */
export type OrderBy = [direction: 'asc' | 'desc', valUnits: ValUnit[]] | [];

/** One parsed query, with the official field names. */
export interface SpiderSql {
  select: [isDistinct: boolean | null, items: Array<[aggId: number, valUnit: ValUnit]>];
  from: { table_units: TableUnit[]; conds: Condition };
  where: Condition;
  groupBy: ColUnit[];
  having: Condition;
  orderBy: OrderBy;
  limit: number | null;
  intersect: SpiderSql | null;
  union: SpiderSql | null;
  except: SpiderSql | null;
}

/** The official stand-in for a prediction that does not parse: every clause empty. */
export function emptySql(): SpiderSql {
  return {
    select: [false, []],
    from: { table_units: [], conds: [] },
    where: [],
    groupBy: [],
    having: [],
    orderBy: [],
    limit: null,
    intersect: null,
    union: null,
    except: null,
  };
}

/** True when `value` is a nested query (a `dict` in the official script). */
export function isSql(value: unknown): value is SpiderSql {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
