import { SqlEvalError } from '../errors.js';

/**
 * A query the official Spider parser cannot parse (where `process_sql.py` raises). The scoring functions count
 * these as parse errors (scored 0); they reach a caller only from `parseSpiderSql` and
 * `tokenizeSql`.
 */
export class SqlParseError extends SqlEvalError {
  override name = 'SqlParseError';
}
