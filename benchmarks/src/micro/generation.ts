// Micro-benchmark: greedy generation on a t5-small-shaped random model, with and without the decoder KV cache,
// on every tfjs backend installed here. Prints tokens/s (generated tokens, batch included).
//
//   pnpm turbo run build --filter @t5sql/benchmarks... && node benchmarks/dist/micro/generation.js
//   (env T5SQL_BENCH_BACKENDS=wasm,cpu narrows the backends; T5SQL_BENCH_GEN_ITERATIONS=3 lengthens the run)
import { pathToFileURL } from 'node:url';
import {
  BACKEND_CANDIDATES,
  T5ForConditionalGeneration,
  generateSequences,
  selectBackend,
} from '@t5sql/t5-core';
import * as tf from '@tensorflow/tfjs-core';
import { Bench } from 'tinybench';
import { T5_SMALL_SHAPE } from './t5-small-shape.js';

interface Setting {
  batch: number;
  source: number;
  /** Generated tokens per row; EOS is suppressed (minNewTokens) so every run generates exactly this many. */
  tokens: number;
  note: string;
}

const FULL: Setting = { batch: 1, source: 64, tokens: 64, note: 'full' };
// The pure-JS cpu backend takes minutes for 64 uncached steps; fewer tokens keep the table quick to produce.
const REDUCED: Setting = {
  batch: 1,
  source: 64,
  tokens: 16,
  note: 'reduced to 16 tokens (cpu backend is pure JS)',
};

function randomIds(rows: number, cols: number, seed: number): number[][] {
  let s = seed >>> 0;
  return Array.from({ length: rows }, () =>
    Array.from({ length: cols }, (_, c) => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return c === cols - 1 ? 1 : 2 + (s % 32000);
    }),
  );
}

interface Row {
  backend: string;
  setting: Setting;
  cached: number;
  uncached: number;
}

async function benchBackend(backend: string, setting: Setting, iterations: number): Promise<Row> {
  await selectBackend({ prefer: backend, quiet: true });
  const model = await T5ForConditionalGeneration.fromConfig(T5_SMALL_SHAPE, { seed: 0 });
  const inputIds = randomIds(setting.batch, setting.source, 7);
  const options = { maxNewTokens: setting.tokens, minNewTokens: setting.tokens };
  const bench = new Bench({ iterations, time: 0, warmupIterations: 1, warmupTime: 0, throws: true });
  const outputs: number[][][] = [];
  bench.add('kv cache', async () => {
    outputs.push(await generateSequences(model, inputIds, { ...options, useCache: true }));
  });
  bench.add('no cache', async () => {
    outputs.push(await generateSequences(model, inputIds, { ...options, useCache: false }));
  });
  const before = tf.memory().numTensors;
  await bench.run();
  if (tf.memory().numTensors !== before)
    throw new Error(`generation leaked ${tf.memory().numTensors - before} tensors`);
  // Both paths must produce the same tokens, or the comparison is meaningless.
  if (JSON.stringify(outputs[0]) !== JSON.stringify(outputs[outputs.length - 1])) {
    throw new Error(`${backend}: cached and uncached generation disagree`);
  }
  model.dispose();
  const tokensPerSecond = (i: number) =>
    (setting.batch * setting.tokens) / (bench.tasks[i].result!.latency.mean / 1000);
  return { backend, setting, cached: tokensPerSecond(0), uncached: tokensPerSecond(1) };
}

/** Runs the generation benchmark on each installed backend and prints a table. */
export async function run(): Promise<void> {
  const wanted = (process.env.T5SQL_BENCH_BACKENDS ?? 'tensorflow-gpu,tensorflow,wasm,cpu').split(',');
  const iterations = Number(process.env.T5SQL_BENCH_GEN_ITERATIONS ?? 2);
  const rows: Row[] = [];
  for (const candidate of BACKEND_CANDIDATES) {
    if (!wanted.includes(candidate.name)) continue;
    try {
      await import(candidate.packageName);
    } catch {
      console.log(`generation: ${candidate.name} (${candidate.packageName}) not installed, skipped`);
      continue;
    }
    rows.push(await benchBackend(candidate.name, candidate.name === 'cpu' ? REDUCED : FULL, iterations));
  }
  console.log('\nGreedy generation (t5-small shape, random init), mean of measured runs after 1 warm-up');
  console.log(
    '| backend | batch x source -> new tokens | KV cache tokens/s | no cache tokens/s | speed-up | setting |',
  );
  console.log('|---|---|---:|---:|---:|---|');
  for (const r of rows) {
    const shape = `${r.setting.batch} x ${r.setting.source} -> ${r.setting.tokens}`;
    console.log(
      `| ${r.backend} | ${shape} | ${r.cached.toFixed(1)} | ${r.uncached.toFixed(1)} | ${(r.cached / r.uncached).toFixed(2)}x | ${r.setting.note} |`,
    );
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
}
