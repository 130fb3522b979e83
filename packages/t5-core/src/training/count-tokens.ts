// Token counts behind tokens/s: real (non-pad) tokens only.
import * as tf from '@tensorflow/tfjs-core';
import type { Seq2SeqBatch, TokenIds } from '../contracts/index.js';

/** The ids as numbers: JS arrays as they are, tensors read back asynchronously (no synchronous GPU read). */
async function values(ids: TokenIds): Promise<ArrayLike<number>> {
  return ids instanceof tf.Tensor ? await ids.data() : ids.flat();
}

/**
 * Non-pad tokens of a batch: source tokens the attention mask keeps (every source token when there is no mask)
 * plus target tokens whose label is not -100.
 */
export async function countTokens(batch: Seq2SeqBatch): Promise<{ source: number; target: number }> {
  let source = 0;
  if (batch.attentionMask !== undefined) {
    const mask = await values(batch.attentionMask);
    for (let i = 0; i < mask.length; i++) if (mask[i] !== 0) source++;
  } else {
    source = (await values(batch.inputIds)).length;
  }
  let target = 0;
  const labels = await values(batch.labels);
  for (let i = 0; i < labels.length; i++) if (labels[i] !== -100) target++;
  return { source, target };
}

/** Rows in a batch. */
export function batchSize(batch: Seq2SeqBatch): number {
  return batch.inputIds instanceof tf.Tensor ? batch.inputIds.shape[0] : batch.inputIds.length;
}
