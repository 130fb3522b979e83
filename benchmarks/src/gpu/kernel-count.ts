// How many kernels one training step launches on webgpu, with t5sql's fused kernels and without them (issue 13:
// per-kernel dispatch was most of a step's wall time on the H200). Runs anywhere webgpu does, SwiftShader included:
// a kernel count does not depend on the adapter. Also prints the wall time of each, which only means something on
// a real GPU.
//
//   pnpm --filter @t5sql/benchmarks run bench:kernels    on SwiftShader; T5SQL_WEBGPU_HARDWARE=1 on the machine's GPU
//   (the GPU bundle runs it at the t5-small shape after the training check: scripts/gpu/run-training-check.sh)
//   env: T5SQL_KERNELS_SHAPE=tiny (default) | t5-small
import {
  type Seq2SeqBatch,
  type T5ConfigJson,
  T5ForConditionalGeneration,
  activeWebGpuAdapter,
  selectBackend,
} from '@t5sql/t5-core';
import * as tf from '@tensorflow/tfjs-core';
import { T5_SMALL_SHAPE } from '../micro/t5-small-shape.js';
import { bundledWebGpuImporter } from './bundled-webgpu-importer.js';

/** The fused kernels t5sql registers on webgpu (t5-core's backend/webgpu). */
const FUSED_KERNELS = [
  'T5sqlPhiloxDropout',
  'T5sqlRmsNorm',
  'T5sqlRmsNormInputGrad',
  'T5sqlRmsNormScaledProduct',
  'T5sqlSoftmaxGrad',
  'T5sqlRowLogSumExp',
  'T5sqlCrossEntropyGrad',
] as const;

const SHAPES: Record<string, { config: T5ConfigJson; batch: number; source: number; target: number }> = {
  tiny: {
    config: { d_model: 64, d_ff: 128, d_kv: 16, num_heads: 4, num_layers: 2, num_decoder_layers: 2 },
    batch: 2,
    source: 16,
    target: 8,
  },
  't5-small': {
    config: T5_SMALL_SHAPE,
    batch: 8,
    source: 128,
    target: 64,
  },
};

function randomBatch(rows: number, source: number, target: number, vocab: number): Seq2SeqBatch {
  let state = 1;
  const next = () => {
    state = (state * 48271) % 2147483647;
    return 2 + (state % (vocab - 2));
  };
  return {
    inputIds: Array.from({ length: rows }, () => Array.from({ length: source }, next)),
    attentionMask: Array.from({ length: rows }, () => new Array<number>(source).fill(1)),
    labels: Array.from({ length: rows }, () => Array.from({ length: target }, next)),
  };
}

/** Kernels and median wall seconds (of 3) of one training-mode forward + backward, the gradients read back. */
async function gradientPass(model: T5ForConditionalGeneration, batch: Seq2SeqBatch) {
  const vars = [...model.namedTrainableVariables().values()];
  const run = () => {
    const { value, grads } = tf.variableGrads(() => model.forward(batch, { training: true }).loss!, vars);
    return [value, ...Object.values(grads)];
  };
  tf.dispose(run()); // warm-up: shaders compiled
  const info = await tf.profile(() => {
    tf.dispose(run());
  });
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    const tensors = run();
    await Promise.all(tensors.map((t) => t.data()));
    times.push((performance.now() - start) / 1000);
    tf.dispose(tensors);
  }
  const seconds = times.sort((a, b) => a - b)[1]; // the median of 3
  return { kernels: info.kernels.length, seconds };
}

const shapeName = process.env.T5SQL_KERNELS_SHAPE ?? 'tiny';
const shape = SHAPES[shapeName];
if (shape === undefined)
  throw new Error(`T5SQL_KERNELS_SHAPE: expected tiny or t5-small, got "${shapeName}"`);
await selectBackend({ prefer: 'webgpu', quiet: true, importer: bundledWebGpuImporter });
if (tf.getBackend() !== 'webgpu') throw new Error(`webgpu is not active (got ${tf.getBackend()})`);
const config = { vocab_size: 32128, dropout_rate: 0.1, ...shape.config };
const model = await T5ForConditionalGeneration.fromConfig(config, { seed: 0 });
const batch = randomBatch(shape.batch, shape.source, shape.target, config.vocab_size);
console.log(
  `adapter ${JSON.stringify(activeWebGpuAdapter())}; ${shapeName} shape, dropout 0.1, batch ${shape.batch} x ` +
    `${shape.source} source / ${shape.target} target tokens; one training-mode forward + backward:`,
);
const fused = await gradientPass(model, batch);
// The same step with the fused kernels taken away: every layer falls back to the taped tfjs ops.
const saved = FUSED_KERNELS.map((name) => tf.getKernel(name, 'webgpu'));
for (const name of FUSED_KERNELS) tf.unregisterKernel(name, 'webgpu');
const taped = await gradientPass(model, batch);
for (const kernel of saved) if (kernel !== undefined) tf.registerKernel(kernel);
console.log('| kernels | taped ops | fused | ratio |\n|---|---:|---:|---:|');
console.log(
  `| per step | ${taped.kernels} | ${fused.kernels} | ${(fused.kernels / taped.kernels).toFixed(2)} |`,
);
console.log(
  `| wall seconds | ${taped.seconds.toFixed(3)} | ${fused.seconds.toFixed(3)} | ${(fused.seconds / taped.seconds).toFixed(2)} |`,
);
model.dispose();
