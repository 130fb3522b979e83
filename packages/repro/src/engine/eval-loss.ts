import { type TokenizedExample, makeBatches } from '@t5sql/datasets';
import type { TrainableSeq2Seq } from '@t5sql/t5-core';
import * as tf from '@tensorflow/tfjs-core';

/** Mean label cross-entropy over `examples`, weighted by rows as HF's evaluation loop averages. */
export async function evalLoss(
  model: TrainableSeq2Seq,
  examples: readonly TokenizedExample[],
  batchSize: number,
): Promise<number> {
  let sum = 0;
  let rows = 0;
  for (const batch of makeBatches(examples, { batchSize, padTokenId: 0, shuffle: false })) {
    const loss = tf.tidy(() => model.forward(batch, { training: false }).loss!);
    sum += (await loss.data())[0] * batch.inputIds.length;
    rows += batch.inputIds.length;
    loss.dispose();
  }
  return rows > 0 ? sum / rows : Number.NaN;
}
