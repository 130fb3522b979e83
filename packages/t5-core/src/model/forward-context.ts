// Builds the ForwardContext every layer receives: dropout on or off, masks drawn from an explicit seed.
import { deriveIndexSeed } from '@t5sql/common';
import * as tf from '@tensorflow/tfjs-core';
import {
  fusedPhiloxDropout,
  hasFusedPhiloxDropout,
  philoxRandomUniform,
} from '../backend/random/philox-random.js';
import type { ForwardContext } from '../contracts/index.js';

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
      return seededDropout(x, rate, deriveIndexSeed(seed, calls));
    },
  };
}

/**
 * Inverted dropout as `tf.dropout` builds it (mask floor(U + keep), scaled by 1 / keep), with the uniforms drawn by
 * Philox4x32-10 on the device, so a seed gives the same mask bit for bit on cpu, wasm and webgpu and a GPU never
 * draws on the host. The gradient keeps only the `[x.shape]` multiplier: taped op by op, tf.dropout kept the
 * uniform draw, `x / keep` and the mask alive until backprop, three activation-sized tensors per dropout.
 */
function seededDropout(x: tf.Tensor, rate: number, seed: number): tf.Tensor {
  const keepProb = 1 - rate;
  if (hasFusedPhiloxDropout()) return fusedDropout(x, keepProb, seed);
  const apply = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [input, save] = args as [tf.Tensor, tf.GradSaveFunc];
    // tf.dropout's own construction: floor(U[0, 1) + keep) / keep is 0 or 1 / keep.
    const multiplier = tf.tidy(() =>
      tf.div(tf.floor(tf.add(philoxRandomUniform(input.shape, seed), keepProb)), keepProb),
    );
    save([multiplier]);
    return {
      value: tf.mul(input, multiplier),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [tf.mul(dy, saved[0])],
    };
  }) as unknown as (input: tf.Tensor) => tf.Tensor;
  return apply(x);
}

/**
 * Dropout as one device kernel each way (webgpu): the mask is drawn again from the seed in the backward pass, so
 * no activation-sized tensor is kept for it, and the gradient is the same kernel applied to dy.
 */
function fusedDropout(x: tf.Tensor, keepProb: number, seed: number): tf.Tensor {
  const apply = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [input] = args as [tf.Tensor];
    return {
      value: fusedPhiloxDropout(input, keepProb, seed) as tf.Tensor,
      gradFunc: (dy: tf.Tensor) => [fusedPhiloxDropout(dy, keepProb, seed) as tf.Tensor],
    };
  }) as unknown as (input: tf.Tensor) => tf.Tensor;
  return apply(x);
}
