// The training figures of issue 13, t5sql's side (scripts/gpu/run-training-check.sh runs PyTorch's first): step
// times against PyTorch's, measured in the same run on the same GPU, and the loss curves of the same runs from the
// same checkpoints on the same Spider batches, compared step by step (1e-3 relative). Writes curves.csv, curves.svg
// and training-check.json into the work folder and prints the table.
//
//   node training-check.js <work dir>
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PeftModel, getPeftModel } from '@t5sql/peft';
import {
  AdamW,
  type Seq2SeqBatch,
  type T5ConfigJson,
  T5ForConditionalGeneration,
  type TrainableSeq2Seq,
  Trainer,
  activeWebGpuAdapter,
  clipGradNorm,
  selectBackend,
} from '@t5sql/t5-core';
import * as tf from '@tensorflow/tfjs-core';
import { bundledWebGpuImporter } from './bundled-webgpu-importer.js';

interface Batch {
  input_ids: number[][];
  attention_mask: number[][];
  labels: number[][];
}

interface TorchFigures {
  device: string;
  steps: Record<string, number>;
  curves: { small: number[]; lora: number[] };
  settings: {
    small_lr: number;
    lora_lr: number;
    small_steps: number;
    lora_steps: number;
    large_config: T5ConfigJson;
  };
}

const toBatch = (b: Batch): Seq2SeqBatch => ({
  inputIds: b.input_ids,
  attentionMask: b.attention_mask,
  labels: b.labels,
});

/** Four batches stacked into one of 4x the rows (the batch-32 row). */
function stack(batches: Batch[]): Batch {
  return {
    input_ids: batches.flatMap((b) => b.input_ids),
    attention_mask: batches.flatMap((b) => b.attention_mask),
    labels: batches.flatMap((b) => b.labels),
  };
}

