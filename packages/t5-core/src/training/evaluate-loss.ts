// Evaluation: the mean loss of a model over batches, without gradients or dropout.
import * as tf from '@tensorflow/tfjs-core';
import { readTensorData } from '../backend/device-health.js';
import type { Seq2SeqBatch, TrainableSeq2Seq } from '../contracts/index.js';
import { TrainingError } from '../errors/index.js';
import { batchSize } from './count-tokens.js';

/**
 * Mean loss of `model` over `batches`, each batch's mean loss weighted by its rows as HF's evaluation loop
 * averages (`eval_loss`). Runs in inference mode (no dropout); reads one number back per batch. Throws when a
 * batch has no labels or when there is no batch.
 *
 * @example
 * ```ts
 * // makeBatches from @t5sql/datasets
 * const loss = await evaluateLoss(model, makeBatches(devExamples, { batchSize: 32, padTokenId: 0, shuffle: false }));
 * ```
 */
export async function evaluateLoss(
  model: TrainableSeq2Seq,
  batches: Iterable<Seq2SeqBatch>,
): Promise<number> {
  let total = 0;
  let rows = 0;
  for (const batch of batches) {
    const lossTensor = tf.tidy(() => {
      const out = model.forward(batch, { training: false });
      if (out.loss === undefined)
        throw new TrainingError('evaluate: the model returned no loss (are labels missing?)');
      return out.loss;
    });
    const loss = (await readTensorData(lossTensor))[0];
    lossTensor.dispose();
    const n = batchSize(batch);
    total += loss * n;
    rows += n;
  }
  if (rows === 0) throw new TrainingError('evaluate: evalBatches yielded no batch');
  return total / rows;
}
