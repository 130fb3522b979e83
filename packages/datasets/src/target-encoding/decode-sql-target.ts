import { canonicalSqlSpacing } from './canonical-sql-spacing.js';
import {
  DEFAULT_SQL_TARGET_ENCODING,
  type SqlTargetEncoding,
  assertSqlTargetEncoding,
} from './sql-target-encoding.js';
import { unescapeFromT5 } from './unescape-from-t5.js';

/**
 * Generated text back to SQL: with `t5-escape`, the `#` escapes of {@link encodeSqlTarget} are undone and the
 * spacing is made canonical ({@link canonicalSqlSpacing}), so the query is the same whichever
 * `clean_up_tokenization_spaces` the tokenizer decoded with. `decodeSqlTarget(encodeSqlTarget(s))` is
 * `canonicalSqlSpacing(s)` for every string `s`. `none` only trims the ends.
 *
 * @example
 * decodeSqlTarget('SELECT count(*) FROM t WHERE a #lt 5'); // 'SELECT count(*) FROM t WHERE a < 5'
 */
export function decodeSqlTarget(
  text: string,
  encoding: SqlTargetEncoding = DEFAULT_SQL_TARGET_ENCODING,
): string {
  assertSqlTargetEncoding(encoding, 'decodeSqlTarget');
  if (encoding === 'none') return text.trim();
  return canonicalSqlSpacing(unescapeFromT5(text.trim()));
}
