// Test support: the cpu and wasm backends every tfjs suite runs on (t5-core's test/support/backends.ts), with the
// training gradients and wasm kernels t5-core registers for a training step.
import { registerTrainingGradients, registerWasmTrainingKernels } from '@t5sql/t5-core';
import { TEST_BACKENDS, useBackend as switchBackend } from '../../../t5-core/test/support/backends.js';

export { TEST_BACKENDS };

export async function useBackend(name: string): Promise<void> {
  registerTrainingGradients();
  registerWasmTrainingKernels();
  await switchBackend(name);
}
