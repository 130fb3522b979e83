// `--constrain schema|picard`: schema-constrained decoding for `t5sql generate` and `t5sql eval`.
import { choice, num } from './parse-values.js';
import { UsageError } from './usage-error.js';

type Values = Record<string, string | boolean | string[] | undefined>;

/** The options' parser entries. */
export const CONSTRAIN_OPTIONS = {
  constrain: { type: 'string' },
  'constrain-top-k': { type: 'string' },
} as const;

/** The options' help lines. */
export const CONSTRAIN_HELP = `  --constrain <mode>          none (default) | schema: keep decoding to SQL that the official Spider parser
                              parses and SQLite runs over the example's database schema (tables.json by
                              db_id, or a Gretel row's CREATE TABLE context): the top-k tokens of each beam
                              are checked as they are written, the rest removed, and every query is
                              finished before --max-new-tokens runs out or when the model wants to stop |
                              picard: the same checks without finishing queries (PICARD's behaviour: a
                              query cut by --max-new-tokens is left as it is)
  --constrain-top-k <n>       tokens checked per beam and step (default 8)`;

/** How `--constrain` asks SchemaConstraint to work. */
export interface ConstrainChoice {
  topK: number;
  /** `schema`: finish queries (SchemaConstraint's endWithinBudget and finishOnEos); `picard`: only remove tokens. */
  finishQueries: boolean;
}

/** The `--constrain` mode and its top-k, or null without it; a usage error names the choices. */
export function constrainFrom(values: Values): ConstrainChoice | null {
  const mode = choice(values, 'constrain', ['none', 'schema', 'picard'] as const, 'none');
  if (mode === 'none') {
    if (values['constrain-top-k'] !== undefined)
      throw new UsageError('--constrain-top-k needs --constrain schema or picard');
    return null;
  }
  return {
    topK: num(values, 'constrain-top-k', 8, { integer: true, min: 1 }),
    finishQueries: mode === 'schema',
  };
}
