import { canonicalSqlSpacing } from './canonical-sql-spacing.js';
import { escapeForT5 } from './escape-for-t5.js';
import {
  DEFAULT_SQL_TARGET_ENCODING,
  type SqlTargetEncoding,
  assertSqlTargetEncoding,
} from './sql-target-encoding.js';

/**
 * The training target for SQL text: with `t5-escape`, {@link canonicalSqlSpacing} then {@link escapeForT5}, so
 * that T5's tokenizer (t5 and flan-t5 files, with or without `clean_up_tokenization_spaces`) gives it back exactly
 * and {@link decodeSqlTarget} turns it into the query again, equal up to whitespace SQL does not care about.
 * `none` returns the text unchanged.
 *
 * @example
 * encodeSqlTarget('SELECT name ,  age FROM people WHERE age  <  30'); // 'SELECT name, age FROM people WHERE age #lt 30'
 * decodeSqlTarget(tokenizer.decode(tokenizer.encode(target), { skipSpecialTokens: true }));
 * // 'SELECT name, age FROM people WHERE age < 30'
 */
export function encodeSqlTarget(
  sql: string,
  encoding: SqlTargetEncoding = DEFAULT_SQL_TARGET_ENCODING,
): string {
  assertSqlTargetEncoding(encoding, 'encodeSqlTarget');
  if (encoding === 'none') return sql;
  return escapeForT5(canonicalSqlSpacing(sql));
}
