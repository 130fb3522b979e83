import { condItem, evenItems, hashKey, itemHead, oddItems } from '../parse/condition-slices.js';
import type { SpiderSql } from '../parse/sql-types.js';
import { pyEqual, pyIndexOf } from '../python/python-equal.js';

/** The official partial-match components, in the order the official report prints them. */
export const PARTIAL_COMPONENTS = [
  'select',
  'select(no AGG)',
  'where',
  'where(no OP)',
  'group(no Having)',
  'group',
  'order',
  'and/or',
  'IUEN',
  'keywords',
] as const;

/** One partial-match component name. */
export type PartialComponent = (typeof PARTIAL_COMPONENTS)[number];

/** One component's score for one example, as the official `eval_partial_match` returns it. */
export interface ComponentScore {
  acc: number;
  rec: number;
  f1: number;
  label_total: number;
  pred_total: number;
}

/** All component scores of one example. */
export type PartialScores = Record<PartialComponent, ComponentScore>;

type Counts = [labelTotal: number, predTotal: number, cnt: number];

function scores(cnt: number, predTotal: number, labelTotal: number): [number, number, number] {
  if (predTotal !== labelTotal) return [0, 0, 0];
  if (cnt === predTotal) return [1, 1, 1];
  return [0, 0, 0];
}

/** Counts matches of `pred` items in `label` items, each label item used once (Python `in` + `remove`). */
function countMatches(pred: readonly unknown[], label: readonly unknown[]): number {
  const pool = [...label];
  let cnt = 0;
  for (const p of pred) {
    const i = pyIndexOf(pool, p);
    if (i >= 0) {
      cnt += 1;
      pool.splice(i, 1);
    }
  }
  return cnt;
}

function evalSelect(pred: SpiderSql, label: SpiderSql): [number, number, number, number] {
  const p = pred.select[1];
  const l = label.select[1];
  return [
    l.length,
    p.length,
    countMatches(p, l),
    countMatches(
      p.map((u) => u[1]),
      l.map((u) => u[1]),
    ),
  ];
}

function evalWhere(pred: SpiderSql, label: SpiderSql): [number, number, number, number] {
  const p = evenItems(pred.where);
  const l = evenItems(label.where);
  // Python evaluates `[unit[2] for unit in label_conds]` first, then `unit[2]` per prediction unit.
  const lWithoutOp = l.map((u) => condItem(u, 2));
  return [
    l.length,
    p.length,
    countMatches(p, l),
    countMatches(
      p.map((u) => condItem(u, 2)),
      lWithoutOp,
    ),
  ];
}

function evalGroup(pred: SpiderSql, label: SpiderSql): Counts {
  // Compared by column name only: the table part of `__table.column__` is dropped.
  const strip = (id: string): string => (id.includes('.') ? id.split('.')[1] : id);
  const p = pred.groupBy.map((u) => strip(u[1]));
  const l = label.groupBy.map((u) => strip(u[1]));
  return [l.length, p.length, countMatches(p, l)];
}

function evalHaving(pred: SpiderSql, label: SpiderSql): Counts {
  const predTotal = pred.groupBy.length > 0 ? 1 : 0;
  const labelTotal = label.groupBy.length > 0 ? 1 : 0;
  const same =
    predTotal === 1 &&
    labelTotal === 1 &&
    pyEqual(
      pred.groupBy.map((u) => u[1]),
      label.groupBy.map((u) => u[1]),
    ) &&
    pyEqual(pred.having, label.having);
  return [labelTotal, predTotal, same ? 1 : 0];
}

function evalOrder(pred: SpiderSql, label: SpiderSql): Counts {
  const predTotal = pred.orderBy.length > 0 ? 1 : 0;
  const labelTotal = label.orderBy.length > 0 ? 1 : 0;
  const same =
    label.orderBy.length > 0 &&
    pyEqual(pred.orderBy, label.orderBy) &&
    (pred.limit === null) === (label.limit === null);
  return [labelTotal, predTotal, same ? 1 : 0];
}

