import * as tf from '@tensorflow/tfjs-core';

/**
 * T5's layer norm (RMSNorm): no mean subtraction, no bias. `x * rsqrt(mean(x^2) + eps) * weight`, with the
 * variance in float32 (everything here is float32).
 */
export function t5LayerNorm(x: tf.Tensor, weight: tf.Tensor1D, eps: number): tf.Tensor {
  return tf.tidy(() => {
    const variance = tf.mean(tf.square(x), -1, true); // [..., 1]
    return tf.mul(weight, tf.mul(x, tf.rsqrt(tf.add(variance, eps))));
  });
}
