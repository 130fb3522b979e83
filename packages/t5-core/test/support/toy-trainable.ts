// Test support: a tiny TrainableSeq2Seq (embedding + dense, with dropout) for exercising the trainer without T5.
// The embedding lookup makes every backward pass run Gather's gradient (UnsortedSegmentSum on wasm).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { writeSafetensors } from '../../src/checkpoint/index.js';
import { toIdTensor } from '../../src/contracts/index.js';
import type {
  ForwardOptions,
  Seq2SeqBatch,
  Seq2SeqOutput,
  TrainableSeq2Seq,
} from '../../src/contracts/index.js';
import { seq2seqLoss, shiftTokensRight } from '../../src/model/index.js';

let instances = 0;

export class ToyTrainable implements TrainableSeq2Seq {
  readonly vars: Map<string, tf.Variable>;

  constructor(
    readonly vocab: number,
    readonly dim: number,
    seed: number,
    readonly dropout = 0,
  ) {
    const id = instances++;
    this.vars = new Map([
      [
        'shared.weight',
        tf.variable(tf.randomNormal([vocab, dim], 0, 0.5, 'float32', seed), true, `toy${id}/shared`),
      ],
      ['encoder.final_layer_norm.weight', tf.variable(tf.ones([dim]), true, `toy${id}/norm`)],
      [
        'lm_head.weight',
        tf.variable(tf.randomNormal([dim, vocab], 0, 0.5, 'float32', seed + 1), true, `toy${id}/head`),
      ],
    ]);
  }

  forward(batch: Seq2SeqBatch, options: ForwardOptions = {}): Seq2SeqOutput {
    return tf.tidy(() => {
      const ids = toIdTensor(batch.inputIds, 'inputIds');
      const labels = toIdTensor(batch.labels, 'labels');
      const mask = batch.attentionMask
        ? tf.cast(toIdTensor(batch.attentionMask, 'attentionMask'), 'float32')
        : tf.ones(ids.shape, 'float32');
      const emb = this.vars.get('shared.weight')!;
      const src = tf.gather(emb, ids); // [batch, src, dim]
      const pooled = tf.div(tf.sum(tf.mul(src, tf.expandDims(mask, -1)), 1), tf.sum(mask, 1, true)); // [batch, dim]
      const dec = tf.gather(emb, shiftTokensRight(labels, 0, 0)); // [batch, tgt, dim]
      let h = tf.mul(
        tf.tanh(tf.add(dec, tf.expandDims(pooled, 1))),
        this.vars.get('encoder.final_layer_norm.weight')!,
      );
      if (options.training && this.dropout > 0) h = tf.dropout(h, this.dropout, undefined, options.seed ?? 0);
      const [b, t] = labels.shape;
      const flat = tf.reshape(h, [b * t, this.dim]); // [batch * tgt, dim]
      const logits = tf.reshape(tf.matMul(flat, this.vars.get('lm_head.weight')!), [
        b,
        t,
        this.vocab,
      ]) as tf.Tensor3D;
      return { logits, loss: seq2seqLoss(logits, labels) };
    });
  }

  namedTrainableVariables(): Map<string, tf.Variable> {
    return this.vars;
  }

  async saveTrainable(dir: string): Promise<void> {
    await mkdir(dir, { recursive: true });
    const tensors = new Map<string, { shape: number[]; data: Float32Array }>();
    for (const [k, v] of this.vars)
      tensors.set(k, { shape: [...v.shape], data: (await v.data()) as Float32Array });
    await writeSafetensors(join(dir, 'model.safetensors'), tensors, { format: 'pt' });
  }

  weights(): Record<string, number[]> {
    return Object.fromEntries([...this.vars].map(([k, v]) => [k, Array.from(v.dataSync())]));
  }

  dispose(): void {
    for (const v of this.vars.values()) v.dispose();
  }
}

/**
 * A learnable toy task: the source is a run of consecutive ids (2.. wrapping), the target is each source id plus
 * one, so each target token follows from the previous one. `rows` rows per batch; deterministic from `seed`.
 * The last label of each batch's first row is -100.
 */
export function toyTaskBatches(
  count: number,
  rows: number,
  seed: number,
  vocab = 12,
  length = 5,
): Seq2SeqBatch[] {
  let s = seed >>> 0;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const succ = (v: number) => 2 + ((v - 2 + 1) % (vocab - 2));
  const out: Seq2SeqBatch[] = [];
  for (let i = 0; i < count; i++) {
    const inputIds: number[][] = [];
    const labels: number[][] = [];
    const attentionMask: number[][] = [];
    for (let r = 0; r < rows; r++) {
      const row = [2 + Math.floor(next() * (vocab - 2))];
      while (row.length < length) row.push(succ(row[row.length - 1]));
      inputIds.push(row);
      attentionMask.push(row.map(() => 1));
      labels.push(row.map(succ));
    }
    labels[0][length - 1] = -100;
    out.push({ inputIds, attentionMask, labels });
  }
  return out;
}
