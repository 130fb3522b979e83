/** Why a JSON file could not be used: it could not be read, or it is not valid JSON. */
export type JsonFileProblem = 'unreadable' | 'malformed';

/** The facts of a {@link JsonFileError}. */
export interface JsonFileErrorDetails {
  file: string;
  problem: JsonFileProblem;
  /** What the file holds, for the message ("trainer state"); absent when the caller gave none. */
  what?: string;
  /** 1-based line and column of the first syntax error, when the JSON is malformed and the position is known. */
  line?: number;
  column?: number;
  /** The underlying message (the file system's, or JSON.parse's on one line). */
  reason: string;
}

/**
 * A JSON file that could not be read or parsed. The message names the file first, then what was wrong and where:
 * `<file>: not valid JSON (line 3, column 16: Unexpected token ...)`, or with `what`,
 * `<file>: cannot read trainer state: not valid JSON (line 1, column 21: ...)`. The same facts are properties.
 */
export class JsonFileError extends Error {
  override name = 'JsonFileError';
  readonly file: string;
  readonly problem: JsonFileProblem;
  readonly what?: string;
  readonly line?: number;
  readonly column?: number;
  readonly reason: string;

  constructor(details: JsonFileErrorDetails, options?: { cause?: unknown }) {
    const where = details.line === undefined ? '' : `line ${details.line}, column ${details.column}: `;
    const problem =
      details.problem === 'unreadable'
        ? `cannot read ${details.what ?? 'the file'} (${details.reason})`
        : `${details.what === undefined ? '' : `cannot read ${details.what}: `}not valid JSON (${where}${details.reason})`;
    super(`${details.file}: ${problem}`, options);
    this.file = details.file;
    this.problem = details.problem;
    this.what = details.what;
    this.line = details.line;
    this.column = details.column;
    this.reason = details.reason;
  }
}
