import {
  type LoadedDataset,
  type TextToSqlRecord,
  loadGretel,
  loadSpider,
  selectSubset,
} from '@t5sql/datasets';
import { choice, num, optStr } from './parse-values.js';
import { CommandError, UsageError } from './usage-error.js';

type Values = Record<string, string | boolean | string[] | undefined>;

/** Options shared by the commands that read a dataset. */
export const DATA_OPTIONS = {
  dataset: { type: 'string' },
  data: { type: 'string' },
  split: { type: 'string' },
  limit: { type: 'string' },
  seed: { type: 'string' },
} as const;

/** Help lines for {@link DATA_OPTIONS}. */
export const DATA_HELP = `Data:
  --dataset <name>        spider | gretel (default spider)
  --data <path>           spider: the folder with train_spider.json, dev.json, tables.json, database/
                          gretel: a folder with synthetic_text_to_sql_{train,test}.snappy.parquet, or one file;
                          left out: gretelai/synthetic_text_to_sql from the Hugging Face hub
  --split <name>          spider: train | train_others | dev; gretel: train | test
  --limit <n>             use a seeded sample of n records (default: all)
  --seed <n>              seed of that sample (default 42)`;

/** Reads the records the data options select; an empty split is an error naming the file. */
export async function loadRecords(values: Values, defaultSplit: string): Promise<TextToSqlRecord[]> {
  const dataset = choice(values, 'dataset', ['spider', 'gretel'], 'spider');
  const path = optStr(values, 'data');
  const split = optStr(values, 'split') ?? defaultSplit;
  let loaded: LoadedDataset;
  if (dataset === 'spider') {
    if (!path) throw new UsageError('--data is required for Spider (its databases are not on the hub)');
    if (!['train', 'train_others', 'dev'].includes(split))
      throw new UsageError(`--split: Spider has train, train_others, dev; got "${split}"`);
    loaded = await loadSpider({
      dir: path,
      split: split as 'train' | 'train_others' | 'dev',
      schemaFormat: 'compact',
    });
  } else {
    if (!['train', 'test'].includes(split))
      throw new UsageError(`--split: Gretel has train, test; got "${split}"`);
    loaded = await loadGretel({ ...(path ? { path } : {}), split: split as 'train' | 'test' });
  }
  let records: TextToSqlRecord[] = loaded.records;
  // An empty split would print NaN statistics or train on nothing: stop here, naming the file.
  if (records.length === 0) {
    throw new CommandError(
      `${loaded.files[0]}: no records in ${dataset}'s ${split} split; nothing to compute on`,
    );
  }
  if (values.limit !== undefined) {
    const limit = num(values, 'limit', undefined, { integer: true, min: 1 });
    if (limit < records.length) {
      records = selectSubset(records, {
        count: limit,
        mode: 'sample',
        seed: num(values, 'seed', 42, { integer: true, min: 0 }),
      });
    }
  }
  return records;
}
