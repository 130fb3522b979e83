// The WebGPU suite: PEFT's parity, LoRA merge, NF4 and prefix-tuning checks re-run on the webgpu backend
// (T5SQL_TEST_BACKENDS=webgpu), started by `node ../../scripts/run-webgpu-tests.mjs` on SwiftShader in CI.
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
    'test/peft-parity.test.ts',
    'test/python-adapters.test.ts',
    'test/lora.test.ts',
    'test/qlora.test.ts',
    'test/prefix-tuning.test.ts',
  ],
  reporters: process.env.CI
    ? ['default', ['json', { outputFile: 'test-results/vitest-webgpu.json' }]]
    : ['default'],
};

export default config;
