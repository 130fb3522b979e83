// Shared vitest settings for every package in the workspace.
// Tests import sibling packages by their published names (`@t5sql/t5-core`); the alias points those names at the
// TypeScript sources so a test run never depends on a stale `dist/` build.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = dirname(fileURLToPath(import.meta.url));

export const workspaceRoot = root;

export default defineConfig({
  resolve: {
    alias: [
      // `@t5sql/<pkg>/<subpath>` → packages/<pkg>/src/<subpath>/index.ts
      {
        find: /^@t5sql\/([a-z0-9-]+)\/([a-z0-9-]+)$/,
        replacement: `${resolve(root, 'packages')}/$1/src/$2/index.ts`,
      },
      // `@t5sql/<pkg>` → packages/<pkg>/src/index.ts
      { find: /^@t5sql\/([a-z0-9-]+)$/, replacement: `${resolve(root, 'packages')}/$1/src/index.ts` },
    ],
  },
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Under CI each package also writes a JSON report; scripts/test-summary.mjs adds them up into one closing line.
    reporters: process.env.CI
      ? ['default', ['json', { outputFile: 'test-results/vitest.json' }]]
      : ['default'],
    env: {
      // Tests read the shared data and fixtures that sit beside the checkout unless told otherwise.
      T5SQL_SHARED_DIR: process.env.T5SQL_SHARED_DIR ?? resolve(root, '..', 'shared'),
    },
  },
});
