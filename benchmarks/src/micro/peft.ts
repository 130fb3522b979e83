// Micro-benchmark: one forward + backward step of a t5-small-shaped random model under full fine-tuning, LoRA,
// QLoRA (NF4 base, double quantization) and prefix tuning, on the same batch. Prints trainable parameters, ms per
// step, resident model memory (tfjs tensors + NF4 typed arrays) and the step's peak tfjs memory; then the NF4
// storage figures (bytes per parameter) of the quantized model against its float32 size.
//
//   pnpm turbo run build --filter @t5sql/benchmarks... && node benchmarks/dist/micro/peft.js
//   (env T5SQL_BENCH_BACKEND=wasm|cpu, T5SQL_BENCH_PEFT_ITERATIONS=3, T5SQL_BENCH_PEFT_BATCH=4x64x32)
import { pathToFileURL } from 'node:url';
import {
  Nf4Linear,
  type PeftConfigInput,
  type PeftModel,
  type QuantizeModelReport,
  getPeftModel,
  quantizeModel4bit,
} from '@t5sql/peft';
import {
  type Seq2SeqBatch,
  T5ForConditionalGeneration,
  type TrainableSeq2Seq,
  selectBackend,
} from '@t5sql/t5-core';
import { registerTrainingGradients } from '@t5sql/t5-core/internal';
import * as tf from '@tensorflow/tfjs-core';
import { Bench } from 'tinybench';
import { T5_SMALL_SHAPE } from './t5-small-shape.js';

const LORA: PeftConfigInput = {
  peft_type: 'LORA',
  r: 8,
  lora_alpha: 32,
  lora_dropout: 0.1,
  target_modules: ['q', 'v'],
};
const PREFIX: PeftConfigInput = { peft_type: 'PREFIX_TUNING', num_virtual_tokens: 20 };

type Method = 'full' | 'lora' | 'qlora' | 'prefix';

interface Row {
  method: Method;
  trainable: number;
  all: number;
  ms: number;
  sd: number;
  steps: number;
  modelBytes: number;
  gradientBytes: number;
  peakStepBytes: number;
}

function randomIds(rows: number, cols: number, seed: number): number[][] {
  let s = seed >>> 0;
  return Array.from({ length: rows }, () =>
    Array.from({ length: cols }, () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return 2 + (s % 32000);
    }),
  );
}

function nf4Bytes(model: T5ForConditionalGeneration): number {
  let bytes = 0;
  for (const path of model.linearPaths()) {
    let layer = model.getLinear(path) as { base?: unknown };
    if (layer.base !== undefined) layer = layer.base as { base?: unknown };
    if (layer instanceof Nf4Linear) bytes += layer.storageBytes;
  }
  return bytes;
}

/** Builds the model for a method; returns what the optimizer trains and the parameter counts. */
async function build(method: Method): Promise<{
  model: T5ForConditionalGeneration;
  trainable: TrainableSeq2Seq;
  peft: PeftModel | null;
  report?: QuantizeModelReport;
}> {
  const model = await T5ForConditionalGeneration.fromConfig(T5_SMALL_SHAPE, { seed: 0 });
  if (method === 'full') return { model, trainable: model, peft: null };
  let report: QuantizeModelReport | undefined;
  if (method === 'qlora') report = await quantizeModel4bit(model, { compressStatistics: true });
  const peft = getPeftModel(model, method === 'prefix' ? PREFIX : LORA, { seed: 0 });
  return { model, trainable: peft, peft, report };
}

