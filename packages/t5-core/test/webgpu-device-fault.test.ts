// A WebGPU device lost mid-run (here: destroyed from a step callback) stops training with a DeviceFaultError that
// says so, leaves the last complete checkpoint as it was, and the run resumes from it (here on cpu, as a new process
// would after a driver reset). Its own file: the destroyed device is unusable for the rest of the process.
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceFaultError, deviceFault } from '../src/backend/index.js';
import { Trainer } from '../src/training/index.js';
import { useBackend } from './support/backends.js';
import { ToyTrainable, toyTaskBatches } from './support/toy-trainable.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 't5sql-device-fault-'));
  await useBackend('webgpu');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('webgpu device loss', () => {
  it('is a DeviceFaultError naming the loss; the last checkpoint stays intact and resuming works', async () => {
    const data = toyTaskBatches(2, 4, 7);
    const model = new ToyTrainable(12, 16, 1);
    const options = {
      quiet: true,
      learningRate: 0.05,
      maxSteps: 4,
      seed: 3,
      checkpointDir: dir,
      saveEvery: 1,
    };
    const trainer = new Trainer(model, {
      ...options,
      onStep: (m) => {
        if (m.step === 2) (tf.backend() as unknown as { device: { destroy(): void } }).device.destroy();
      },
    });
    const failure = await trainer.train({ trainBatches: () => data }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DeviceFaultError);
    expect((failure as DeviceFaultError).kind).toBe('lost');
    expect((failure as Error).message).toMatch(/WebGPU device lost \(destroyed/);
    expect(deviceFault()).toBe(failure);
    // checkpoint-1 was complete before the loss; checkpoint-2's write failed and left nothing behind.
    expect(readdirSync(dir).sort()).toEqual(['checkpoint-1']);
    expect(existsSync(join(dir, 'checkpoint-1', 'trainer_state.json'))).toBe(true);

    await useBackend('cpu');
    const resumed = new ToyTrainable(12, 16, 1);
    const again = new Trainer(resumed, { ...options, resumeFrom: 'latest' });
    const history = await again.train({ trainBatches: () => data });
    expect(history.steps.map((s) => s.step)).toEqual([1, 2, 3, 4]);
    expect(history.steps.every((s) => Number.isFinite(s.loss))).toBe(true);
    again.dispose();
    resumed.dispose();
  });
});
