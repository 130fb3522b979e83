import { DatasetError } from '../errors/dataset-error.js';
import { DatasetOptionError } from '../errors/datasets-error.js';
import { readParquetRows } from '../io/read-parquet-rows.js';
import { assertNotBlank } from '../io/require-text.js';
import { type DatasetSource, resolveDatasetFile } from '../io/resolve-dataset-file.js';
import { type BadRowPolicy, type LoadedDataset, type TextToSqlRecord, handleBadRow } from '../types.js';

/** The hub repository of Gretel's dataset. */
export const GRETEL_REPO_ID = 'gretelai/synthetic_text_to_sql';

/** Gretel's columns, in the published order; `id` is int64, the rest strings. */
export const GRETEL_COLUMNS = [
  'id',
  'domain',
  'domain_description',
  'sql_complexity',
  'sql_complexity_description',
  'sql_task_type',
  'sql_task_type_description',
  'sql_prompt',
  'sql_context',
  'sql',
  'sql_explanation',
] as const;

/** A Gretel split: 100,000 train and 5,851 test rows in the published dataset. */
export type GretelSplit = 'train' | 'test';

/** A Gretel `synthetic_text_to_sql` row; `question` = `sql_prompt`, `context` = `sql_context`. */
export interface GretelRecord extends TextToSqlRecord {
  domain: string;
  domainDescription: string;
  sqlComplexity: string;
  sqlComplexityDescription: string;
  sqlTaskType: string;
  sqlTaskTypeDescription: string;
  sqlExplanation: string;
}

/** Options of {@link loadGretel}: a local parquet file or folder, or the hub (default `gretelai/synthetic_text_to_sql`). */
export interface LoadGretelOptions extends DatasetSource {
  split: GretelSplit;
  /** A bad row: `error` (default) or `skip` (counted in `skipped`). */
  onBadRow?: BadRowPolicy;
}

/** The file name of a split at the dataset's root on the hub. */
export function gretelFileName(split: GretelSplit): string {
  return `synthetic_text_to_sql_${split}.snappy.parquet`;
}

/**
 * Loads Gretel's `synthetic_text_to_sql` from its snappy parquet file, streaming row group by row group.
 * A missing column names the file and the column; a null or mistyped value names the file, row and field.
 *
 * @example
 * const { records } = await loadGretel({ split: 'test' }); // downloads from the hub into the HF cache
 * const local = await loadGretel({ path: 'data/spider-as-gretel', split: 'train' });
 */
export async function loadGretel(options: LoadGretelOptions): Promise<LoadedDataset<GretelRecord>> {
  if (options.split !== 'train' && options.split !== 'test') {
    throw new DatasetOptionError(`Unknown Gretel split '${options.split}': expected 'train' or 'test'.`);
  }
  const path = await resolveDatasetFile(options, gretelFileName(options.split), GRETEL_REPO_ID);
  const policy = options.onBadRow ?? 'error';
  const records: GretelRecord[] = [];
  const skipped: LoadedDataset['skipped'] = [];
  for await (const { row, values } of readParquetRows(path, GRETEL_COLUMNS)) {
    try {
      const text = (field: (typeof GRETEL_COLUMNS)[number]): string => {
        const value = values[field];
        if (typeof value !== 'string') {
          const found = value === null || value === undefined ? 'null' : typeof value;
          throw new DatasetError({ file: path, row, field }, `expected a string, found ${found}`);
        }
        return value;
      };
      const id = values.id;
      if (typeof id !== 'bigint' && typeof id !== 'number') {
        throw new DatasetError(
          { file: path, row, field: 'id' },
          `expected an integer, found ${id === null ? 'null' : typeof id}`,
        );
      }
      records.push({
        id: String(id),
        question: assertNotBlank(text('sql_prompt'), 'sql_prompt', path, row),
        sql: assertNotBlank(text('sql'), 'sql', path, row),
        context: text('sql_context'),
        domain: text('domain'),
        domainDescription: text('domain_description'),
        sqlComplexity: text('sql_complexity'),
        sqlComplexityDescription: text('sql_complexity_description'),
        sqlTaskType: text('sql_task_type'),
        sqlTaskTypeDescription: text('sql_task_type_description'),
        sqlExplanation: text('sql_explanation'),
      });
    } catch (error) {
      if (!(error instanceof DatasetError)) throw error;
      handleBadRow(error, policy, skipped);
    }
  }
  return { records, skipped, files: [path] };
}
