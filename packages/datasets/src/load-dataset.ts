import { DatasetOptionError } from './errors/datasets-error.js';
import { type LoadGretelOptions, loadGretel } from './gretel/load-gretel.js';
import { type LoadSpiderOptions, loadSpider } from './spider/load-spider.js';
import {
  type LoadSqlCreateContextOptions,
  loadSqlCreateContext,
} from './sql-create-context/load-sql-create-context.js';
import type { LoadedDataset } from './types.js';

/** Names a dataset and its loader options, for callers that pick the dataset at run time (the CLI). */
export type DatasetSpec =
  | ({ dataset: 'spider' } & LoadSpiderOptions)
  | ({ dataset: 'gretel' } & LoadGretelOptions)
  | ({ dataset: 'sql-create-context' } & LoadSqlCreateContextOptions);

/** The dataset names {@link loadDataset} accepts. */
export const DATASET_NAMES = ['spider', 'gretel', 'sql-create-context'] as const;

/**
 * Loads any of the three datasets by name.
 *
 * @example
 * const { records } = await loadDataset({ dataset: 'spider', dir: 'data/spider', split: 'dev' });
 */
export async function loadDataset(spec: DatasetSpec): Promise<LoadedDataset> {
  switch (spec.dataset) {
    case 'spider':
      return loadSpider(spec);
    case 'gretel':
      return loadGretel(spec);
    case 'sql-create-context':
      return loadSqlCreateContext(spec);
    default:
      throw new DatasetOptionError(
        `Unknown dataset '${(spec as { dataset: string }).dataset}': expected one of ${DATASET_NAMES.join(', ')}.`,
      );
  }
}
