// The lean training paths checked against the generic tfjs graphs they replace (the reference), on cpu and wasm:
// the fused cross-entropy against logSoftmax · one-hot (value and gradient within 1e-6), the taped dropout
// against tf.dropout (value and gradient exactly), and wasm's buffer-sharing Identity (no copy, no leak).
import { deriveIndexSeed } from '@t5sql/common';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  philoxUniform,
  registerTrainingGradients,
  registerWasmTrainingKernels,
} from '../src/backend/index.js';
import { createForwardContext } from '../src/model/forward-context.js';
import { IGNORE_INDEX, seq2seqLoss } from '../src/model/index.js';
import { TEST_BACKENDS, useBackend } from './support/backends.js';
import { expectClose } from './support/close.js';

/** The loss as the generic graph computes it: -Σ w · Σ_v logSoftmax ⊙ onehot / Σ w. */
function referenceLoss(logits: tf.Tensor3D, labels: tf.Tensor2D): tf.Scalar {
  const vocab = logits.shape[2];
  const flat = tf.reshape(labels, [-1]);
  const valid = tf.notEqual(flat, IGNORE_INDEX);
  const safe = tf.where(valid, flat, tf.zerosLike(flat));
  const logProbs = tf.logSoftmax(tf.reshape(logits, [-1, vocab]), -1);
  const picked = tf.sum(tf.mul(logProbs, tf.oneHot(safe as tf.Tensor1D, vocab)), -1);
  const w = tf.cast(valid, 'float32');
  return tf.neg(tf.div(tf.sum(tf.mul(picked, w)), tf.sum(w))) as tf.Scalar;
}

describe.each(TEST_BACKENDS)('lean training ops on %s', (backend) => {
  beforeAll(async () => {
    registerTrainingGradients();
    if (backend === 'wasm') registerWasmTrainingKernels();
    await useBackend(backend);
  });

  it('seq2seqLoss: value and logits gradient equal the logSoftmax · one-hot graph within 1e-6', () => {
    const logits = tf.mul(tf.randomNormal([3, 5, 37], 0, 1, 'float32', 11), 4) as tf.Tensor3D;
    const labels = tf.tensor2d(
      [
        [4, 36, 0, IGNORE_INDEX, IGNORE_INDEX],
        [1, 2, 3, 5, 8],
        [IGNORE_INDEX, 30, 30, 7, IGNORE_INDEX],
      ],
      [3, 5],
      'int32',
    );
    const fused = tf.valueAndGrad((x: tf.Tensor) => seq2seqLoss(x as tf.Tensor3D, labels))(logits);
    const generic = tf.valueAndGrad((x: tf.Tensor) => referenceLoss(x as tf.Tensor3D, labels))(logits);
    expectClose(fused.value.dataSync(), generic.value.dataSync(), { label: 'loss' });
    expectClose(fused.grad.dataSync(), generic.grad.dataSync(), { label: 'dlogits' });
    tf.dispose([logits, labels, fused.value, fused.grad, generic.value, generic.grad]);
  });

  it('seq2seqLoss: a batch without labels gives NaN, like PyTorch', () => {
    const loss = seq2seqLoss(tf.zeros([1, 2, 4]) as tf.Tensor3D, tf.fill([1, 2], IGNORE_INDEX, 'int32'));
    expect(Number.isNaN(loss.dataSync()[0])).toBe(true);
    loss.dispose();
  });

  it("training dropout equals tf.dropout's construction on the Philox draw, value and gradient, exactly", () => {
    const x = tf.randomNormal([4, 6, 8], 0, 1, 'float32', 5);
    const ctx = createForwardContext(true, 99);
    const ours = tf.valueAndGrad((t: tf.Tensor) => tf.sum(tf.mul(ctx.dropout(t, 0.3), t)))(x);
    // tf.dropout's ops (x / keep * floor(U + keep)) on the same uniforms, taped op by op.
    const u = tf.tensor(philoxUniform(x.size, deriveIndexSeed(99, 1)), x.shape); // the context's first dropout call
    const theirs = tf.valueAndGrad((t: tf.Tensor) =>
      tf.sum(tf.mul(tf.mul(tf.div(tf.floor(tf.add(u, 0.7)), 0.7), t), t)),
    )(x);
    expect(Array.from(ours.value.dataSync())).toEqual(Array.from(theirs.value.dataSync()));
    expect(Array.from(ours.grad.dataSync())).toEqual(Array.from(theirs.grad.dataSync()));
    tf.dispose([x, u, ours.value, ours.grad, theirs.value, theirs.grad]);
  });

  it('tf.clone shares the buffer (no copy on wasm), and both handles free it', () => {
    const before = tf.memory();
    const x = tf.tensor1d([1, 2, 3]);
    const y = tf.clone(x);
    // tfjs counts numBytes per tensor; numDataBuffers counts the buffers behind them.
    expect(tf.memory().numDataBuffers - before.numDataBuffers).toBe(1);
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual([1, 2, 3]);
    y.dispose();
    expect(tf.memory().numTensors).toBe(before.numTensors);
    expect(tf.memory().numDataBuffers).toBe(before.numDataBuffers);
  });
});
