import { derivePurposeSeed } from '@t5sql/common';
import { type TextToSqlRecord, loadGretel, loadSpider, selectSubset } from '@t5sql/datasets';
import { ReproConfigError, ReproDataError } from '../errors.js';
import type { DatasetSpec } from '../experiments/types.js';
import { type DatasetFingerprint, fingerprintFile } from '../manifest/fingerprint-file.js';
import type { DataLocations } from './resolve-data.js';

/** The records one experiment trains and evaluates on, and where they came from. */
export interface ExperimentData {
  train: TextToSqlRecord[];
  eval: TextToSqlRecord[];
  /** Every record of the training split (the pretraining corpus of local models). */
  trainAll: TextToSqlRecord[];
  fingerprint: DatasetFingerprint;
  /** In words, naming the dataset honestly ("Spider in Gretel format"). */
  description: string;
}

const cache = new Map<string, { records: TextToSqlRecord[]; files: string[] }>();

async function loadSplit(
  dataset: DatasetSpec['name'],
  split: string,
  where: DataLocations,
): Promise<{ records: TextToSqlRecord[]; files: string[] }> {
  const key = `${dataset}:${split}:${where.spiderDir}:${where.gretelDir}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let loaded: { records: TextToSqlRecord[]; files: string[] };
  if (dataset === 'spider') {
    if (!where.spiderDir) {
      throw new ReproDataError(
        'Spider is needed but no local copy was found: pass --data-dir (or set T5SQL_DATA_DIR) to a folder with ' +
          'spider/ in the official layout (train_spider.json, dev.json, tables.json, database/)',
      );
    }
    if (split !== 'train' && split !== 'dev')
      throw new ReproConfigError(`Spider split must be train or dev, got "${split}"`);
    loaded = await loadSpider({ dir: where.spiderDir, split, schemaFormat: 'compact' });
  } else {
    if (split !== 'train' && split !== 'test')
      throw new ReproConfigError(`Gretel split must be train or test, got "${split}"`);
    loaded = await loadGretel(where.gretelDir ? { path: where.gretelDir, split } : { split });
  }
  cache.set(key, loaded);
  return loaded;
}

function pick(
  records: TextToSqlRecord[],
  size: number | 'all',
  seed: number,
  what: string,
): TextToSqlRecord[] {
  if (size === 'all') return records;
  if (size > records.length) {
    throw new ReproConfigError(
      `${what}: ${size.toLocaleString('en-US')} records asked for, the split has ${records.length.toLocaleString('en-US')}`,
    );
  }
  return selectSubset(records, { count: size, mode: 'sample', seed });
}

/**
 * Loads an experiment's train and eval records. Subsets are seeded samples whose seed depends on the run seed,
 * the dataset and the split only, so every experiment on a dataset evaluates on the same records and a smaller
 * training subset is a prefix of a larger one (the 1x / 3x ablation).
 */
export async function loadExperimentData(
  spec: DatasetSpec,
  where: DataLocations,
  seed: number,
): Promise<ExperimentData> {
  const train = await loadSplit(spec.name, spec.trainSplit, where);
  const evalSplit = await loadSplit(spec.name, spec.evalSplit, where);
  const trainSel = pick(
    train.records,
    spec.trainSize,
    derivePurposeSeed(seed, 'data', spec.name, spec.trainSplit),
    `${spec.name} ${spec.trainSplit}`,
  );
  const evalSel = pick(
    evalSplit.records,
    spec.evalSize,
    derivePurposeSeed(seed, 'data', spec.name, spec.evalSplit),
    `${spec.name} ${spec.evalSplit}`,
  );
  const files = [...new Set([...train.files, ...evalSplit.files])];
  const name =
    spec.name === 'spider'
      ? 'Spider'
      : where.gretelIsSpider
        ? 'Spider in Gretel format'
        : 'Gretel synthetic_text_to_sql';
  const fmt = (n: number) => n.toLocaleString('en-US');
  return {
    train: trainSel,
    eval: evalSel,
    trainAll: train.records,
    fingerprint: {
      name,
      files: await Promise.all(files.map((f) => fingerprintFile(f))),
      recordCounts: { [spec.trainSplit]: train.records.length, [spec.evalSplit]: evalSplit.records.length },
      used: { train: trainSel.length, eval: evalSel.length },
    },
    description:
      `${name}: ${fmt(trainSel.length)} of ${fmt(train.records.length)} ${spec.trainSplit} records, evaluated on ` +
      `${fmt(evalSel.length)} of ${fmt(evalSplit.records.length)} ${spec.evalSplit} records (seeded samples)`,
  };
}