async function benchMethod(method: Method, batch: Seq2SeqBatch, iterations: number): Promise<Row> {
  const baseline = tf.memory().numBytes;
  const { model, trainable, peft } = await build(method);
  const modelBytes = tf.memory().numBytes - baseline + nf4Bytes(model);
  const vars = trainable.namedTrainableVariables();
  let counts: { trainable: number; all: number };
  if (peft !== null) counts = peft.getNbTrainableParameters();
  else {
    const n = model.numParameters();
    counts = { trainable: n, all: n };
  }
  let seed = 0;
  let gradientBytes = 0;
  const step = () => {
    const { value, grads } = tf.variableGrads(
      () => trainable.forward(batch, { training: true, seed: seed++ }).loss!,
      [...vars.values()],
    );
    value.dataSync();
    gradientBytes = Object.values(grads).reduce((sum, g) => sum + 4 * g.size, 0);
    tf.dispose([value, ...Object.values(grads)]);
  };
  const profile = await tf.profile(step);
  const bench = new Bench({ iterations, time: 0, warmupIterations: 1, warmupTime: 0, throws: true });
  bench.add(method, step);
  await bench.run();
  const latency = bench.tasks[0].result!.latency;
  if (peft !== null) peft.dispose();
  else model.dispose();
  return {
    method,
    ...counts,
    ms: latency.mean,
    sd: latency.sd,
    steps: latency.samples?.length ?? iterations,
    modelBytes,
    gradientBytes,
    peakStepBytes: profile.peakBytes - baseline,
  };
}

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

/** The NF4 storage of a quantized t5-small-shaped model, plain and with double quantization, against float32. */
async function nf4Storage(): Promise<void> {
  console.log(
    '\nNF4 storage of the t5-small-shaped model (projections but `wo`; embeddings and `wo` stay float32)',
  );
  console.log(
    '| quantization | quantized params | float32 MB | NF4 MB | bytes / param | model float32 MB | model quantized MB (tfjs + NF4) |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const [label, options] of [
    ['NF4, block 64', { compressStatistics: false }],
    ['NF4, block 64, double quant', { compressStatistics: true }],
    ['NF4, block 64, all projections', { compressStatistics: true, skipModules: [] as string[] }],
  ] as const) {
    const before = tf.memory().numBytes;
    const model = await T5ForConditionalGeneration.fromConfig(T5_SMALL_SHAPE, { seed: 0 });
    const float32 = tf.memory().numBytes - before;
    const report = await quantizeModel4bit(model, options);
    const quantized = tf.memory().numBytes - before + nf4Bytes(model);
    console.log(
      `| ${label} | ${report.parameters.toLocaleString('en-US')} | ${mb(report.float32Bytes)} | ${mb(report.quantizedBytes)} | ${(report.quantizedBytes / report.parameters).toFixed(4)} | ${mb(float32)} | ${mb(quantized)} |`,
    );
    model.dispose();
  }
}

/** Runs the PEFT step benchmark on one backend (wasm when installed) and prints the tables. */
export async function run(): Promise<void> {
  registerTrainingGradients();
  const backend = await selectBackend({ prefer: process.env.T5SQL_BENCH_BACKEND ?? 'wasm', quiet: true });
  const iterations = Number(process.env.T5SQL_BENCH_PEFT_ITERATIONS ?? 2);
  const [b, s, t] = (process.env.T5SQL_BENCH_PEFT_BATCH ?? '4x64x32').split('x').map(Number);
  const batch: Seq2SeqBatch = {
    inputIds: randomIds(b, s, 1),
    attentionMask: Array.from({ length: b }, () => new Array<number>(s).fill(1)),
    labels: randomIds(b, t, 2),
  };
  const rows: Row[] = [];
  for (const method of ['full', 'lora', 'qlora', 'prefix'] as const)
    rows.push(await benchMethod(method, batch, iterations));
  console.log(
    `\nPEFT forward + backward step, t5-small shape, backend ${String(backend)}, batch ${b} x source ${s} / target ${t}, mean of ${iterations} steps after 1 warm-up`,
  );
  console.log(
    '| method | trainable params | trainable % | ms / step | vs full | model MB | gradients MB | + AdamW state MB | step peak MB |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  const full = rows[0];
  for (const r of rows) {
    console.log(
      `| ${r.method} | ${r.trainable.toLocaleString('en-US')} | ${((100 * r.trainable) / r.all).toFixed(4)} | ${r.ms.toFixed(0)} ± ${r.sd.toFixed(0)} | ${(r.ms / full.ms).toFixed(2)}x | ${mb(r.modelBytes)} | ${mb(r.gradientBytes)} | ${mb(2 * r.gradientBytes)} | ${mb(r.peakStepBytes)} |`,
    );
  }
  console.log(
    '(LoRA r=8 alpha=32 on q,v; QLoRA = the same LoRA on NF4 double-quantized projections; prefix = 20 virtual tokens)',
  );
  await nf4Storage();
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
}
