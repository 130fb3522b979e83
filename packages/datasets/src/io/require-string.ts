import { DatasetError } from '../errors/dataset-error.js';

/** Reads `record[field]` as a string or throws a {@link DatasetError} naming file, row and field. */
export function requireString(record: unknown, field: string, file: string, row: number): string {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    throw new DatasetError(
      { file, row },
      `expected an object, found ${Array.isArray(record) ? 'an array' : String(record)}`,
    );
  }
  const value = (record as Record<string, unknown>)[field];
  if (typeof value !== 'string') {
    const found = value === undefined ? 'no such field' : value === null ? 'null' : typeof value;
    throw new DatasetError({ file, row, field }, `expected a string, found ${found}`);
  }
  return value;
}
