/**
 * Error classes raised by `@t5sql/metrics`. Every one extends {@link MetricsError}, so a caller can catch the
 * package's failures as a group and tell a bad input or output file ({@link MetricsFileError}), a bad command line
 * ({@link MetricsUsageError}) and missing or damaged WordNet data ({@link WordNetError}) apart by class. Arguments
 * of the metric functions themselves that do not fit (lengths, options) stay `TypeError`s and `RangeError`s, as
 * Hugging Face evaluate raises `ValueError`s.
 *
 * @example
 * ```ts
 * import { MetricsError, meteor } from '@t5sql/metrics';
 * try {
 *   await meteor({ predictions: ['a cat'], references: [['the cat']] });
 * } catch (error) {
 *   if (error instanceof MetricsError) console.error(`${error.name}: ${error.message}`);
 *   else throw error;
 * }
 * ```
 */

/** Base class of every error raised by `@t5sql/metrics`. */
export class MetricsError extends Error {
  override name = 'MetricsError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
  }
}

/**
 * A predictions or references file of `t5sql-metrics` cannot be read, holds a record that is not usable (bad JSON,
 * an object without a text field, a prediction that is a list), the two files do not pair up, or the `--json`
 * output cannot be written. The message names the file and, for a record, the 1-based line.
 */
export class MetricsFileError extends MetricsError {
  override name = 'MetricsFileError';
  /** The file at fault. */
  readonly file: string;
  /** 1-based line of the record at fault, when one is to blame. */
  readonly line?: number;

  constructor(file: string, message: string, options?: { line?: number; cause?: unknown }) {
    super(message, options);
    this.file = file;
    this.line = options?.line;
  }
}

/** The `t5sql-metrics` command line is not usable: wrong number of files, an unknown metric or format, a bad seed. */
export class MetricsUsageError extends MetricsError {
  override name = 'MetricsUsageError';
}

/**
 * The WordNet data METEOR needs cannot be used: the `@t5sql/wordnet-data` package is not installed, one of its
 * files cannot be read, or a line of it is malformed. The message names the file.
 */
export class WordNetError extends MetricsError {
  override name = 'WordNetError';
}
