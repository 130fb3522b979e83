/**
 * Error classes raised by `@t5sql/sql-eval`. Every one extends {@link SqlEvalError}, so a caller can catch the
 * package's failures as a group and tell a bad input file ({@link SqlEvalInputError}) from a schema that cannot be
 * used ({@link SpiderSchemaError}), a call with unusable arguments ({@link SqlEvalUsageError}) or an executor that
 * cannot run queries at all ({@link SqliteExecutorError}) by class. A query the official parser rejects is a
 * {@link SqlParseError} (`src/parse/sql-parse-error.ts`); the scoring functions count those, they never throw them.
 * Messages name what was wrong and where: the file, the line or row, the db_id.
 *
 * @example
 * ```ts
 * import { SqlEvalInputError, readGoldFile } from '@t5sql/sql-eval';
 * try {
 *   readGoldFile('spider/dev.json');
 * } catch (error) {
 *   if (error instanceof SqlEvalInputError) console.error(`bad input in ${error.file}:`, error.message);
 *   else throw error;
 * }
 * ```
 */

/** Base class of every error raised by `@t5sql/sql-eval`. */
export class SqlEvalError extends Error {
  override name = 'SqlEvalError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
  }
}

/**
 * A gold, prediction or tables file cannot be read or does not hold what it should (a row without `query` or
 * `db_id`, a line without a tab-separated db_id, not a JSON array), or the predictions and gold queries do not
 * pair up. The message names the file and the line, row or entry; {@link SqlEvalInputError.file} is the file.
 */
export class SqlEvalInputError extends SqlEvalError {
  override name = 'SqlEvalInputError';
  /** The file at fault. */
  readonly file: string;

  constructor(file: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.file = file;
  }
}

/**
 * A database schema cannot be used: a `tables.json` entry that is malformed (a column naming a missing table, a
 * foreign key naming a missing column), that is missing for an example's db_id, that has no table the Spider
 * grammar can name, or a `CREATE TABLE` context with no usable statement.
 */
export class SpiderSchemaError extends SqlEvalError {
  override name = 'SpiderSchemaError';
}

/**
 * A function was called with arguments it cannot use: parallel arrays of different lengths, an option outside its
 * choices (`SqlPrefixChecker` `spacing` / `aliasNames`), no report to format.
 */
export class SqlEvalUsageError extends SqlEvalError {
  override name = 'SqlEvalUsageError';
}

/**
 * The SQLite executor cannot do its work: the worker thread could not start or crashed, or a database file's
 * schema cannot be read. (A query that fails on its database is not an error: it is a failed outcome.)
 */
export class SqliteExecutorError extends SqlEvalError {
  override name = 'SqliteExecutorError';
}
