import * as tf from '@tensorflow/tfjs-core';

/**
 * HF's `_shift_right`: decoder inputs are the labels moved one step right, starting with the decoder start
 * token, with the ignore index -100 replaced by the pad token. `[batch, len]` int32 in and out.
 */
export function shiftTokensRight(
  labels: tf.Tensor2D,
  decoderStartTokenId: number,
  padTokenId: number,
): tf.Tensor2D {
  return tf.tidy(() => {
    const [batch, length] = labels.shape;
    const start = tf.fill([batch, 1], decoderStartTokenId, 'int32');
    const shifted = tf.concat([start, tf.slice(labels, [0, 0], [batch, length - 1])], 1); // [batch, len]
    return tf.where(
      tf.equal(shifted, -100),
      tf.fill([batch, length], padTokenId, 'int32'),
      shifted,
    ) as tf.Tensor2D;
  });
}
