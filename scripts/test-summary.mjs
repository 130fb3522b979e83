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
  const report = join(root, 'packages', pkg, 'test-results', 'vitest.json');
  if (!existsSync(report)) {
    console.log(`@t5sql/${pkg}: no test report`);
    continue;
  }
  const r = JSON.parse(readFileSync(report, 'utf8'));
  console.log(
    `@t5sql/${pkg}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`,
  );
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
}
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
