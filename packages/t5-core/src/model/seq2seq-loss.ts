import * as tf from '@tensorflow/tfjs-core';
import {
  fusedCrossEntropyGrad,
  fusedRowLogSumExp,
  hasFusedCrossEntropy,
} from '../backend/webgpu/register-cross-entropy-kernels.js';
import { ShapeError } from '../errors/t5-core-error.js';

/** Label value that takes no loss (PyTorch's `CrossEntropyLoss(ignore_index=-100)`). */
export const IGNORE_INDEX = -100;

/**
 * Mean token cross-entropy as HF's T5 computes it: `CrossEntropyLoss(ignore_index=-100)` over every label that
 * is not -100 (a batch with none gives NaN, like PyTorch).
 *
 * Fused, with its own gradient: the forward pass gathers each target's logit instead of multiplying by a
 * `[rows, vocab]` one-hot, and keeps only the logits and each row's log-sum-exp for the backward pass, which is
 * `(softmax - onehot) · weight / Σweight`. The generic graph (logSoftmax, one-hot, product) kept four
 * `[rows, vocab]` tensors alive until backprop; same values (the chain rule through it gives this formula).
 *
 * @param logits `[batch, len, vocab]`
 * @param labels `[batch, len]` int32
 */
export function seq2seqLoss(logits: tf.Tensor3D, labels: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const [batch, length, vocab] = logits.shape;
    if (labels.shape[0] !== batch || labels.shape[1] !== length) {
      throw new ShapeError(
        `labels: expected shape [${batch}, ${length}] to match the logits, found [${labels.shape}]`,
      );
    }
    const rows = batch * length;
    // webgpu: one pass over the logits each way (fused kernels); elsewhere the taped formula below.
    const fused = hasFusedCrossEntropy();
    const flatLabels = tf.reshape(tf.cast(labels, 'int32'), [-1]); // [rows]
    const valid = tf.notEqual(flatLabels, IGNORE_INDEX);
    const safe = tf.where(valid, flatLabels, tf.zerosLike(flatLabels));
    // Position of each row's target in the flattened [rows * vocab] logits.
    const picks = tf.add(tf.mul(tf.range(0, rows, 1, 'int32'), tf.scalar(vocab, 'int32')), safe); // [rows]
    const weights = tf.cast(valid, 'float32'); // [rows]
    const total = tf.sum(weights);
    const rowScale = tf.div(weights, total); // [rows]; d loss / d log p(target) is -rowScale
    const loss = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
      const [x, save] = args as [tf.Tensor2D, tf.GradSaveFunc];
      const { value, logSumExp } = tf.tidy(() => {
        if (fused) {
          // webgpu: the row log-sum-exp in one pass; log p(target) = x[target] - lse.
          const lse = fusedRowLogSumExp(x); // [rows]
          const picked = tf.sub(tf.gather(tf.reshape(x, [-1]), picks), lse); // [rows]
          return {
            value: tf.neg(tf.div(tf.sum(tf.mul(picked, weights)), total)) as tf.Scalar,
            logSumExp: lse,
          };
        }
        const rowMax = tf.max(x, -1, true); // [rows, 1]
        const shifted = tf.sub(x, rowMax); // [rows, vocab]
        const logSum = tf.log(tf.sum(tf.exp(shifted), -1)); // [rows]
        // log p(target) = shifted[target] - log Σ exp(shifted), as logSoftmax computes it.
        const picked = tf.sub(tf.gather(tf.reshape(shifted, [-1]), picks), logSum); // [rows]
        return {
          value: tf.neg(tf.div(tf.sum(tf.mul(picked, weights)), total)) as tf.Scalar,
          logSumExp: tf.add(tf.reshape(rowMax, [-1]), logSum), // [rows]
        };
      });
      // Tensors the gradient uses go through save(): the ones this tidy made are gone by backprop time.
      save([x, logSumExp, rowScale, safe]);
      return {
        value,
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
          const [xs, lse, scaleOf, targets] = saved;
          // tidy: a customGrad's gradFunc runs outside any per-node scope; these are [rows, vocab] each.
          return tf.tidy(() => {
            if (fused) {
              const scale = tf.mul(scaleOf, dy) as tf.Tensor1D; // [rows]
              return [
                fusedCrossEntropyGrad(xs as tf.Tensor2D, lse as tf.Tensor1D, scale, targets as tf.Tensor1D),
              ];
            }
            const softmax = tf.exp(tf.sub(xs, tf.reshape(lse, [rows, 1]))); // [rows, vocab]
            const scale = tf.reshape(tf.mul(scaleOf, dy), [rows, 1]); // [rows, 1]
            return [tf.mul(tf.sub(softmax, tf.oneHot(targets as tf.Tensor1D, vocab)), scale)];
          });
        },
      };
    }) as unknown as (x: tf.Tensor2D) => tf.Scalar;
    return loss(tf.reshape(logits, [rows, vocab]) as tf.Tensor2D);
  });
}
