import * as tf from '@tensorflow/tfjs-core';

/** Label value that takes no loss (PyTorch's `CrossEntropyLoss(ignore_index=-100)`). */
export const IGNORE_INDEX = -100;

/**
 * Mean token cross-entropy as HF's T5 computes it: `CrossEntropyLoss(ignore_index=-100)` over every label that
 * is not -100 (a batch with none gives NaN, like PyTorch).
 *
 * @param logits `[batch, len, vocab]`
 * @param labels `[batch, len]` int32
 */
export function seq2seqLoss(logits: tf.Tensor3D, labels: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const [batch, length, vocab] = logits.shape;
    if (labels.shape[0] !== batch || labels.shape[1] !== length) {
      throw new Error(
        `labels: expected shape [${batch}, ${length}] to match the logits, found [${labels.shape}]`,
      );
    }
    const flatLabels = tf.reshape(labels, [-1]); // [batch * len]
    const valid = tf.notEqual(flatLabels, IGNORE_INDEX);
    const safe = tf.where(valid, flatLabels, tf.zerosLike(flatLabels));
    const logProbs = tf.logSoftmax(tf.reshape(logits, [-1, vocab]), -1); // [batch * len, vocab]
    const picked = tf.sum(tf.mul(logProbs, tf.oneHot(safe, vocab)), -1); // [batch * len]
    const weights = tf.cast(valid, 'float32');
    return tf.neg(tf.div(tf.sum(tf.mul(picked, weights)), tf.sum(weights))) as tf.Scalar;
  });
}
