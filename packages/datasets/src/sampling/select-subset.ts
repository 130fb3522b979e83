import { Mulberry32, permutationFromFloats } from '@t5sql/common';
import { DatasetOptionError } from '../errors/datasets-error.js';

/** How to pick a subset: the first N records, or a seeded sample of N. */
export type SubsetOptions =
  | { count: number; mode: 'first' }
  | { count: number; mode: 'sample'; seed: number };

/**
 * Picks `count` records (the 1,000 / 20,000 / 60,000-record runs). `first` keeps file order; `sample` is a
 * seeded shuffle followed by taking the first `count`, as `dataset.shuffle(seed).select(range(count))` does
 * (the records come out in shuffled order). Asking for more records than there are is an error.
 *
 * @example
 * selectSubset(records, { count: 1000, mode: 'sample', seed: 42 });
 */
export function selectSubset<T>(records: readonly T[], options: SubsetOptions): T[] {
  const { count } = options;
  if (!Number.isInteger(count) || count < 0 || count > records.length) {
    throw new DatasetOptionError(
      `selectSubset: count must be an integer in [0, ${records.length}], got ${count}.`,
    );
  }
  if (options.mode === 'first') return records.slice(0, count);
  return permutationFromFloats(records.length, new Mulberry32(options.seed).next)
    .slice(0, count)
    .map((i) => records[i]);
}
