// Test support: the cpu and wasm backends every tfjs suite runs on (as t5-core's test/support/backends.ts), with
// the training gradients and wasm kernels t5-core registers for a training step.
import { selectBackend } from '@t5sql/t5-core';
import { registerTrainingGradients, registerWasmTrainingKernels } from '@t5sql/t5-core/internal';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';

/** Backends every tfjs suite runs on; `T5SQL_TEST_BACKENDS=cpu` narrows it while developing. */
export const TEST_BACKENDS: string[] = (process.env.T5SQL_TEST_BACKENDS ?? 'cpu,wasm').split(',');

export async function useBackend(name: string): Promise<void> {
  registerTrainingGradients();
  registerWasmTrainingKernels();
  if (name === 'webgpu' && tf.findBackend('webgpu') === null) {
    // Through the library's own selection (Dawn, navigator.gpu, any adapter: CI has SwiftShader only).
    await selectBackend({ prefer: 'webgpu', quiet: true });
    return;
  }
  if (!(await tf.setBackend(name))) throw new Error(`tfjs backend "${name}" failed to initialise`);
  await tf.ready();
}
