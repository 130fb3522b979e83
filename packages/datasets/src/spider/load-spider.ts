import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DatasetError } from '../errors/dataset-error.js';
import { DatasetOptionError } from '../errors/datasets-error.js';
import { readJsonArray } from '../io/read-json-file.js';
import { requireString } from '../io/require-string.js';
import { requireText } from '../io/require-text.js';
import { type BadRowPolicy, type LoadedDataset, type TextToSqlRecord, handleBadRow } from '../types.js';
import { readSampleValues } from './sample-values.js';
import { type SchemaFormat, serializeSchema } from './serialize-schema.js';
import { type SpiderSchema, loadSpiderTables } from './spider-schema.js';

/** Spider's splits and their files in the official layout. */
export const SPIDER_SPLIT_FILES = {
  train: 'train_spider.json',
  train_others: 'train_others.json',
  dev: 'dev.json',
} as const;

/** A Spider split name. */
export type SpiderSplit = keyof typeof SPIDER_SPLIT_FILES;

/** A Spider example: the common fields plus its database schema. */
export interface SpiderRecord extends TextToSqlRecord {
  dbId: string;
  split: SpiderSplit;
  schema: SpiderSchema;
  /** `database/<db_id>/<db_id>.sqlite` (may not exist: some databases are not distributed). */
  databasePath: string;
}

/** Options of {@link loadSpider}. */
export interface LoadSpiderOptions {
  /** Folder in Spider's official layout (`train_spider.json`, `dev.json`, `tables.json`, `database/`). */
  dir: string;
  split: SpiderSplit;
  /** How `context` is written. Default `create-table`. */
  schemaFormat?: SchemaFormat;
  /** Add this many sample values per table/column read from the SQLite database. Default 0 (none). */
  sampleValues?: number;
  /** With `sampleValues`, a database file that is missing: `error` (default) or `no-values` (schema only). */
  missingDatabase?: 'error' | 'no-values';
  /** A bad record: `error` (default) or `skip` (counted in `skipped`). */
  onBadRow?: BadRowPolicy;
}

/**
 * Loads a Spider split with its schemas. Accepts both the full official records (`query_toks`, `sql`, ...) and
 * records reduced to `db_id`, `question`, `query`. Every record gets its schema from `tables.json`, serialized
 * into `context`; a `db_id` without a schema is an error naming the file, the row and the `db_id`.
 *
 * @example
 * const { records } = await loadSpider({ dir: 'data/spider', split: 'dev', schemaFormat: 'compact' });
 * records[0]; // { id: 'dev-0', question: 'How many singers do we have?', sql: 'SELECT count(*) FROM singer', ... }
 */
export async function loadSpider(options: LoadSpiderOptions): Promise<LoadedDataset<SpiderRecord>> {
  const { dir, split } = options;
  if (!(split in SPIDER_SPLIT_FILES)) {
    throw new DatasetOptionError(
      `Unknown Spider split '${split}': expected one of ${Object.keys(SPIDER_SPLIT_FILES).join(', ')}.`,
    );
  }
  const policy = options.onBadRow ?? 'error';
  const tablesPath = join(dir, 'tables.json');
  const splitPath = join(dir, SPIDER_SPLIT_FILES[split]);
  const schemas = await loadSpiderTables(tablesPath);
  const rows = await readJsonArray(splitPath);
  const contexts = new Map<string, string>();
  const contextOf = async (schema: SpiderSchema, databasePath: string): Promise<string> => {
    let context = contexts.get(schema.dbId);
    if (context === undefined) {
      const wantsValues = (options.sampleValues ?? 0) > 0;
      const canRead = existsSync(databasePath) || options.missingDatabase !== 'no-values';
      const samples =
        wantsValues && canRead
          ? await readSampleValues(databasePath, schema, { count: options.sampleValues! })
          : undefined;
      context = serializeSchema(schema, { format: options.schemaFormat, samples });
      contexts.set(schema.dbId, context);
    }
    return context;
  };

  const records: SpiderRecord[] = [];
  const skipped: LoadedDataset['skipped'] = [];
  for (let row = 0; row < rows.length; row++) {
    try {
      const dbId = requireString(rows[row], 'db_id', splitPath, row);
      const question = requireText(rows[row], 'question', splitPath, row);
      const sql = requireText(rows[row], 'query', splitPath, row);
      const schema = schemas.get(dbId);
      if (!schema) {
        throw new DatasetError(
          { file: splitPath, row, field: 'db_id' },
          `database '${dbId}' has no schema in ${tablesPath}`,
        );
      }
      const databasePath = join(dir, 'database', dbId, `${dbId}.sqlite`);
      const context = await contextOf(schema, databasePath);
      records.push({ id: `${split}-${row}`, question, sql, context, dbId, split, schema, databasePath });
    } catch (error) {
      if (!(error instanceof DatasetError) || error.file !== splitPath) throw error;
      handleBadRow(error, policy, skipped);
    }
  }
  return { records, skipped, files: [splitPath, tablesPath] };
}
