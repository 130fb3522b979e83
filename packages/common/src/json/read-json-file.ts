import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { jsonErrorOffset } from './json-error-offset.js';
import { JsonFileError } from './json-file-error.js';

/** Options of {@link readJsonFile}. */
export interface ReadJsonOptions {
  /** What the file holds, named in the error ("trainer state", "adapter config"). */
  what?: string;
}

/**
 * Parses the text of `file`, throwing a {@link JsonFileError} that names the file, and the line and column of the
 * first syntax error, when it is not valid JSON.
 *
 * @example
 * ```ts
 * const config = parseJsonText(text, 'config.json');
 * ```
 */
export function parseJsonText(text: string, file: string, options: ReadJsonOptions = {}): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const offset = jsonErrorOffset(text);
    const before = offset < 0 ? '' : text.slice(0, offset);
    throw new JsonFileError(
      {
        file,
        problem: 'malformed',
        what: options.what,
        ...(offset < 0 ? {} : { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') }),
        reason: (error as Error).message.replace(/\r?\n/g, '\\n'),
      },
      { cause: error },
    );
  }
}

function unreadable(file: string, options: ReadJsonOptions, error: unknown): JsonFileError {
  return new JsonFileError(
    { file, problem: 'unreadable', what: options.what, reason: (error as Error).message },
    { cause: error },
  );
}

/**
 * Reads and parses a JSON file. A missing or unreadable file, or malformed JSON, throws a {@link JsonFileError}
 * naming the file (and the line and column of a syntax error).
 *
 * @example
 * ```ts
 * const state = (await readJsonFile('checkpoint-2/trainer_state.json', { what: 'trainer state' })) as TrainerState;
 * ```
 */
export async function readJsonFile(file: string, options: ReadJsonOptions = {}): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw unreadable(file, options, error);
  }
  return parseJsonText(text, file, options);
}

/**
 * {@link readJsonFile}, synchronously.
 *
 * @example
 * ```ts
 * const manifest = readJsonFileSync('runs/a/run-manifest.json') as Partial<RunManifest>;
 * ```
 */
export function readJsonFileSync(file: string, options: ReadJsonOptions = {}): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw unreadable(file, options, error);
  }
  return parseJsonText(text, file, options);
}
