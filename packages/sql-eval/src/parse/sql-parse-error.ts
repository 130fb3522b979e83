/** A query the official Spider parser cannot parse (where `process_sql.py` raises). */
export class SqlParseError extends Error {
  override name = 'SqlParseError';
}
