// Micro-benchmark of @t5sql/sql-eval: scores all 1,034 Spider dev gold queries as predictions (exact-set match and
// execution accuracy on the shared SQLite files) and prints the wall time of each part.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type SpiderTableEntry, executionAccuracy, spiderExactSetMatch } from '@t5sql/sql-eval';
import { Bench } from 'tinybench';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const sharedDir = process.env.T5SQL_SHARED_DIR ?? resolve(repoRoot, '..', 'shared');

/** Runs the benchmark and prints its figures. */
export async function run(): Promise<void> {
  const spider = join(sharedDir, 'data', 'spider');
  const dev = JSON.parse(readFileSync(join(spider, 'dev.json'), 'utf8')) as Array<{
    query: string;
    db_id: string;
  }>;
  const tables = JSON.parse(readFileSync(join(spider, 'tables.json'), 'utf8')) as SpiderTableEntry[];
  const input = {
    predictions: dev.map((d) => d.query),
    golds: dev.map((d) => d.query),
    dbIds: dev.map((d) => d.db_id),
    tables,
  };

  const t0 = performance.now();
  const match = spiderExactSetMatch(input);
  const t1 = performance.now();
  const exec = await executionAccuracy({ ...input, databaseDir: join(spider, 'database') });
  const t2 = performance.now();

  console.log(`sql-eval: Spider dev gold vs gold, ${dev.length} examples`);
  console.log(
    `  exact-set match  ${match.score.toFixed(3)}  (${(t1 - t0).toFixed(0)} ms, ${match.parseErrors} unparseable)`,
  );
  console.log(
    `  execution        ${exec.score.toFixed(3)}  (${(t2 - t1).toFixed(0)} ms, ${exec.goldFailures.length} gold failures, ${exec.failedPredictions} failed predictions)`,
  );
  console.log(`  wall time        ${((t2 - t0) / 1000).toFixed(2)} s for exact-set match + execution`);

  const bench = new Bench({ iterations: 5, warmupIterations: 1 });
  bench.add('spiderExactSetMatch, 1,034 dev queries', () => {
    spiderExactSetMatch(input);
  });
  await bench.run();
  console.table(bench.table());
}

// Runs when executed directly (node dist/micro/sql-eval.js).
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await run();
}
