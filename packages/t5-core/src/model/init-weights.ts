import { deriveIndexSeed } from '@t5sql/common';
import * as tf from '@tensorflow/tfjs-core';
import { philoxRandomNormal } from '../backend/random/philox-random.js';
import type { T5Config } from '../config/t5-config.js';
import { t5ParameterSpecs } from '../config/t5-parameter-layout.js';

/**
 * Random initial weights drawn like HF's `T5PreTrainedModel._init_weights` (factor-scaled normals, norms set to
 * the factor), each parameter from its own Philox stream derived from `seed`, drawn on the device (a GPU backend
 * never draws on the host and uploads). Tensors are in this library's layout
 * (Linear weights `[in, out]`) and keyed by HF state-dict name; the caller owns them.
 */
export function initT5Weights(config: T5Config, seed: number): Map<string, tf.Tensor> {
  const out = new Map<string, tf.Tensor>();
  t5ParameterSpecs(config).forEach((spec, index) => {
    const shape = spec.transposed ? [spec.hfShape[1], spec.hfShape[0]] : spec.hfShape;
    const value =
      spec.kind === 'norm'
        ? tf.fill(shape, spec.init)
        : philoxRandomNormal(shape, 0, spec.init, deriveIndexSeed(seed, index + 1));
    out.set(spec.name, value);
  });
  return out;
}
