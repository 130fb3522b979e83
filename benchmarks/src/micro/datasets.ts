// tinybench micro-benchmarks of @t5sql/datasets: loading Spider (JSON + schema serialization), streaming the
// Gretel-format parquet file, and building one epoch of padded batches. Tokenization speed belongs to the
// tokenizer's own benchmark, so batching here uses pre-tokenized examples from a cheap stand-in tokenizer.
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type TextTokenizer,
  getTemplate,
  loadGretel,
  loadSpider,
  makeBatches,
  tokenizeExamples,
} from '@t5sql/datasets';
import { Bench } from 'tinybench';

/** Where the shared data lives: T5SQL_DATA_DIR, else T5SQL_SHARED_DIR/data, else ../shared/data. */
function dataDir(): string {
  if (process.env.T5SQL_DATA_DIR) return process.env.T5SQL_DATA_DIR;
  const shared =
    process.env.T5SQL_SHARED_DIR ?? resolve(fileURLToPath(import.meta.url), '../../../../../shared');
  return join(shared, 'data');
}

// One id per whitespace-separated word plus EOS: cheap and deterministic, so the batching cost is what is timed.
const wordTokenizer: TextTokenizer = {
  encode: (text) => [
    ...text
      .split(/\s+/)
      .filter(Boolean)
      .map((w) => 3 + (w.length % 1000)),
    1,
  ],
  padTokenId: 0,
};

/**
 * Runs the datasets micro-benchmarks and prints a table (ops/s, mean latency).
 *
 * @example
 * await runDatasetsBenchmarks(); // node benchmarks/dist/micro/datasets.js
 */
export async function runDatasetsBenchmarks(options: { time?: number } = {}): Promise<Bench> {
  const data = dataDir();
  const spiderDir = join(data, 'spider');
  const gretelDir = join(data, 'spider-as-gretel');
  const { records } = await loadSpider({ dir: spiderDir, split: 'train' });
  const { examples } = tokenizeExamples(records, {
    tokenizer: wordTokenizer,
    template: getTemplate('flan-t5'),
    maxSourceLength: 512,
    maxTargetLength: 128,
  });
  const bench = new Bench({ time: options.time ?? 1000 });
  bench
    .add('loadSpider train (7,000 records, CREATE TABLE schemas)', async () => {
      await loadSpider({ dir: spiderDir, split: 'train' });
    })
    .add('loadGretel train parquet (7,000 rows, snappy)', async () => {
      await loadGretel({ path: gretelDir, split: 'train' });
    })
    .add('makeBatches epoch (7,000 examples, batch 16, bucketed)', () => {
      let n = 0;
      for (const batch of makeBatches(examples, {
        batchSize: 16,
        padTokenId: 0,
        seed: 42,
        bucketByLength: true,
      })) {
        n += batch.inputIds.length;
      }
      if (n !== examples.length) throw new Error(`epoch covered ${n} of ${examples.length} examples`);
    });
  await bench.run();
  console.log('@t5sql/datasets');
  console.table(bench.table());
  return bench;
}

/** Entry point `pnpm bench:micro` calls (see ../micro.ts). */
export async function run(): Promise<void> {
  await runDatasetsBenchmarks();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runDatasetsBenchmarks();
}
