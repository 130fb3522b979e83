import { DatasetsError } from './datasets-error.js';

/** Where in the input a problem was found. */
export interface DatasetErrorLocation {
  /** File that was being read. */
  file: string;
  /** 0-based row (record index in a JSON array, row number in a parquet file). */
  row?: number;
  /** Field or column name. */
  field?: string;
}

/**
 * Bad input in a dataset file. The message names the file, the row and the field, and says what was expected
 * and what was found; the same facts are on the error as properties for callers that report them.
 */
export class DatasetError extends DatasetsError {
  override name = 'DatasetError';
  readonly file: string;
  readonly row?: number;
  readonly field?: string;

  constructor(location: DatasetErrorLocation, problem: string, options?: { cause?: unknown }) {
    const where = [
      location.file,
      location.row === undefined ? null : `row ${location.row}`,
      location.field === undefined ? null : `field '${location.field}'`,
    ]
      .filter((part) => part !== null)
      .join(', ');
    super(`${where}: ${problem}`, options);
    this.file = location.file;
    this.row = location.row;
    this.field = location.field;
  }
}
