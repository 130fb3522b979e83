// HF saving: the state dict as transformers stores it, Linear weights transposed back to `[out, in]`.
import type * as tf from '@tensorflow/tfjs-core';
import { readTensorData } from '../backend/device-health.js';
import type { TensorToSave } from '../checkpoint/write-safetensors.js';
import { t5ParameterSpecs } from '../config/t5-parameter-layout.js';
import { CheckpointError } from '../errors/t5-core-error.js';
import type { T5Modules } from './t5-modules.js';

/**
 * Float32 copies of every parameter keyed by HF name (deduplicated like `save_pretrained`: a tied model has only
 * `shared.weight`), each projection read through its `hfWeight()` (`[out, in]`). Throws naming a swapped-in
 * projection that has no `hfWeight()`, or one whose weight has another shape than the layout says.
 */
export async function t5HfStateDict(modules: T5Modules): Promise<Map<string, TensorToSave>> {
  const tensors = new Map<string, TensorToSave>();
  for (const spec of t5ParameterSpecs(modules.config)) {
    const owned = spec.kind === 'linear';
    let value: tf.Tensor;
    if (owned) {
      const layer = modules.linears.get(spec.module!);
      if (typeof layer.hfWeight !== 'function') {
        throw new CheckpointError(
          `savePretrained: "${spec.module}" is a ${layer.constructor.name} without hfWeight(); merge it or save the adapter instead`,
        );
      }
      value = layer.hfWeight(); // [out, in]
    } else {
      value = modules.params.get(spec.name)!;
    }
    const data = Float32Array.from((await readTensorData(value)) as Float32Array);
    const shape = value.shape;
    if (owned) value.dispose();
    if (shape.some((d, i) => d !== spec.hfShape[i])) {
      throw new CheckpointError(
        `savePretrained: "${spec.name}" has shape [${shape}], expected [${spec.hfShape}]`,
      );
    }
    tensors.set(spec.name, { shape: spec.hfShape, data });
  }
  return tensors;
}
