import { DatasetOptionError } from '../errors/datasets-error.js';
import type { TokenizedExample } from './tokenize-examples.js';

/** A padded batch, field for field t5-core's `Seq2SeqBatch`, as plain arrays. */
export interface Seq2SeqArrayBatch {
  /** [batch, srcLen], padded with the pad id. */
  inputIds: number[][];
  /** [batch, srcLen], 1 for real tokens, 0 for padding. */
  attentionMask: number[][];
  /** [batch, tgtLen], padded with -100 so padding takes no loss. */
  labels: number[][];
  /** Example ids, in batch order. */
  ids: string[];
}

/** Label value that the loss ignores (PyTorch's and HF's `ignore_index`). */
export const LABEL_PAD_ID = -100;

function padTo(length: number, multiple: number | undefined): number {
  return multiple ? Math.ceil(length / multiple) * multiple : length;
}

/**
 * Pads examples to the longest in the batch (dynamic padding, as `DataCollatorForSeq2Seq`), optionally rounding
 * the lengths up to a multiple.
 *
 * @example
 * const batch = collate(examples.slice(0, 8), 0);
 */
export function collate(
  examples: readonly TokenizedExample[],
  padTokenId: number,
  padToMultipleOf?: number,
): Seq2SeqArrayBatch {
  if (examples.length === 0)
    throw new DatasetOptionError('collate: cannot build a batch from zero examples.');
  const srcLen = padTo(Math.max(...examples.map((e) => e.inputIds.length)), padToMultipleOf);
  const tgtLen = padTo(Math.max(...examples.map((e) => e.labels.length)), padToMultipleOf);
  const fill = (n: number, v: number) => new Array<number>(n).fill(v);
  return {
    inputIds: examples.map((e) => [...e.inputIds, ...fill(srcLen - e.inputIds.length, padTokenId)]),
    attentionMask: examples.map((e) => [
      ...fill(e.inputIds.length, 1),
      ...fill(srcLen - e.inputIds.length, 0),
    ]),
    labels: examples.map((e) => [...e.labels, ...fill(tgtLen - e.labels.length, LABEL_PAD_ID)]),
    ids: examples.map((e) => e.id),
  };
}
