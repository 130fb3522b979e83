import type { SchemaConstraintStats } from './schema-constraint.js';

/** One log line saying what schema-constrained decoding did (for `t5sql eval` and the bench harness). */
export function describeConstraintStats(stats: SchemaConstraintStats): string {
  return (
    `constrained decoding: best token refused at ${stats.bestRejected} of ${stats.rowSteps} beam steps, ` +
    `${stats.fallbacks} fell back below the top-k, ${stats.deadEnds} dead ends, ` +
    `${stats.finishedOnEos} steps closed a query the model wanted to end, ` +
    `${stats.budgetForced} steps finished a query to end within the token budget`
  );
}
