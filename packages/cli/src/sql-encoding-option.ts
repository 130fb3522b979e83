// `--sql-encoding`: how SQL targets are spelled for the model (train, eval, data stats) and read back (eval, generate).
import { DEFAULT_SQL_TARGET_ENCODING, SQL_TARGET_ENCODINGS, type SqlTargetEncoding } from '@t5sql/datasets';
import { choice } from './parse-values.js';

/** The option's parser entry. */
export const SQL_ENCODING_OPTIONS = { 'sql-encoding': { type: 'string' } } as const;

/** The option's help lines, aligned with the other options. */
export const SQL_ENCODING_HELP = `  --sql-encoding <name>       how SQL targets are spelled: t5-escape (default: T5's vocabulary has no "<",
                              so it and the other characters it lacks are written as # escapes and read
                              back after generation) | none (the SQL as written); use the run's setting`;

/** The `--sql-encoding` value, `t5-escape` when absent; a usage error names the choices. */
export function sqlEncodingFrom(
  values: Record<string, string | boolean | string[] | undefined>,
): SqlTargetEncoding {
  return choice(values, 'sql-encoding', SQL_TARGET_ENCODINGS, DEFAULT_SQL_TARGET_ENCODING);
}
