// Fills the gaps in tfjs-backend-wasm 4.22 that a T5 training step runs into.
import * as tf from '@tensorflow/tfjs-core';
import { wasmUnsortedSegmentSumConfig } from './unsorted-segment-sum.js';
import { wasmBatchMatMulConfig } from './wasm-batch-mat-mul.js';
import { wasmGatherV2Config } from './wasm-gather-v2.js';
import { wasmIdentityConfig } from './wasm-identity.js';
import { wasmTransposeConfig } from './wasm-transpose.js';

/**
 * Kernels a T5 forward + backward + optimizer step needs that tfjs-backend-wasm 4.22 lacks. Found by running every
 * op of the model, its loss, their gradients and the optimizers on wasm and listing the kernels the engine asked
 * for: only `UnsortedSegmentSum` (Gather's gradient) was missing. (`Einsum` is missing too, but has no gradient in
 * tfjs at all, so a trainable model cannot use it on any backend.)
 */
export const WASM_TRAINING_KERNELS: readonly tf.KernelConfig[] = [wasmUnsortedSegmentSumConfig];

/**
 * Registers what a T5 training step needs on tfjs-backend-wasm 4.22 and replaces its slowest kernels:
 * - the kernels it lacks ({@link WASM_TRAINING_KERNELS});
 * - `GatherV2` with `batchDims > 0`, which wasm computes wrongly, through a JS implementation;
 * - `Identity` (every `tf.clone`, and every tensor saved for a gradient) shares its input's buffer instead of
 *   copying it, so saved activations are no longer stored twice;
 * - `Transpose` of large 2-D tensors in tiles, 2-3x faster (every projection's gradient transposes);
 * - batched or transposed `BatchMatMul` (attention and its gradient) as per-matrix XNNPACK calls instead of
 *   wasm's scalar loop, 3-8x faster.
 * Each wrapper keeps the native kernel for the cases it does not handle. Idempotent, and a missing kernel a later
 * tfjs-backend-wasm provides itself is left alone. `selectBackend` calls it when it picks wasm.
 *
 * @example
 * ```ts
 * import '@tensorflow/tfjs-backend-wasm';
 * registerWasmTrainingKernels();
 * await tf.setBackend('wasm');
 * ```
 * @returns the names of the kernels this call registered (empty when all were present).
 */
export function registerWasmTrainingKernels(): string[] {
  const added: string[] = [];
  for (const config of WASM_TRAINING_KERNELS) {
    if (tf.getKernel(config.kernelName, config.backendName) !== undefined) continue;
    tf.registerKernel(config);
    added.push(config.kernelName);
  }
  // wasm's own GatherV2 is wrong for batchDims > 0: wrap it (once) so those calls take a correct JS path.
  const gather = wasmGatherV2Config();
  if (gather !== undefined) {
    tf.unregisterKernel('GatherV2', 'wasm');
    tf.registerKernel(gather);
    added.push('GatherV2 (batchDims > 0)');
  }
  const identity = wasmIdentityConfig();
  if (identity !== undefined) {
    tf.unregisterKernel('Identity', 'wasm');
    tf.registerKernel(identity);
    added.push('Identity (shared buffer)');
  }
  const transpose = wasmTransposeConfig();
  if (transpose !== undefined) {
    tf.unregisterKernel('Transpose', 'wasm');
    tf.registerKernel(transpose);
    added.push('Transpose (2-D tiled)');
  }
  const batchMatMul = wasmBatchMatMulConfig();
  if (batchMatMul !== undefined) {
    tf.unregisterKernel('BatchMatMul', 'wasm');
    tf.registerKernel(batchMatMul);
    added.push('BatchMatMul (batched / transposed via XNNPACK)');
  }
  return added;
}
