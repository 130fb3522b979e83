// Micro-benchmark: one T5 training step (forward, backward, global-norm clip, AdamW update) on a t5-small-shaped
// random model, on every tfjs backend installed here. Prints ms/step and non-pad tokens/s (source + target).
//
//   pnpm turbo run build --filter @t5sql/t5-core... && node benchmarks/dist/micro/training.js
//   (env T5SQL_BENCH_BACKENDS=wasm,cpu and T5SQL_BENCH_TRAIN_ITERATIONS=3 narrow or lengthen the run)
import { pathToFileURL } from 'node:url';
import {
  AdamW,
  BACKEND_CANDIDATES,
  T5ForConditionalGeneration,
  clipGradNorm,
  selectBackend,
} from '@t5sql/t5-core';
import { registerTrainingGradients } from '@t5sql/t5-core/internal';
import * as tf from '@tensorflow/tfjs-core';
import { Bench } from 'tinybench';
import { T5_SMALL_SHAPE } from './t5-small-shape.js';

interface Setting {
  /** Rows per update, split into `micro` micro-batches whose gradients are averaged. */
  batch: number;
  micro: number;
  source: number;
  target: number;
  note: string;
}

const FULL: Setting = { batch: 8, micro: 1, source: 128, target: 64, note: 'full' };
// wasm32's heap stops at 4 GiB and one t5-small step on 8 rows needs more (activations ~0.6 GB per row), so on
// wasm the 8 rows go through as 4 accumulated micro-batches of 2: the same update, computed in pieces.
const WASM: Setting = {
  ...FULL,
  micro: 4,
  note: 'full, as 4 accumulated micro-batches of 2 rows (4 GiB wasm heap)',
};
// The pure-JS cpu backend needs many minutes for the full step; a reduced batch keeps the table quick to produce.
const REDUCED: Setting = {
  batch: 1,
  micro: 1,
  source: 32,
  target: 16,
  note: 'reduced (cpu backend is pure JS)',
};

function randomIds(rows: number, cols: number, seed: number): number[][] {
  let s = seed >>> 0;
  const out: number[][] = [];
  for (let r = 0; r < rows; r++) {
    const row: number[] = [];
    for (let c = 0; c < cols; c++) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      row.push(2 + (s % 32000));
    }
    out.push(row);
  }
  return out;
}

async function benchBackend(backend: string, setting: Setting, iterations: number) {
  await selectBackend({ prefer: backend, quiet: true });
  const model = await T5ForConditionalGeneration.fromConfig(T5_SMALL_SHAPE, { seed: 0 });
  const vars = model.namedTrainableVariables();
  const byTfName = new Map([...vars].map(([k, v]) => [v.name, k]));
  const optimizer = new AdamW({ learningRate: 1e-4, weightDecay: 0 });
  const rows = setting.batch / setting.micro;
  const micros = Array.from({ length: setting.micro }, (_, m) => ({
    inputIds: randomIds(rows, setting.source, 1 + m),
    attentionMask: Array.from({ length: rows }, () => new Array<number>(setting.source).fill(1)),
    labels: randomIds(rows, setting.target, 100 + m),
  }));
  let seed = 0;
  // What Trainer does per update: gradients per micro-batch summed, averaged, clipped, AdamW applied.
  const trainStep = () => {
    let sum: Map<string, tf.Tensor> | undefined;
    for (const batch of micros) {
      const { value, grads } = tf.variableGrads(
        () => model.forward(batch, { training: true, seed: seed++ }).loss!,
        [...vars.values()],
      );
      value.dataSync();
      value.dispose();
      const named = new Map(Object.entries(grads).map(([k, g]) => [byTfName.get(k)!, g]));
      if (sum === undefined) {
        sum = named;
      } else {
        for (const [k, g] of named) {
          const prev = sum.get(k)!;
          sum.set(k, tf.add(prev, g));
          tf.dispose([prev, g]);
        }
      }
    }
    tf.tidy(() => {
      const mean = new Map([...sum!].map(([k, g]) => [k, tf.div(g, micros.length)]));
      optimizer.applyGradients(vars, clipGradNorm(mean, 1.0).gradients, 1e-4);
    });
    tf.dispose([...sum!.values()]);
  };
  const bench = new Bench({ iterations, time: 0, warmupIterations: 1, warmupTime: 0, throws: true });
  bench.add(`train step ${backend}`, trainStep);
  await bench.run();
  const result = bench.tasks[0].result!;
  const ms = result.latency.mean;
  const tokens = setting.batch * (setting.source + setting.target);
  optimizer.dispose();
  model.dispose();
  return {
    backend,
    setting,
    ms,
    tokensPerSecond: tokens / (ms / 1000),
    samples: result.latency.samples?.length ?? iterations,
  };
}

/** Runs the training-step benchmark on each installed backend and prints a table. */
export async function run(): Promise<void> {
  registerTrainingGradients();
  const wanted = (process.env.T5SQL_BENCH_BACKENDS ?? 'tensorflow-gpu,tensorflow,wasm,cpu').split(',');
  const iterations = Number(process.env.T5SQL_BENCH_TRAIN_ITERATIONS ?? 2);
  console.log(
    'T5 training step (t5-small shape, random init, AdamW + clip), mean of measured steps after 1 warm-up',
  );
  console.log('| backend | batch x source / target | ms / step | tokens/s | steps | setting |');
  console.log('|---|---|---:|---:|---:|---|');
  for (const candidate of BACKEND_CANDIDATES) {
    if (!wanted.includes(candidate.name)) continue;
    try {
      await import(candidate.packageName);
    } catch {
      console.log(`| ${candidate.name} | not installed (${candidate.packageName}) | | | | |`);
      continue;
    }
    const setting = candidate.name === 'cpu' ? REDUCED : candidate.name === 'wasm' ? WASM : FULL;
    const r = await benchBackend(candidate.name, setting, iterations);
    // tokens/s counts every source and target token (no padding in this benchmark)
    const shape = `${r.setting.batch} x ${r.setting.source} / ${r.setting.target}`;
    console.log(
      `| ${r.backend} | ${shape} | ${r.ms.toFixed(0)} | ${r.tokensPerSecond.toFixed(1)} | ${r.samples} | ${r.setting.note} |`,
    );
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
}
