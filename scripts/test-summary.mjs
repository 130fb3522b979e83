#!/usr/bin/env node
// Adds up the per-package vitest JSON reports written under CI into one closing line for the whole workspace:
// "Tests: N passed, N failed, N skipped". Exits 1 when any test failed or no test ran at all.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
let passed = 0;
let failed = 0;
let skipped = 0;
for (const pkg of readdirSync(join(root, 'packages'))) {
  const dir = join(root, 'packages', pkg, 'test-results');
  // vitest.json: the package's suite; vitest-<name>.json: an extra suite (vitest-webgpu.json: the WebGPU run).
  const reports = existsSync(dir)
    ? readdirSync(dir).filter((f) => /^vitest(-[a-z0-9]+)?\.json$/.test(f))
    : [];
  if (reports.length === 0) {
    console.log(`@t5sql/${pkg}: no test report`);
    continue;
  }
  for (const file of reports.sort()) {
    const r = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    const suite = file === 'vitest.json' ? '' : ` (${file.slice('vitest-'.length, -'.json'.length)})`;
    console.log(
      `@t5sql/${pkg}${suite}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`,
    );
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  }
}
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
