import { JsonFileError, readJsonFile as readJson } from '@t5sql/common';
import { DatasetError } from '../errors/dataset-error.js';

/**
 * Reads and parses a JSON file; a syntax error names the file, line and column (as a {@link DatasetError}).
 *
 * @example
 * const tables = await readJsonFile('spider/tables.json');
 */
export async function readJsonFile(path: string): Promise<unknown> {
  try {
    return await readJson(path);
  } catch (error) {
    if (!(error instanceof JsonFileError)) throw error;
    const where = error.line === undefined ? '' : `line ${error.line}, column ${error.column}: `;
    const problem =
      error.problem === 'unreadable'
        ? `cannot read the file (${error.reason})`
        : `malformed JSON: ${where}${error.reason}`;
    throw new DatasetError({ file: path }, problem, { cause: error.cause });
  }
}

/** Reads a JSON file that must hold an array (Spider splits, sql-create-context). */
export async function readJsonArray(path: string): Promise<unknown[]> {
  const value = await readJsonFile(path);
  if (!Array.isArray(value)) {
    throw new DatasetError({ file: path }, `expected a JSON array of records, found ${typeof value}`);
  }
  return value;
}
