// Replaces tfjs-backend-cpu kernels that make a training step impractically slow.
import * as tf from '@tensorflow/tfjs-core';
import { cpuUnsortedSegmentSumConfig } from './unsorted-segment-sum.js';

/** Kernels this package substitutes on the cpu backend: UnsortedSegmentSum (see its config for why). */
export const CPU_TRAINING_KERNELS: readonly tf.KernelConfig[] = [cpuUnsortedSegmentSumConfig];

/**
 * Swaps in the faster cpu kernels of {@link CPU_TRAINING_KERNELS}. Idempotent; `selectBackend` and `Trainer` call it.
 * Import `@tensorflow/tfjs-backend-cpu` first.
 *
 * @example
 * ```ts
 * import '@tensorflow/tfjs-backend-cpu';
 * registerCpuTrainingKernels();
 * ```
 * @returns the names of the kernels this call replaced.
 */
export function registerCpuTrainingKernels(): string[] {
  const replaced: string[] = [];
  for (const config of CPU_TRAINING_KERNELS) {
    const current = tf.getKernel(config.kernelName, config.backendName);
    if (current?.kernelFunc === config.kernelFunc) continue;
    if (current !== undefined) tf.unregisterKernel(config.kernelName, config.backendName);
    tf.registerKernel(config);
    replaced.push(config.kernelName);
  }
  return replaced;
}
