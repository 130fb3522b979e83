// How training fails and recovers: a diverged run stops loudly and saves nothing from the bad step on, pruning
// never deletes the checkpoint just written, a damaged newest checkpoint falls back to the one before it, and
// leftovers of a killed save are removed.
import { existsSync, mkdirSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readSafetensors } from '../src/checkpoint/index.js';
import {
  AdamW,
  NonFiniteTrainingError,
  Trainer,
  type TrainerOptions,
  type TrainerState,
  checkTrainingCheckpoint,
  findResumableCheckpoint,
  listCheckpoints,
  removeStaleTemp,
  saveTrainingCheckpoint,
} from '../src/training/index.js';
import { useBackend } from './support/backends.js';
import { ToyTrainable, toyTaskBatches } from './support/toy-trainable.js';

let dir: string;
beforeAll(async () => {
  await useBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 't5sql-train-fail-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const quiet: TrainerOptions = { quiet: true };

async function allFinite(checkpoint: string): Promise<boolean> {
  const tensors = await readSafetensors(join(checkpoint, 'model.safetensors'));
  return [...tensors.values()].every((t) => t.data.every((x) => Number.isFinite(x)));
}

describe('a diverging run', () => {
  it('stops at the step whose loss is NaN (lr 1e30), naming it, and saves no checkpoint from that step on', async () => {
    const ckpt = join(dir, 'diverge-loss');
    const model = new ToyTrainable(12, 8, 31);
    const error = await new Trainer(model, {
      ...quiet,
      learningRate: 1e30,
      schedule: 'constant',
      maxSteps: 5,
      checkpointDir: ckpt,
      saveEvery: 1,
    })
      .train({ trainBatches: () => toyTaskBatches(3, 2, 5) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NonFiniteTrainingError);
    const e = error as NonFiniteTrainingError;
    expect(e.quantity).toBe('loss');
    expect(Number.isFinite(e.value)).toBe(false);
    expect(e.step).toBe(2);
    expect(e.message).toMatch(/^train: the loss is (NaN|Infinity) at step 2 \(learning rate 1\.00e\+30\)/);
    // Step 1's update made the weights huge but finite; nothing of step 2 or after (nor a final save) exists.
    const saved = await listCheckpoints(ckpt);
    expect(saved.map((c) => c.step)).toEqual([1]);
    expect(await allFinite(saved[0].path)).toBe(true);
    model.dispose();
  });

  it('stops at step 1 when the gradient norm overflows although the loss is finite, before any save', async () => {
    const ckpt = join(dir, 'diverge-grad');
    const model = new ToyTrainable(12, 8, 32);
    const original = model.forward.bind(model);
    // loss × 1e30 is still a float32 (≈ 2.5e30), but the squares in its gradient's norm are not.
    model.forward = (batch, options) => {
      const out = original(batch, options);
      return { ...out, loss: tf.mul(out.loss!, 1e30) as tf.Scalar };
    };
    const error = await new Trainer(model, { ...quiet, maxSteps: 3, checkpointDir: ckpt, saveEvery: 1 })
      .train({ trainBatches: () => toyTaskBatches(3, 2, 6) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NonFiniteTrainingError);
    expect((error as NonFiniteTrainingError).quantity).toBe('gradient norm');
    expect((error as NonFiniteTrainingError).step).toBe(1);
    expect((error as Error).message).toMatch(/the gradient norm is Infinity at step 1/);
    expect(await listCheckpoints(ckpt)).toEqual([]);
    model.dispose();
  });

  it('saveTrainingCheckpoint refuses NaN weights, naming the tensor, and leaves no folder behind', async () => {
    const ckpt = join(dir, 'nan-weights');
    const model = new ToyTrainable(12, 8, 33);
    model.vars.get('lm_head.weight')!.assign(tf.fill([8, 12], Number.NaN));
    const optimizer = new AdamW({ learningRate: 1e-3 });
    const state: TrainerState = {
      version: 1,
      step: 4,
      totalSteps: 4,
      epoch: 0,
      positionInEpoch: 4,
      seed: 42,
      rng: { algorithm: 'hash(seed, step, microStep)', seed: 42 },
      optimizer: 'adamw',
      history: { steps: [], evals: [], tokensPerSecond: 0 },
      config: {},
    };
    await expect(saveTrainingCheckpoint(ckpt, model, optimizer, state, 2)).rejects.toThrow(
      /"lm_head\.weight" holds NaN at index 0; refusing to save non-finite weights as checkpoint-4/,
    );
    expect(readdirSync(ckpt)).toEqual([]); // neither checkpoint-4 nor its temporary folder
    optimizer.dispose();
    model.dispose();
  });
});

describe('checkpoint folders of a run', () => {
  it('pruning keeps the checkpoint just written when folders of higher steps exist', async () => {
    const ckpt = join(dir, 'stale-higher');
    for (const step of [10, 12]) mkdirSync(join(ckpt, `checkpoint-${step}`), { recursive: true });
    const model = new ToyTrainable(12, 8, 34);
    await new Trainer(model, {
      ...quiet,
      maxSteps: 3,
      checkpointDir: ckpt,
      saveEvery: 1,
      keepCheckpoints: 2,
    }).train({ trainBatches: () => toyTaskBatches(3, 2, 7) });
    expect((await listCheckpoints(ckpt)).map((c) => c.step)).toEqual([2, 3, 10, 12]);
    model.dispose();
  });

  it('resuming from "latest" skips a truncated newest checkpoint with a warning and still equals a straight run', async () => {
    const data = () => toyTaskBatches(4, 2, 8);
    const opts: TrainerOptions = { ...quiet, learningRate: 0.02, maxSteps: 4, seed: 3 };
    const straight = new ToyTrainable(12, 8, 35, 0.1);
    await new Trainer(straight, opts).train({ trainBatches: data });

    const ckpt = join(dir, 'damaged');
    const first = new ToyTrainable(12, 8, 35, 0.1);
    await new Trainer(first, {
      ...opts,
      checkpointDir: ckpt,
      saveEvery: 1,
      keepCheckpoints: 3,
      onStep: (m) => (m.step === 3 ? 'stop' : undefined),
    }).train({ trainBatches: data });
    const newest = join(ckpt, 'checkpoint-3', 'model.safetensors');
    truncateSync(newest, (await stat(newest)).size - 10); // a kill in the middle of a copy
    expect(await checkTrainingCheckpoint(join(ckpt, 'checkpoint-3'))).toMatch(
      /model\.safetensors: \d+ bytes, its header describes \d+ \(truncated\?\)/,
    );
    const found = await findResumableCheckpoint(ckpt);
    expect(found.latest?.step).toBe(2);
    expect(found.damaged.map((d) => d.step)).toEqual([3]);

    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const resumed = new ToyTrainable(12, 8, 999, 0.1);
    const rest = await new Trainer(resumed, { ...opts, checkpointDir: ckpt, resumeFrom: 'latest' }).train({
      trainBatches: data,
    });
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(/checkpoint-3 is damaged \(.*truncated.*\); resuming from an earlier checkpoint/),
    );
    warn.mockRestore();
    expect(rest.steps.map((s) => s.step)).toEqual([1, 2, 3, 4]);
    expect(resumed.weights()).toEqual(straight.weights());
    for (const m of [straight, first, resumed]) m.dispose();
  });

  it('names what is wrong with a damaged checkpoint: bad JSON, missing optimizer state', async () => {
    const ckpt = join(dir, 'health');
    const model = new ToyTrainable(12, 8, 36);
    await new Trainer(model, { ...quiet, maxSteps: 2, checkpointDir: ckpt, saveEvery: 1 }).train({
      trainBatches: () => toyTaskBatches(2, 2, 9),
    });
    expect(await checkTrainingCheckpoint(join(ckpt, 'checkpoint-2'))).toBeUndefined();
    writeFileSync(join(ckpt, 'checkpoint-2', 'trainer_state.json'), '{"version": 1, "step": ');
    expect(await checkTrainingCheckpoint(join(ckpt, 'checkpoint-2'))).toMatch(
      /checkpoint-2\/trainer_state\.json: cannot read trainer state/,
    );
    await rm(join(ckpt, 'checkpoint-1', 'optimizer.safetensors'));
    expect(await checkTrainingCheckpoint(join(ckpt, 'checkpoint-1'))).toMatch(
      /checkpoint-1\/optimizer\.safetensors is missing/,
    );
    const found = await findResumableCheckpoint(ckpt);
    expect(found.latest).toBeUndefined();
    expect(found.damaged.map((d) => d.step)).toEqual([2, 1]);
    model.dispose();
  });

  it('removeStaleTemp deletes only the temporary names our writers use', async () => {
    const out = join(dir, 'stale-temp');
    mkdirSync(join(out, '.checkpoint-7.0123456789ab.tmp'), { recursive: true });
    writeFileSync(join(out, '.checkpoint-7.0123456789ab.tmp', 'model.safetensors'), 'x');
    writeFileSync(join(out, 'model.safetensors.4242.abcdef012345.tmp'), 'x');
    mkdirSync(join(out, 'checkpoint-7'));
    mkdirSync(join(out, '.checkpoint-notes.tmp'));
    writeFileSync(join(out, 'notes.tmp'), 'mine');
    writeFileSync(join(out, 'model.safetensors'), 'x');
    expect(await removeStaleTemp(out)).toEqual([
      join(out, '.checkpoint-7.0123456789ab.tmp'),
      join(out, 'model.safetensors.4242.abcdef012345.tmp'),
    ]);
    expect(readdirSync(out).sort()).toEqual([
      '.checkpoint-notes.tmp',
      'checkpoint-7',
      'model.safetensors',
      'notes.tmp',
    ]);
    expect(await removeStaleTemp(join(dir, 'does-not-exist'))).toEqual([]);
    expect(existsSync(join(out, 'checkpoint-7'))).toBe(true);
  });
});
