import { DatasetError } from '../errors/dataset-error.js';
import { requireString } from './require-string.js';

/**
 * Throws a {@link DatasetError} naming file, row and field when `value` has no text: an empty question or query
 * cannot be trained on or scored. Whitespace-only counts as empty.
 */
export function assertNotBlank(value: string, field: string, file: string, row: number): string {
  if (value.trim() === '') {
    const found = value === '' ? 'an empty string' : `only whitespace (${JSON.stringify(value)})`;
    throw new DatasetError({ file, row, field }, `expected text, found ${found}`);
  }
  return value;
}

/** Reads `record[field]` as a string with some non-whitespace text, or throws naming file, row and field. */
export function requireText(record: unknown, field: string, file: string, row: number): string {
  return assertNotBlank(requireString(record, field, file, row), field, file, row);
}
