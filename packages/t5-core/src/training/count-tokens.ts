// Token counts behind tokens/s: real (non-pad) tokens only.
import * as tf from '@tensorflow/tfjs-core';
import type { Seq2SeqBatch, TokenIds } from '../model/contracts.js';

function values(ids: TokenIds): ArrayLike<number> {
  return ids instanceof tf.Tensor ? ids.dataSync() : ids.flat();
}

/**
 * Non-pad tokens of a batch: source tokens the attention mask keeps (every source token when there is no mask)
 * plus target tokens whose label is not -100.
 */
export function countTokens(batch: Seq2SeqBatch): { source: number; target: number } {
  let source = 0;
  if (batch.attentionMask !== undefined) {
    const mask = values(batch.attentionMask);
    for (let i = 0; i < mask.length; i++) if (mask[i] !== 0) source++;
  } else {
    source = values(batch.inputIds).length;
  }
  let target = 0;
  const labels = values(batch.labels);
  for (let i = 0; i < labels.length; i++) if (labels[i] !== -100) target++;
  return { source, target };
}

/** Rows in a batch. */
export function batchSize(batch: Seq2SeqBatch): number {
  return batch.inputIds instanceof tf.Tensor ? batch.inputIds.shape[0] : batch.inputIds.length;
}
