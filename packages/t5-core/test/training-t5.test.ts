// The Trainer on the real T5ForConditionalGeneration (tiny random configs): it learns, it runs on wasm end to end
// (embedding gradients through the supplied UnsortedSegmentSum), it resumes exactly, and it leaks no tensors.
import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerWasmTrainingKernels } from '../src/backend/index.js';
import type { Seq2SeqBatch } from '../src/contracts/index.js';
import { T5ForConditionalGeneration } from '../src/model/index.js';
import { Trainer, type TrainerOptions } from '../src/training/index.js';
import { useBackend } from './support/backends.js';
import { expectClose } from './support/close.js';
import { toyTaskBatches } from './support/toy-trainable.js';

// d_model 32, 2+2 layers, 4 heads x 8, gated-gelu (flan-style) so Erf/Tanh/Pow paths are trained too.
const TINY = {
  vocab_size: 24,
  d_model: 32,
  d_kv: 8,
  d_ff: 64,
  num_layers: 2,
  num_decoder_layers: 2,
  num_heads: 4,
  relative_attention_num_buckets: 8,
  relative_attention_max_distance: 16,
  dropout_rate: 0.1,
  feed_forward_proj: 'gated-gelu',
  tie_word_embeddings: false,
  pad_token_id: 0,
  eos_token_id: 1,
  decoder_start_token_id: 0,
};

const quiet: TrainerOptions = { quiet: true };
const weightsOf = (m: T5ForConditionalGeneration) =>
  Object.fromEntries([...m.namedTrainableVariables()].map(([k, v]) => [k, Array.from(v.dataSync())]));

let dir: string;
beforeAll(async () => {
  registerWasmTrainingKernels();
  dir = await mkdtemp(join(tmpdir(), 't5sql-train-t5-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('training T5 on wasm', () => {
  beforeAll(() => useBackend('wasm'));

  it('overfits a tiny task: eval loss falls below half of the first loss', async () => {
    const model = await T5ForConditionalGeneration.fromConfig(TINY, { seed: 1 });
    const data = toyTaskBatches(4, 4, 3, 24, 6);
    const history = await new Trainer(model, {
      ...quiet,
      learningRate: 3e-3,
      epochs: 12,
      warmupSteps: 4,
      seed: 1,
    }).train({
      trainBatches: () => data,
      evalBatches: () => data,
    });
    expect(history.evals).toHaveLength(12);
    expect(history.evals[11].loss).toBeLessThan(history.steps[0].loss / 2);
    model.dispose();
  });

  it('leaks no tensors: tf.memory().numTensors after 100 updates equals the count after 1', async () => {
    const model = await T5ForConditionalGeneration.fromConfig(TINY, { seed: 2 });
    const data = toyTaskBatches(3, 2, 4, 24, 5);
    const counts = new Map<number, number>();
    await new Trainer(model, {
      ...quiet,
      optimizer: 'adafactor',
      maxSteps: 100,
      gradientAccumulationSteps: 2,
      onStep: (m) => {
        if (m.step === 1 || m.step === 100) counts.set(m.step, tf.memory().numTensors);
      },
    }).train({ trainBatches: () => data, evalBatches: () => data.slice(0, 1) });
    expect(counts.size).toBe(2);
    expect(counts.get(100)).toBe(counts.get(1));
    model.dispose();
  });
});

describe('T5 gradients on wasm equal cpu', () => {
  it('every trainable gradient of a tiny T5 (relu and gated-gelu) agrees within 1e-4 relative + 1e-6', async () => {
    // Reference: the cpu backend. Different kernels sum in different orders, hence 1e-4 rather than 1e-6.
    const batch = toyTaskBatches(1, 3, 21, 24, 6)[0];
    for (const ff of ['relu', 'gated-gelu']) {
      const grads = async (backend: string) => {
        await useBackend(backend);
        const model = await T5ForConditionalGeneration.fromConfig(
          { ...TINY, feed_forward_proj: ff, dropout_rate: 0 },
          { seed: 5 },
        );
        const vars = model.namedTrainableVariables();
        const byTf = new Map([...vars].map(([k, v]) => [v.name, k]));
        const { value, grads: g } = tf.variableGrads(() => model.forward(batch).loss!, [...vars.values()]);
        const out = new Map(Object.entries(g).map(([k, t]) => [byTf.get(k)!, Array.from(t.dataSync())]));
        out.set('loss', [value.dataSync()[0]]);
        tf.dispose([value, ...Object.values(g)]);
        model.dispose();
        return out;
      };
      const cpu = await grads('cpu');
      const wasm = await grads('wasm');
      expect([...wasm.keys()].sort()).toEqual([...cpu.keys()].sort());
      for (const [k, g] of cpu) expectClose(wasm.get(k)!, g, { rtol: 1e-4, atol: 1e-6, label: `${ff} ${k}` });
    }
  });
});

describe('training T5 on cpu', () => {
  beforeAll(() => useBackend('cpu'));

  it('resumes exactly: 2 + 2 updates from a checkpoint equal 4 straight (dropout on, AdamW, accumulation)', async () => {
    const data = (epoch: number): Seq2SeqBatch[] => toyTaskBatches(4, 2, 50 + epoch, 24, 5);
    const opts: TrainerOptions = {
      ...quiet,
      learningRate: 1e-3,
      gradientAccumulationSteps: 2,
      epochs: 2,
      seed: 8,
      weightDecay: 0.01,
    };
    const straight = await T5ForConditionalGeneration.fromConfig(TINY, { seed: 3 });
    const full = await new Trainer(straight, opts).train({ trainBatches: data });
    const ckpt = join(dir, 'resume');
    const first = await T5ForConditionalGeneration.fromConfig(TINY, { seed: 3 });
    await new Trainer(first, {
      ...opts,
      checkpointDir: ckpt,
      saveEvery: 2,
      onStep: (m) => (m.step === 2 ? 'stop' : undefined),
    }).train({
      trainBatches: data,
    });
    expect(readdirSync(join(ckpt, 'checkpoint-2')).sort()).toContain('optimizer.safetensors');
    const resumed = await T5ForConditionalGeneration.fromConfig(TINY, { seed: 77 });
    const rest = await new Trainer(resumed, { ...opts, checkpointDir: ckpt, resumeFrom: 'latest' }).train({
      trainBatches: data,
    });
    expect(rest.steps.map((s) => s.loss)).toEqual(full.steps.map((s) => s.loss));
    expect(weightsOf(resumed)).toEqual(weightsOf(straight));
    for (const m of [straight, first, resumed]) m.dispose();
  });
});