/** Median seconds of `run` over `repeats` after one warm-up (programs compiled); `run` must end in a read-back. */
async function median(repeats: number, run: () => Promise<void>): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    await run();
    times.push((performance.now() - start) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** One training step as the issue defines it: forward, backward, clip to norm 1.0, AdamW; reads the loss. */
function stepFn(model: TrainableSeq2Seq, batch: Seq2SeqBatch, optimizer: AdamW): () => Promise<void> {
  const vars = model.namedTrainableVariables();
  const byTfName = new Map([...vars].map(([k, v]) => [v.name, k]));
  return async () => {
    const { value, grads } = tf.variableGrads(
      () => model.forward(batch, { training: true }).loss!,
      [...vars.values()],
    );
    const named = new Map(Object.entries(grads).map(([k, g]) => [byTfName.get(k)!, g]));
    const { gradients, totalNorm } = clipGradNorm(named, 1.0);
    optimizer.applyGradients(vars, gradients, 1e-4);
    await value.data();
    tf.dispose([value, totalNorm, ...Object.values(grads), ...gradients.values()]);
  };
}

/** Kernels one training-mode forward + backward launches (tf.profile): what fused kernels save. */
async function kernelsPerGradientPass(model: TrainableSeq2Seq, batch: Seq2SeqBatch): Promise<number> {
  const vars = [...model.namedTrainableVariables().values()];
  const info = await tf.profile(() => {
    const { value, grads } = tf.variableGrads(() => model.forward(batch, { training: true }).loss!, vars);
    tf.dispose([value, ...Object.values(grads)]);
  });
  return info.kernels.length;
}

async function trainCurve(model: TrainableSeq2Seq, batches: Batch[], steps: number, lr: number) {
  const trainer = new Trainer(model, {
    quiet: true,
    optimizer: 'adamw',
    learningRate: lr,
    weightDecay: 0,
    schedule: 'constant',
    warmupSteps: 0,
    maxGradNorm: 1.0,
    maxSteps: steps,
    seed: 42,
  });
  const history = await trainer.train({ trainBatches: () => batches.slice(0, steps).map(toBatch) });
  trainer.dispose();
  return history.steps.map((s) => s.loss);
}

/** A small SVG of two loss curves on one axis that holds every point. */
function curvesSvg(title: string, a: number[], b: number[]): string {
  const w = 640;
  const h = 360;
  const pad = 48;
  const all = [...a, ...b].filter(Number.isFinite);
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const span = hi - lo || 1;
  const x = (i: number, n: number) => pad + ((w - 2 * pad) * i) / Math.max(1, n - 1);
  const y = (v: number) => h - pad - ((h - 2 * pad) * (v - lo)) / span;
  const path = (c: number[]) =>
    c.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i, c.length).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/><text x="${pad}" y="20">${title}</text>
<line x1="${pad}" y1="${h - pad}" x2="${w - pad}" y2="${h - pad}" stroke="black"/><line x1="${pad}" y1="${pad}" x2="${pad}" y2="${h - pad}" stroke="black"/>
<text x="4" y="${pad + 4}">${hi.toFixed(3)}</text><text x="4" y="${h - pad}">${lo.toFixed(3)}</text>
<text x="${w - pad - 30}" y="${h - pad + 16}">step ${a.length}</text>
<path d="${path(b)}" fill="none" stroke="#d62728" stroke-width="3" opacity="0.5"/><path d="${path(a)}" fill="none" stroke="#1f77b4" stroke-width="1.2"/>
<text x="${w - 200}" y="${pad}" fill="#1f77b4">t5sql</text><text x="${w - 140}" y="${pad}" fill="#d62728">PyTorch</text></svg>
`;
}

async function main(): Promise<void> {
  const work = process.argv[2];
  if (!work)
    throw new Error('usage: node training-check.js <work dir written by pytorch_training_reference.py>');
  const torch = JSON.parse(readFileSync(join(work, 'torch-training.json'), 'utf8')) as TorchFigures;
  const { batches } = JSON.parse(readFileSync(join(work, 'batches.json'), 'utf8')) as { batches: Batch[] };
  const backend = await selectBackend({
    prefer: process.env.T5SQL_BACKEND || 'webgpu',
    importer: bundledWebGpuImporter,
  });
  const ours: Record<string, number> = {};

  // t5-small shape, full fine-tuning.
  const small = await T5ForConditionalGeneration.fromPretrained(join(work, 'small'));
  const b8 = toBatch(batches[0]);
  const b32 = toBatch(stack(batches.slice(0, 4)));
  ours.forward_eval_b8 = await median(5, async () => {
    const out = small.forward(b8, { training: false });
    await out.loss!.data();
    tf.dispose([out.logits, out.loss!]);
  });
  // The training-mode row: the same shape with dropout 0.1 (the loss-curve checkpoints have none).
  const smallConfig = JSON.parse(readFileSync(join(work, 'small', 'config.json'), 'utf8')) as T5ConfigJson;
  const dropped = await T5ForConditionalGeneration.fromConfig(
    { ...smallConfig, dropout_rate: 0.1 },
    { seed: 0 },
  );
  ours.forward_train_b8 = await median(5, async () => {
    const out = dropped.forward(b8, { training: true });
    await out.loss!.data();
    tf.dispose([out.logits, out.loss!]);
  });
  const kernels = await kernelsPerGradientPass(dropped, b8);
  dropped.dispose();
  const opt = new AdamW({ learningRate: 1e-4, weightDecay: 0 });
  ours.train_step_b8 = await median(5, stepFn(small, b8, opt));
  ours.train_step_b32 = await median(3, stepFn(small, b32, opt));
  opt.dispose();
  small.dispose();
  const fresh = await T5ForConditionalGeneration.fromPretrained(join(work, 'small'));
  const smallCurve = await trainCurve(fresh, batches, torch.settings.small_steps, torch.settings.small_lr);
  fresh.dispose();

  // Flan-T5-large shape: random init time, LoRA r=8 on q,v step time and curve from PyTorch's initial adapter.
  const started = performance.now();
  const random = await T5ForConditionalGeneration.fromConfig(torch.settings.large_config, { seed: 0 });
  ours.from_config_large = (performance.now() - started) / 1000;
  const loraTimed = getPeftModel(random, {
    peft_type: 'LORA',
    r: 8,
    lora_alpha: 16,
    target_modules: ['q', 'v'],
  });
  const loraOpt = new AdamW({ learningRate: 1e-4, weightDecay: 0 });
  ours.lora_step_b8 = await median(5, stepFn(loraTimed, b8, loraOpt));
  loraOpt.dispose();
  loraTimed.dispose();
  const base = await T5ForConditionalGeneration.fromPretrained(join(work, 'large'));
  const lora = await PeftModel.fromPretrained(base, join(work, 'large-lora-init'), { isTrainable: true });
  const loraCurve = await trainCurve(lora, batches, torch.settings.lora_steps, torch.settings.lora_lr);
  lora.dispose();

  const worst = (a: number[], b: number[]) =>
    Math.max(...a.map((v, i) => Math.abs(v - b[i]) / Math.abs(b[i])));
  const rows8 = batches[0].input_ids.length; // 8 in the real run
  const rows: [string, string, number, number][] = [
    [
      `forward with loss, eval mode, batch ${rows8}`,
      'forward_eval_b8',
      ours.forward_eval_b8,
      torch.steps.forward_eval_b8,
    ],
    [`training step, batch ${rows8}`, 'train_step_b8', ours.train_step_b8, torch.steps.train_step_b8],
    [`training step, batch ${4 * rows8}`, 'train_step_b32', ours.train_step_b32, torch.steps.train_step_b32],
    [
      `Flan-T5-large shape, LoRA r=8 on q,v, batch ${rows8}`,
      'lora_step_b8',
      ours.lora_step_b8,
      torch.steps.lora_step_b8,
    ],
    [
      'fromConfig of the Flan-T5-large shape',
      'from_config_large',
      ours.from_config_large,
      torch.steps.from_config_large,
    ],
  ];
  console.log(`backend ${backend} on ${JSON.stringify(activeWebGpuAdapter())}; PyTorch on ${torch.device}`);
  console.log('| measurement | PyTorch (s) | t5sql (s) | ratio |\n|---|---:|---:|---:|');
  for (const [label, , t, p] of rows)
    console.log(`| ${label} | ${p.toFixed(4)} | ${t.toFixed(4)} | ${(t / p).toFixed(2)}x |`);
  const tokens =
    batches[0].input_ids.flat().length + batches[0].labels.flat().filter((v) => v !== -100).length;
  console.log(`t5-small training: ${(tokens / ours.train_step_b8).toFixed(0)} tokens/s at batch ${rows8}`);
  console.log(
    `t5-small forward with loss, training mode (dropout 0.1), batch ${rows8}: ${ours.forward_train_b8.toFixed(4)} s; ` +
      `kernels per training-mode forward + backward: ${kernels}`,
  );
  const smallWorst = worst(smallCurve, torch.curves.small);
  const loraWorst = worst(loraCurve, torch.curves.lora);
  console.log(
    `loss curves, worst relative difference per step: t5-small ${smallWorst.toExponential(2)} over ${smallCurve.length} steps, LoRA ${loraWorst.toExponential(2)} over ${loraCurve.length} steps (bar: 1e-3)`,
  );
  const csv = ['run,step,t5sql,pytorch'];
  smallCurve.forEach((v, i) => csv.push(`t5-small,${i + 1},${v},${torch.curves.small[i]}`));
  loraCurve.forEach((v, i) => csv.push(`lora,${i + 1},${v},${torch.curves.lora[i]}`));
  writeFileSync(join(work, 'curves.csv'), `${csv.join('\n')}\n`);
  writeFileSync(
    join(work, 'curves-t5-small.svg'),
    curvesSvg('t5-small shape, full fine-tuning: loss per step', smallCurve, torch.curves.small),
  );
  writeFileSync(
    join(work, 'curves-lora.svg'),
    curvesSvg('Flan-T5-large shape, LoRA r=8 q,v: loss per step', loraCurve, torch.curves.lora),
  );
  writeFileSync(
    join(work, 'training-check.json'),
    `${JSON.stringify({ backend, adapter: activeWebGpuAdapter(), ours, kernels, torch: torch.steps, smallWorst, loraWorst }, null, 1)}\n`,
  );
  if (!(smallWorst <= 1e-3 && loraWorst <= 1e-3)) process.exitCode = 1;
}

await main();
