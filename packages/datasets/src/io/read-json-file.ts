import { readFile } from 'node:fs/promises';
import { DatasetError } from '../errors/dataset-error.js';
import { jsonErrorOffset } from './json-error-offset.js';

/** Prefixes a JSON.parse message with "line L, column C" (1-based) of the first syntax error, on one line. */
function describePosition(text: string, message: string): string {
  const oneLine = message.replace(/\r?\n/g, '\\n');
  const position = jsonErrorOffset(text);
  if (position < 0) return oneLine;
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `line ${line}, column ${column}: ${oneLine}`;
}

/**
 * Reads and parses a JSON file; a syntax error names the file, line and column.
 *
 * @example
 * const tables = await readJsonFile('spider/tables.json');
 */
export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new DatasetError({ file: path }, `cannot read the file (${(error as Error).message})`, {
      cause: error,
    });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DatasetError(
      { file: path },
      `malformed JSON: ${describePosition(text, (error as Error).message)}`,
      {
        cause: error,
      },
    );
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
