import * as tf from '@tensorflow/tfjs-core';
import { fusedRmsNorm, hasFusedRmsNorm } from '../backend/webgpu/register-row-kernels.js';

/**
 * T5's layer norm (RMSNorm): no mean subtraction, no bias. `x * rsqrt(mean(x^2) + eps) * weight`, with the
 * variance in float32 (everything here is float32).
 */
export function t5LayerNorm(x: tf.Tensor, weight: tf.Tensor1D, eps: number): tf.Tensor {
  // webgpu: one kernel forward and three backward instead of about 6 and 15 (the row sums in another order).
  if (hasFusedRmsNorm()) return fusedRmsNorm(x, weight, eps);
  return tf.tidy(() => {
    const variance = tf.mean(tf.square(x), -1, true); // [..., 1]
    return tf.mul(weight, tf.mul(x, tf.rsqrt(tf.add(variance, eps))));
  });
}
