// Test support: one plain SGD step on a TrainableSeq2Seq, independent of t5-core's optimizers.
import type { Seq2SeqBatch, TrainableSeq2Seq } from '@t5sql/t5-core';
import * as tf from '@tensorflow/tfjs-core';

/** Runs forward + backward on `batch` and applies `v -= lr * grad` to the trainable variables; returns the loss. */
export async function sgdStep(
  model: TrainableSeq2Seq,
  batch: Seq2SeqBatch,
  lr: number,
  seed = 1,
): Promise<number> {
  const vars = model.namedTrainableVariables();
  const { value, grads } = tf.variableGrads(
    () => model.forward(batch, { training: true, seed }).loss!,
    [...vars.values()],
  );
  const loss = (await value.data())[0];
  tf.tidy(() => {
    for (const v of vars.values()) v.assign(tf.sub(v, tf.mul(grads[v.name], lr)));
  });
  tf.dispose([value, ...Object.values(grads)]);
  return loss;
}

/** Copies of every variable's values by name. */
export async function snapshot(vars: Map<string, tf.Variable>): Promise<Map<string, Float32Array>> {
  const out = new Map<string, Float32Array>();
  for (const [k, v] of vars) out.set(k, Float32Array.from(await v.data()));
  return out;
}

/** Names whose values differ between two snapshots. */
export function changed(a: Map<string, Float32Array>, b: Map<string, Float32Array>): string[] {
  return [...a.keys()].filter((k) => {
    const x = a.get(k)!;
    const y = b.get(k)!;
    return x.some((v, i) => v !== y[i]);
  });
}