function evalAndOr(pred: SpiderSql, label: SpiderSql): Counts {
  const p = new Set(oddItems(pred.where).map(hashKey));
  const l = new Set(oddItems(label.where).map(hashKey));
  if (p.size === l.size && [...p].every((x) => l.has(x))) return [1, 1, 1];
  // The official function returns the two sizes in this (swapped) order.
  return [p.size, l.size, 0];
}

function evalNested(
  pred: SpiderSql | null,
  label: SpiderSql | null,
  exact: (p: SpiderSql, l: SpiderSql) => number,
): Counts {
  const cnt = pred !== null && label !== null ? exact(pred, label) : 0;
  return [label !== null ? 1 : 0, pred !== null ? 1 : 0, cnt];
}

function evalIUEN(pred: SpiderSql, label: SpiderSql, exact: (p: SpiderSql, l: SpiderSql) => number): Counts {
  const parts = (['intersect', 'except', 'union'] as const).map((op) =>
    evalNested(pred[op], label[op], exact),
  );
  return parts.reduce<Counts>((a, b) => [a[0] + b[0], a[1] + b[1], a[2] + b[2]], [0, 0, 0]);
}

/** The official `get_keywords`. */
export function sqlKeywords(sql: SpiderSql): Set<string> {
  const res = new Set<string>();
  if (sql.where.length > 0) res.add('where');
  if (sql.groupBy.length > 0) res.add('group');
  if (sql.having.length > 0) res.add('having');
  if (sql.orderBy.length > 0) {
    res.add(sql.orderBy[0] as string);
    res.add('order');
  }
  if (sql.limit !== null) res.add('limit');
  if (sql.except !== null) res.add('except');
  if (sql.union !== null) res.add('union');
  if (sql.intersect !== null) res.add('intersect');
  const all = [sql.from.conds, sql.where, sql.having];
  if (all.flatMap(oddItems).includes('or')) res.add('or');
  const units = all.flatMap(evenItems);
  if (units.some(itemHead)) res.add('not');
  if (units.some((u) => condItem(u, 1) === 8)) res.add('in');
  if (units.some((u) => condItem(u, 1) === 9)) res.add('like');
  return res;
}

function evalKeywords(pred: SpiderSql, label: SpiderSql): Counts {
  const p = sqlKeywords(pred);
  const l = sqlKeywords(label);
  return [l.size, p.size, [...p].filter((k) => l.has(k)).length];
}

/**
 * The official `eval_partial_match` on two normalised queries.
 *
 * @param exact the exact-match function used for INTERSECT / UNION / EXCEPT parts (the official recursion).
 */
export function evalPartialMatch(
  pred: SpiderSql,
  label: SpiderSql,
  exact: (p: SpiderSql, l: SpiderSql) => number,
): PartialScores {
  const entry = (labelTotal: number, predTotal: number, cnt: number): ComponentScore => {
    const [acc, rec, f1] = scores(cnt, predTotal, labelTotal);
    return { acc, rec, f1, label_total: labelTotal, pred_total: predTotal };
  };
  const [sl, sp, sc, sca] = evalSelect(pred, label);
  const [wl, wp, wc, wca] = evalWhere(pred, label);
  return {
    select: entry(sl, sp, sc),
    'select(no AGG)': entry(sl, sp, sca),
    where: entry(wl, wp, wc),
    'where(no OP)': entry(wl, wp, wca),
    'group(no Having)': entry(...evalGroup(pred, label)),
    group: entry(...evalHaving(pred, label)),
    order: entry(...evalOrder(pred, label)),
    'and/or': entry(...evalAndOr(pred, label)),
    IUEN: entry(...evalIUEN(pred, label, exact)),
    keywords: entry(...evalKeywords(pred, label)),
  };
}
