// The WebGPU suite: the parity and training checks re-run on the webgpu backend (T5SQL_TEST_BACKENDS=webgpu),
// started by `node ../../scripts/run-webgpu-tests.mjs` with a software Vulkan adapter (SwiftShader) on CI.
import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared';

const config = mergeConfig(
  shared,
  defineConfig({
    test: {
      testTimeout: 600_000,
      hookTimeout: 600_000,
    },
  }),
);

// Replaced, not merged: mergeConfig appends arrays, which would run every file here and make this run's report
// overwrite the cpu suite's vitest.json.
config.test = {
  ...config.test,
  include: [
    'test/parity.test.ts',
    'test/generation-parity.test.ts',
    'test/training-trainer.test.ts',
    'test/philox.test.ts',
    'test/webgpu.test.ts',
    'test/webgpu-device-fault.test.ts',
  ],
  reporters: process.env.CI
    ? ['default', ['json', { outputFile: 'test-results/vitest-webgpu.json' }]]
    : ['default'],
};

export default config;
