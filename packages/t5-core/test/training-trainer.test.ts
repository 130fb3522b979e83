// The Trainer over a toy TrainableSeq2Seq: learning, accumulation, evaluation, callbacks, progress, checkpoints
// with exact resume, and no tensor leaks. Real-T5 runs live in training-t5.test.ts.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deriveStepDropoutSeed } from '@t5sql/common';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerWasmTrainingKernels } from '../src/backend/index.js';
import type { Seq2SeqBatch } from '../src/contracts/index.js';
import { type StepMetrics, Trainer, type TrainerOptions, formatProgress } from '../src/training/index.js';
import { TEST_BACKENDS, useBackend } from './support/backends.js';
import { expectClose } from './support/close.js';
import { ToyTrainable, toyTaskBatches } from './support/toy-trainable.js';

let dir: string;
beforeAll(async () => {
  registerWasmTrainingKernels();
  dir = await mkdtemp(join(tmpdir(), 't5sql-trainer-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const quiet: TrainerOptions = { quiet: true };

for (const backend of TEST_BACKENDS) {
  describe(`Trainer on ${backend}`, () => {
    beforeAll(() => useBackend(backend));

    it('fits the toy copy task (AdamW, warmup, clipping, dropout): loss falls by more than half', async () => {
      const model = new ToyTrainable(12, 16, 1, 0.1);
      const data = toyTaskBatches(4, 4, 7);
      const trainer = new Trainer(model, {
        ...quiet,
        learningRate: 0.05,
        epochs: 15,
        warmupSteps: 5,
        seed: 3,
      });
      const history = await trainer.train({ trainBatches: () => data, evalBatches: () => data });
      expect(history.steps).toHaveLength(60);
      expect(history.evals).toHaveLength(15);
      const first = history.steps[0].loss;
      const last = history.evals[history.evals.length - 1].loss;
      expect(last).toBeLessThan(first / 2);
      expect(history.steps[0].learningRate).toBe(0); // HF warm-up: the first update runs at rate 0
      expect(history.tokensPerSecond).toBeGreaterThan(0);
      trainer.dispose();
      model.dispose();
    });

    it('Adafactor (HF Trainer setting) trains through the same loop', async () => {
      const model = new ToyTrainable(12, 16, 2);
      const data = toyTaskBatches(3, 4, 8);
      const trainer = new Trainer(model, {
        ...quiet,
        optimizer: 'adafactor',
        learningRate: 0.05,
        schedule: 'constant',
        epochs: 10,
      });
      const history = await trainer.train({ trainBatches: () => data });
      expect(history.steps[history.steps.length - 1].loss).toBeLessThan(history.steps[0].loss * 0.7);
      trainer.dispose();
      model.dispose();
    });

    it('leaks no tensors: the count after 100 updates equals the count after 1', async () => {
      const model = new ToyTrainable(12, 16, 3, 0.1);
      const data = toyTaskBatches(5, 2, 9);
      const counts = new Map<number, number>();
      const trainer = new Trainer(model, {
        ...quiet,
        maxSteps: 100,
        gradientAccumulationSteps: 2,
        onStep: (m) => {
          if (m.step === 1 || m.step === 100) counts.set(m.step, tf.memory().numTensors);
        },
      });
      await trainer.train({ trainBatches: () => data, evalBatches: () => data.slice(0, 1) });
      expect(counts.size).toBe(2);
      expect(counts.get(100)).toBe(counts.get(1));
      trainer.dispose();
      model.dispose();
    });
  });
}

describe('Trainer (cpu)', () => {
  beforeAll(() => useBackend('cpu'));

  it('gradient accumulation over 2 micro-batches of 1 row equals one update on 2 rows (1e-6)', async () => {
    // Full label rows only, so the mean of per-micro-batch means is the batch mean.
    const rows = toyTaskBatches(4, 2, 11).map((b) => ({
      ...b,
      labels: (b.labels as number[][]).map((r, i) =>
        r.map((v) => (v === -100 ? (b.inputIds as number[][])[i][0] : v)),
      ),
    }));
    const split: Seq2SeqBatch[] = rows.flatMap((b) =>
      [0, 1].map((r) => ({
        inputIds: [(b.inputIds as number[][])[r]],
        attentionMask: [(b.attentionMask as number[][])[r]],
        labels: [(b.labels as number[][])[r]],
      })),
    );
    const a = new ToyTrainable(12, 8, 5);
    const b = new ToyTrainable(12, 8, 5);
    const opts: TrainerOptions = { ...quiet, learningRate: 0.01, schedule: 'constant', maxGradNorm: 0.5 };
    const ha = await new Trainer(a, { ...opts }).train({ trainBatches: () => rows });
    const hb = await new Trainer(b, { ...opts, gradientAccumulationSteps: 2 }).train({
      trainBatches: () => split,
    });
    expect(hb.steps).toHaveLength(ha.steps.length);
    hb.steps.forEach((s, i) => expectClose([s.loss], [ha.steps[i].loss], { label: `loss ${i}` }));
    const wa = a.weights();
    const wb = b.weights();
    for (const k of Object.keys(wa)) expectClose(wb[k], wa[k], { label: k });
    a.dispose();
    b.dispose();
  });

  it('a partial accumulation at the end of an epoch still makes an update', async () => {
    const model = new ToyTrainable(12, 8, 6);
    const data = toyTaskBatches(5, 2, 12);
    const history = await new Trainer(model, { ...quiet, gradientAccumulationSteps: 2, epochs: 2 }).train({
      trainBatches: () => data,
    });
    expect(history.steps.map((s) => s.step)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(history.steps.map((s) => s.epoch)).toEqual([0, 0, 0, 1, 1, 1]);
    model.dispose();
  });

  it('passes a distinct, reproducible dropout seed per micro-step and reports metrics to callbacks', async () => {
    const model = new ToyTrainable(12, 8, 7);
    const seen: number[] = [];
    const original = model.forward.bind(model);
    model.forward = (batch, options) => {
      if (options?.training) seen.push(options.seed!);
      return original(batch, options);
    };
    const metrics: StepMetrics[] = [];
    const evals: number[] = [];
    const data = toyTaskBatches(4, 2, 13);
    await new Trainer(model, {
      ...quiet,
      seed: 9,
      gradientAccumulationSteps: 2,
      maxSteps: 3,
      evalEvery: 2,
      onStep: (m) => {
        metrics.push(m);
        return m.step === 3 ? 'stop' : undefined;
      },
      callbacks: [{ onEvaluate: (r) => void evals.push(r.step) }],
    }).train({ trainBatches: () => data, evalBatches: () => data });
    expect(seen).toEqual([
      deriveStepDropoutSeed(9, 0, 0),
      deriveStepDropoutSeed(9, 0, 1),
      deriveStepDropoutSeed(9, 1, 0),
      deriveStepDropoutSeed(9, 1, 1),
      deriveStepDropoutSeed(9, 2, 0),
      deriveStepDropoutSeed(9, 2, 1),
    ]);
    expect(new Set(seen).size).toBe(6);
    expect(metrics.map((m) => m.step)).toEqual([1, 2, 3]);
    expect(metrics[0].tokens).toBe(2 * 2 * 5 + 2 * 2 * 5 - 2); // source + target tokens, minus the two -100 labels
    expect(metrics[2].etaMs).toBe(0);
    expect(evals).toContain(2);
    model.dispose();
  });

  it('prints a progress line every N updates (non-TTY) with step, loss, lr, tokens/s, elapsed and ETA', async () => {
    const model = new ToyTrainable(12, 8, 8);
    const lines: string[] = [];
    const stream = { write: (t: string) => lines.push(t), isTTY: false };
    await new Trainer(model, { progress: { every: 2, stream }, maxSteps: 4 }).train({
      trainBatches: () => toyTaskBatches(4, 2, 14),
    });
    const steps = lines.filter((l) => l.startsWith('step'));
    expect(steps.map((l) => l.slice(0, 8))).toEqual(['step 1/4', 'step 2/4', 'step 4/4']);
    expect(steps[0]).toMatch(
      /^step 1\/4 \| epoch 1 \| loss \d+\.\d{4} \| lr [\d.e+-]+ \| \d+ tok\/s \| elapsed \d+:\d\d \| eta \d+:\d\d\n$/,
    );
    expect(
      formatProgress({
        step: 5,
        totalSteps: 100,
        epoch: 0,
        loss: 1.5,
        learningRate: 1e-4,
        tokens: 1,
        tokensPerSecond: 1234.4,
        elapsedMs: 65_000,
        etaMs: 3_725_000,
      }),
    ).toBe('step   5/100 | epoch 1 | loss 1.5000 | lr 1.00e-4 | 1234 tok/s | elapsed 1:05 | eta 1:02:05');
    model.dispose();
  });

  it('redraws one line on a TTY and ends it with a newline', async () => {
    const model = new ToyTrainable(12, 8, 12);
    const parts: string[] = [];
    const stream = { write: (t: string) => parts.push(t), isTTY: true };
    await new Trainer(model, { progress: { stream }, maxSteps: 3 }).train({
      trainBatches: () => toyTaskBatches(3, 1, 2),
    });
    const out = parts.join('');
    expect(out.match(/\rstep/g)).toHaveLength(3);
    expect(out.endsWith('\n')).toBe(true);
    model.dispose();
  });

  it('accepts batches of int32 tensors and counts their non-pad tokens', async () => {
    const model = new ToyTrainable(12, 8, 13);
    const plain = toyTaskBatches(2, 2, 16);
    const tensors = plain.map((b) => ({
      inputIds: tf.tensor2d(b.inputIds as number[][], undefined, 'int32'),
      attentionMask: tf.tensor2d(
        [
          [1, 1, 1, 0, 0],
          [1, 1, 1, 1, 1],
        ],
        undefined,
        'int32',
      ),
      labels: tf.tensor2d(b.labels as number[][], undefined, 'int32'),
    }));
    const history = await new Trainer(model, { ...quiet }).train({ trainBatches: () => tensors });
    expect(history.steps.map((s) => s.tokens)).toEqual([8 + 9, 8 + 9]);
    for (const b of tensors) tf.dispose([b.inputIds, b.attentionMask, b.labels]);
    model.dispose();
  });

  it('writes checkpoints atomically with optimizer state and rotates them', async () => {
    const ckpt = join(dir, 'rotate');
    const model = new ToyTrainable(12, 8, 9);
    await new Trainer(model, {
      ...quiet,
      checkpointDir: ckpt,
      saveEvery: 2,
      keepCheckpoints: 2,
      maxSteps: 7,
    }).train({
      trainBatches: () => toyTaskBatches(3, 2, 15),
    });
    expect(readdirSync(ckpt).sort()).toEqual(['checkpoint-6', 'checkpoint-7']); // no temp folders left
    const files = readdirSync(join(ckpt, 'checkpoint-7')).sort();
    expect(files).toEqual(['model.safetensors', 'optimizer.safetensors', 'trainer_state.json']);
    const state = JSON.parse(readFileSync(join(ckpt, 'checkpoint-7', 'trainer_state.json'), 'utf8'));
    expect(state).toMatchObject({
      version: 1,
      step: 7,
      epoch: 2,
      positionInEpoch: 1,
      seed: 42,
      optimizer: 'adamw',
      totalSteps: 7,
    });
    expect(state.history.steps).toHaveLength(7);
    model.dispose();
  });

  it('resuming from a checkpoint continues identically: 3 + 3 updates equal 6 straight (dropout, accumulation)', async () => {
    const data = (epoch: number) => toyTaskBatches(5, 2, 100 + epoch); // per-epoch data, e.g. reshuffled
    const opts: TrainerOptions = {
      ...quiet,
      learningRate: 0.02,
      warmupSteps: 2,
      gradientAccumulationSteps: 2,
      epochs: 2,
      seed: 5,
      weightDecay: 0.01,
    };
    const straight = new ToyTrainable(12, 8, 21, 0.2);
    const full = await new Trainer(straight, opts).train({ trainBatches: data, evalBatches: () => data(9) });

    const ckpt = join(dir, 'resume');
    const first = new ToyTrainable(12, 8, 21, 0.2);
    await new Trainer(first, {
      ...opts,
      checkpointDir: ckpt,
      saveEvery: 3,
      onStep: (m) => (m.step === 3 ? 'stop' : undefined),
    }).train({
      trainBatches: data,
      evalBatches: () => data(9),
    });
    expect(readdirSync(ckpt)).toEqual(['checkpoint-3']);
    // A fresh model with different initial weights: everything must come from the checkpoint.
    const resumed = new ToyTrainable(12, 8, 999, 0.2);
    const rest = await new Trainer(resumed, { ...opts, checkpointDir: ckpt, resumeFrom: 'latest' }).train({
      trainBatches: data,
      evalBatches: () => data(9),
    });
    expect(full.steps).toHaveLength(6);
    expect(rest.steps.map((s) => s.loss)).toEqual(full.steps.map((s) => s.loss));
    expect(rest.evals).toEqual(full.evals);
    expect(resumed.weights()).toEqual(straight.weights());
    expect(existsSync(join(ckpt, 'checkpoint-6'))).toBe(true);
    for (const m of [straight, first, resumed]) m.dispose();
  });

  it('rejects bad options and a checkpoint that does not fit, naming what is wrong', async () => {
    const model = new ToyTrainable(12, 8, 10);
    expect(() => new Trainer(model, { gradientAccumulationSteps: 0 })).toThrow(
      /gradientAccumulationSteps must be an integer >= 1, got 0/,
    );
    expect(() => new Trainer(model, { optimizer: 'sgd' as 'adamw' })).toThrow(
      /optimizer: expected 'adamw', 'adafactor'/,
    );
    await expect(
      new Trainer(model, { ...quiet, resumeFrom: 'latest' }).train({ trainBatches: () => [] }),
    ).rejects.toThrow(/trainBatches\(0\) yielded no batch|needs checkpointDir/);
    const ckpt = join(dir, 'mismatch');
    await new Trainer(model, { ...quiet, checkpointDir: ckpt, maxSteps: 1 }).train({
      trainBatches: () => toyTaskBatches(1, 1, 1),
    });
    const bigger = new ToyTrainable(12, 16, 10);
    await expect(
      new Trainer(bigger, { ...quiet, resumeFrom: join(ckpt, 'checkpoint-1'), maxSteps: 2 }).train({
        trainBatches: () => toyTaskBatches(1, 1, 1),
      }),
    ).rejects.toThrow(/"shared.weight" has shape \[12,8\], the model expects \[12,16\]/);
    model.dispose();
    bigger.dispose();
  });
});
