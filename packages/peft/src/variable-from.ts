import * as tf from '@tensorflow/tfjs-core';

/**
 * A trainable variable initialised from `initial`, which is disposed: `tf.variable` keeps its own reference to
 * the data, so the initial tensor would otherwise stay alive (and count as a leaked tensor).
 */
export function variableFrom(initial: tf.Tensor, trainable = true): tf.Variable {
  const v = tf.variable(initial, trainable);
  initial.dispose();
  return v;
}
