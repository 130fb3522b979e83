import { Mulberry32, deriveEpochSeed, permutationFromFloats } from '@t5sql/common';
import { DatasetOptionError } from '../errors/datasets-error.js';
import { type Seq2SeqArrayBatch, collate } from './collate.js';
import type { TokenizedExample } from './tokenize-examples.js';

/** Options of {@link makeBatches}. */
export interface BatchOptions {
  batchSize: number;
  padTokenId: number;
  /** Shuffle the order each epoch. Default true. */
  shuffle?: boolean;
  /** Seed of the data order; each epoch's order is drawn from (seed, epoch). Required when shuffling. */
  seed?: number;
  /** Epoch number (0-based): the same seed and epoch always give the same batches. Default 0. */
  epoch?: number;
  /**
   * Group examples of similar source length (HF's `group_by_length`): the shuffled order is cut into
   * mega-batches of `batchSize * bucketMultiplier` examples, each sorted by length, longest first, then cut
   * into batches. Less padding, still random across mega-batches.
   */
  bucketByLength?: boolean;
  /** Mega-batch size in batches for length bucketing. Default 50, as HF's LengthGroupedSampler. */
  bucketMultiplier?: number;
  /** Drop a last, smaller batch. Default false. */
  dropLast?: boolean;
  /** Round padded lengths up to a multiple of this. */
  padToMultipleOf?: number;
}

/** The example order of one epoch (indices into `examples`). */
export function epochOrder(examples: readonly TokenizedExample[], options: BatchOptions): number[] {
  const shuffle = options.shuffle ?? true;
  if (shuffle && options.seed === undefined) {
    throw new DatasetOptionError(
      'makeBatches: shuffling needs an explicit `seed` (randomness only comes from a seed).',
    );
  }
  const n = examples.length;
  let order = shuffle
    ? permutationFromFloats(n, new Mulberry32(deriveEpochSeed(options.seed!, options.epoch ?? 0)).next)
    : Array.from({ length: n }, (_, i) => i);
  if (options.bucketByLength) {
    const mega = options.batchSize * (options.bucketMultiplier ?? 50);
    const grouped: number[] = [];
    for (let start = 0; start < n; start += mega) {
      const chunk = order.slice(start, start + mega);
      // Stable sort: equal lengths keep their shuffled order, so the result stays a function of the seed.
      chunk.sort((a, b) => examples[b].inputIds.length - examples[a].inputIds.length);
      grouped.push(...chunk);
    }
    order = grouped;
  }
  return order;
}

/**
 * Yields the padded batches of one epoch, deterministically from (seed, epoch).
 *
 * @example
 * // batch.inputIds / attentionMask / labels: number[][]; a Trainer from @t5sql/t5-core takes them as they are.
 * await trainer.train({
 *   trainBatches: (epoch) => makeBatches(examples, { batchSize: 16, padTokenId: 0, seed: 42, epoch, bucketByLength: true }),
 * });
 */
export function* makeBatches(
  examples: readonly TokenizedExample[],
  options: BatchOptions,
): Generator<Seq2SeqArrayBatch> {
  if (!Number.isInteger(options.batchSize) || options.batchSize < 1) {
    throw new DatasetOptionError(
      `makeBatches: batchSize must be a positive integer, got ${options.batchSize}.`,
    );
  }
  const order = epochOrder(examples, options);
  for (let start = 0; start < order.length; start += options.batchSize) {
    const indices = order.slice(start, start + options.batchSize);
    if (options.dropLast && indices.length < options.batchSize) break;
    yield collate(
      indices.map((i) => examples[i]),
      options.padTokenId,
      options.padToMultipleOf,
    );
  }
}
