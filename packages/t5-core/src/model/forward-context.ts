// Builds the ForwardContext every layer receives: dropout on or off, masks drawn from an explicit seed.
import * as tf from '@tensorflow/tfjs-core';
import type { ForwardContext } from './contracts.js';

/**
 * A context whose `dropout` is the identity unless `training`; each dropout call inside one forward pass draws
 * from its own seed derived from `seed` and the call's index, so a pass is reproducible from `seed` alone.
 */
export function createForwardContext(training: boolean, seed: number): ForwardContext {
  let calls = 0;
  return {
    training,
    dropout(x: tf.Tensor, rate: number): tf.Tensor {
      if (!training || rate <= 0) return x;
      calls += 1;
      return tf.dropout(x, rate, undefined, mixSeed(seed, calls));
    },
  };
}

/** A 32-bit integer mixing of two integers (splitmix-like), so nearby seeds give unrelated streams. */
export function mixSeed(seed: number, index: number): number {
  let h = (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(index | 0, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
