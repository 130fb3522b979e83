import { DatasetError } from '../errors/dataset-error.js';
import { readJsonArray } from '../io/read-json-file.js';
import { requireString } from '../io/require-string.js';
import { requireText } from '../io/require-text.js';
import { type DatasetSource, resolveDatasetFile } from '../io/resolve-dataset-file.js';
import { type BadRowPolicy, type LoadedDataset, type TextToSqlRecord, handleBadRow } from '../types.js';

/** The hub repository of b-mc2's dataset and its data file. */
export const SQL_CREATE_CONTEXT_REPO_ID = 'b-mc2/sql-create-context';
export const SQL_CREATE_CONTEXT_FILE = 'sql_create_context_v4.json';

/** Options of {@link loadSqlCreateContext}: a local JSON file or folder, or the hub. */
export interface LoadSqlCreateContextOptions extends DatasetSource {
  /** A bad record: `error` (default) or `skip` (counted in `skipped`). */
  onBadRow?: BadRowPolicy;
}

/**
 * Loads b-mc2 `sql-create-context` (a JSON array of `{ question, context, answer }`, the context being
 * `CREATE TABLE` statements). `sql` = `answer`.
 *
 * @example
 * const { records } = await loadSqlCreateContext({}); // hub: b-mc2/sql-create-context
 */
export async function loadSqlCreateContext(
  options: LoadSqlCreateContextOptions = {},
): Promise<LoadedDataset<TextToSqlRecord>> {
  const path = await resolveDatasetFile(options, SQL_CREATE_CONTEXT_FILE, SQL_CREATE_CONTEXT_REPO_ID);
  const rows = await readJsonArray(path);
  const policy = options.onBadRow ?? 'error';
  const records: TextToSqlRecord[] = [];
  const skipped: LoadedDataset['skipped'] = [];
  for (let row = 0; row < rows.length; row++) {
    try {
      records.push({
        id: `sql-create-context-${row}`,
        question: requireText(rows[row], 'question', path, row),
        context: requireString(rows[row], 'context', path, row),
        sql: requireText(rows[row], 'answer', path, row),
      });
    } catch (error) {
      if (!(error instanceof DatasetError)) throw error;
      handleBadRow(error, policy, skipped);
    }
  }
  return { records, skipped, files: [path] };
}
