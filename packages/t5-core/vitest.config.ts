// The cpu + wasm suites. The webgpu-only files run in vitest.webgpu.config.ts (npm test runs both).
import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared';

export default mergeConfig(
  shared,
  defineConfig({ test: { exclude: [...configDefaults.exclude, 'test/webgpu*.test.ts'] } }),
);
