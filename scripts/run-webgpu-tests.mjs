#!/usr/bin/env node
// Runs a package's WebGPU test suite (its vitest.webgpu.config.ts) on a software Vulkan adapter (SwiftShader), so
// the webgpu backend is checked on machines without a GPU. With T5SQL_WEBGPU_HARDWARE=1 the suite runs on the
// machine's own adapter instead. Usage, from a package folder: node ../../scripts/run-webgpu-tests.mjs
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { softwareVulkanEnv, softwareVulkanUnsupported } from './software-vulkan.mjs';

const hardware = process.env.T5SQL_WEBGPU_HARDWARE === '1';
const unsupported = hardware ? null : softwareVulkanUnsupported();
if (unsupported !== null) {
  console.log(
    `webgpu suite skipped: ${unsupported}; set T5SQL_WEBGPU_HARDWARE=1 to run it on this machine's GPU`,
  );
  process.exit(0);
}
const env = { ...process.env, ...(hardware ? {} : softwareVulkanEnv()), T5SQL_TEST_BACKENDS: 'webgpu' };
// The package's own vitest, started with this Node (the package folder's node_modules/.bin may not be on PATH).
const vitestDir = dirname(createRequire(join(process.cwd(), 'package.json')).resolve('vitest/package.json'));
const args = [
  join(vitestDir, 'vitest.mjs'),
  'run',
  '--config',
  'vitest.webgpu.config.ts',
  ...process.argv.slice(2),
];
const result = spawnSync(process.execPath, args, { stdio: 'inherit', env });
if (result.error) throw result.error;
process.exit(result.status ?? 1);
