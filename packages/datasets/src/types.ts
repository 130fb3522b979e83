import type { DatasetError } from './errors/dataset-error.js';

/** The fields every loader fills: enough to build a prompt and score a prediction. */
export interface TextToSqlRecord {
  /** Stable id within its dataset (`dev-17`, Gretel's numeric id, `sql-create-context-42`). */
  id: string;
  /** The natural-language question. */
  question: string;
  /** The gold SQL. */
  sql: string;
  /** Schema or context text given to the model (CREATE TABLE statements, or the compact form). */
  context: string;
  /** Spider database id, when the record comes from a database. */
  dbId?: string;
}

/** What to do with a bad row: stop with an error (default), or skip it and count it. */
export type BadRowPolicy = 'error' | 'skip';

/** One row a loader skipped because `onBadRow: 'skip'` was asked for. */
export interface SkippedRow {
  file: string;
  row: number;
  reason: string;
}

/** A loader's result: the records, the rows it skipped (never silently), and the files it read. */
export interface LoadedDataset<R extends TextToSqlRecord = TextToSqlRecord> {
  records: R[];
  skipped: SkippedRow[];
  files: string[];
}

/** Applies a {@link BadRowPolicy}: rethrows, or records the skip. */
export function handleBadRow(error: DatasetError, policy: BadRowPolicy, skipped: SkippedRow[]): void {
  if (policy === 'error') throw error;
  skipped.push({ file: error.file, row: error.row ?? -1, reason: error.message });
}
