// Test support: registers the cpu and wasm backends and switches between them, so parity suites run on both.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { resolve } from 'node:path';
import { selectBackend } from '../../src/backend/select-backend.js';

/** Backends every tfjs suite runs on; `T5SQL_TEST_BACKENDS=cpu` narrows it while developing. */
export const TEST_BACKENDS: string[] = (process.env.T5SQL_TEST_BACKENDS ?? 'cpu,wasm').split(',');

export async function useBackend(name: string): Promise<void> {
  if (name === 'webgpu') {
    // Through the library's own selection (Dawn, navigator.gpu, any adapter: CI has SwiftShader only).
    if (tf.findBackend('webgpu') === null) await selectBackend({ prefer: 'webgpu', quiet: true });
    else await tf.setBackend('webgpu');
    await tf.ready();
    return;
  }
  if (!(await tf.setBackend(name))) throw new Error(`tfjs backend "${name}" failed to initialise`);
  await tf.ready();
}

/** `../shared` beside the checkout (vitest.shared.ts sets T5SQL_SHARED_DIR). */
export const SHARED_DIR = process.env.T5SQL_SHARED_DIR ?? resolve(__dirname, '../../../../../shared');
