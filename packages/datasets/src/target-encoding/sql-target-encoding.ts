import { DatasetOptionError } from '../errors/datasets-error.js';

/**
 * How a prompt template spells the SQL the model learns and writes:
 *
 * - `t5-escape` (the default): {@link encodeSqlTarget}; every query survives T5's tokenizer, `<` included.
 * - `none`: the SQL as it is. T5's vocabulary has no `<`, `{`, `}`, `~`, `^`, `\` or `` ` ``, so a model trained
 *   on such targets can never write those queries.
 */
export type SqlTargetEncoding = 't5-escape' | 'none';

/** Every {@link SqlTargetEncoding}, for option parsing and error messages. */
export const SQL_TARGET_ENCODINGS: readonly SqlTargetEncoding[] = ['t5-escape', 'none'];

/** The encoding templates use when they name none. */
export const DEFAULT_SQL_TARGET_ENCODING: SqlTargetEncoding = 't5-escape';

/** Throws, naming the value and the choices, unless `encoding` is a {@link SqlTargetEncoding}. */
export function assertSqlTargetEncoding(
  encoding: unknown,
  where: string,
): asserts encoding is SqlTargetEncoding {
  if (!SQL_TARGET_ENCODINGS.includes(encoding as SqlTargetEncoding)) {
    throw new DatasetOptionError(
      `${where}: unknown SQL target encoding ${JSON.stringify(encoding)}; expected ${SQL_TARGET_ENCODINGS.join(' or ')}`,
    );
  }
}
