// `pnpm bench:micro`: the tinybench micro-benchmarks of every package, one module per package under micro/.
// Each module exports `run(): Promise<void>` and prints its own table; modules not written yet are skipped.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Micro-benchmark modules in the order they run. */
export const MICRO_SUITES = ['metrics', 'sql-eval', 'datasets', 'generation', 'training', 'peft'] as const;

interface MicroModule {
  run(): Promise<void>;
}

/** Runs the micro-benchmark suites named in `only` (all by default); returns the names that failed. */
export async function runMicroBenchmarks(only: readonly string[] = MICRO_SUITES): Promise<string[]> {
  const here = dirname(fileURLToPath(import.meta.url));
  const failed: string[] = [];
  for (const name of only) {
    const file = join(here, 'micro', `${name}.js`);
    if (!existsSync(file)) {
      console.log(`\n## micro/${name}: not present, skipped`);
      continue;
    }
    console.log(`\n## micro/${name}`);
    const started = Date.now();
    try {
      const mod = (await import(pathToFileURL(file).href)) as MicroModule;
      await mod.run();
      console.log(`(micro/${name}: ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    } catch (err) {
      failed.push(name);
      console.error(
        `micro/${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      );
    }
  }
  return failed;
}

// Run when executed directly (`node dist/micro.js [suite...]`), not when imported by main.ts.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const failed = await runMicroBenchmarks(args.length > 0 ? args : MICRO_SUITES);
  process.exitCode = failed.length > 0 ? 1 : 0;
}
