// The WebGPU run of a package's suites: the listed files re-run on the webgpu backend (T5SQL_TEST_BACKENDS=webgpu),
// started by `node ../../scripts/run-webgpu-tests.mjs` with a software Vulkan adapter (SwiftShader) on CI.
import { defineConfig, mergeConfig } from 'vitest/config';
import shared from './vitest.shared';

/** The shared settings with `include` and the reporters replaced (mergeConfig would append to both arrays). */
export function webgpuConfig(include: string[]): ReturnType<typeof mergeConfig> {
  const config = mergeConfig(shared, defineConfig({ test: { testTimeout: 600_000, hookTimeout: 600_000 } }));
  config.test = {
    ...config.test,
    include,
    // Its own report: the cpu suite's vitest.json stays as it was.
    reporters: process.env.CI
      ? ['default', ['json', { outputFile: 'test-results/vitest-webgpu.json' }]]
      : ['default'],
  };
  return config;
}
