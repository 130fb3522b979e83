import type { SpiderSql } from '../parse/sql-types.js';
import { pyEqual, pySorted } from '../python/python-equal.js';
import { type PartialScores, evalPartialMatch } from './partial-match.js';

/** Exact-set match of one normalised prediction against its normalised gold, and the component scores. */
export interface ExactMatchResult {
  exact: 0 | 1;
  partial: PartialScores;
}

/**
 * The official `Evaluator.eval_exact_match`: every partial component must have F1 = 1, and the FROM table units
 * must be the same set. Join conditions are not compared (the official script's behaviour).
 *
 * @throws {import('../python/python-equal.js').PyTypeError} where the official script raises (two FROM sub-queries that
 *   differ cannot be sorted in Python).
 */
export function evalExactMatch(pred: SpiderSql, label: SpiderSql): ExactMatchResult {
  const partial = evalPartialMatch(pred, label, (p, l) => evalExactMatch(p, l).exact);
  for (const score of Object.values(partial)) if (score.f1 !== 1) return { exact: 0, partial };
  if (label.from.table_units.length > 0) {
    const same = pyEqual(pySorted(label.from.table_units), pySorted(pred.from.table_units));
    return { exact: same ? 1 : 0, partial };
  }
  return { exact: 1, partial };
}
