// The WebGPU figures of issue 12, measured by t5sql on the GPU machine beside PyTorch (scripts/gpu/run-webgpu-check.sh
// runs both): the adapter, a 4096² float32 matMul rate, the loss of a t5-small-shaped random checkpoint against
// PyTorch's, and greedy tokens/s. Reads the checkpoint and PyTorch's figures written by pytorch_reference.py.
//
//   node webgpu-check.js <work dir>     (the bundle built by scripts/gpu/prepare-webgpu-check.sh)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { T5ForConditionalGeneration, activeWebGpuAdapter, selectBackend } from '@t5sql/t5-core';
import * as tf from '@tensorflow/tfjs-core';
import { bundledWebGpuImporter } from './bundled-webgpu-importer.js';

interface PyTorchReference {
  device: string;
  torch: string;
  transformers: string;
  batch: { input_ids: number[][]; attention_mask: number[][]; labels: number[][] };
  loss: number;
  greedy: { new_tokens: number; seconds: number; tokens_per_second: number; sequence: number[] };
  matmul: { size: number; iterations: number };
  matmul_tflops: number;
}

/** Seconds for `run` (which must end in a read-back, so the GPU work is finished), best of `repeats`. */
async function bestOf(repeats: number, run: () => Promise<void>): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    await run();
    best = Math.min(best, (performance.now() - start) / 1000);
  }
  return best;
}

/** float32 TFLOP/s of `iterations` chained n×n matMuls, read back once. */
async function matMulRate(n: number, iterations: number): Promise<number> {
  const a = tf.randomUniform([n, n], -1, 1, 'float32', 1);
  const b = tf.randomUniform([n, n], -1, 1, 'float32', 2);
  const once = async () => {
    const products = Array.from({ length: iterations }, () => tf.matMul(a, b));
    // One element of each product, summed pairwise (tf.addN of 8 inputs exceeds webgpu's default binding limit).
    const probe = tf.tidy(() =>
      products.map((p) => tf.slice(p, [0, 0], [1, 1])).reduce((sum, corner) => tf.add(sum, corner)),
    );
    await probe.data();
    tf.dispose([...products, probe]);
  };
  await once(); // compiles the program
  const seconds = await bestOf(3, once);
  tf.dispose([a, b]);
  return (2 * n ** 3 * iterations) / seconds / 1e12;
}

async function main(): Promise<void> {
  const work = process.argv[2];
  if (!work) throw new Error('usage: node webgpu-check.js <work dir written by pytorch_reference.py>');
  const reference = JSON.parse(readFileSync(join(work, 'reference.json'), 'utf8')) as PyTorchReference;
  const backend = await selectBackend({
    prefer: process.env.T5SQL_BACKEND || 'webgpu',
    importer: bundledWebGpuImporter,
  });
  const adapter = activeWebGpuAdapter();
  const size = reference.matmul.size;
  const tflops = await matMulRate(size, reference.matmul.iterations);

  const model = await T5ForConditionalGeneration.fromPretrained(join(work, 'checkpoint'));
  const { batch } = reference;
  const lossOf = async () => {
    const out = model.forward({
      inputIds: batch.input_ids,
      attentionMask: batch.attention_mask,
      labels: batch.labels,
    });
    const value = (await out.loss!.data())[0];
    tf.dispose([out.logits, out.loss!]);
    return value;
  };
  const loss = await lossOf();
  const forwardSeconds = await bestOf(3, async () => {
    await lossOf();
  });

  const newTokens = reference.greedy.new_tokens;
  const prompt = { ids: [batch.input_ids[0]], mask: [batch.attention_mask[0]] };
  const greedy = () =>
    model.generate(prompt.ids, {
      attentionMask: prompt.mask,
      maxNewTokens: newTokens,
      minNewTokens: newTokens,
    });
  const [sequence] = await greedy(); // warm-up compiles every program
  const greedySeconds = await bestOf(3, async () => {
    await greedy();
  });
  model.dispose();

  const relative = Math.abs(loss - reference.loss) / Math.abs(reference.loss);
  const rows = [
    ['backend', `${backend} on ${adapter ? JSON.stringify(adapter) : 'n/a'}`, reference.device, ''],
    [
      `matMul ${size}² float32 (TFLOP/s)`,
      tflops.toFixed(2),
      reference.matmul_tflops.toFixed(2),
      (tflops / reference.matmul_tflops).toFixed(3),
    ],
    [
      `loss, batch ${batch.input_ids.length} x ${batch.input_ids[0].length} / ${batch.labels[0].length}`,
      loss.toFixed(6),
      reference.loss.toFixed(6),
      `rel. diff ${relative.toExponential(2)}`,
    ],
    [`forward with loss, eval mode, batch ${batch.input_ids.length} (s)`, forwardSeconds.toFixed(4), '', ''],
    [
      `greedy ${newTokens} tokens, batch 1 (tokens/s)`,
      (newTokens / greedySeconds).toFixed(1),
      reference.greedy.tokens_per_second.toFixed(1),
      (newTokens / greedySeconds / reference.greedy.tokens_per_second).toFixed(3),
    ],
    [
      'greedy sequence equals PyTorch',
      String(JSON.stringify(sequence) === JSON.stringify(reference.greedy.sequence)),
      '',
      '',
    ],
  ];
  console.log('| measurement | t5sql | PyTorch | ratio |\n|---|---:|---:|---:|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  writeFileSync(
    join(work, 'webgpu-check.json'),
    `${JSON.stringify({ backend, adapter, tflops, loss, relative, forwardSeconds, greedySeconds, sequence, reference: { ...reference, batch: undefined } }, null, 1)}\n`,
  );
  // The bar: PyTorch's loss to 1e-6 relative (float32 both sides, TF32 off).
  if (!(relative <= 1e-5)) {
    console.error(`loss differs from PyTorch by ${relative.toExponential(2)} relative`);
    process.exitCode = 1;
  }
}

await main();
