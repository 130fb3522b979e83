// evaluateLoss, the evaluation Trainer.evaluate runs, on its own: HF's eval_loss (each batch's mean loss weighted
// by its rows), in inference mode, with no tensor left behind.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Trainer, evaluateLoss } from '../src/training/index.js';
import { useBackend } from './support/backends.js';
import { ToyTrainable, toyTaskBatches } from './support/toy-trainable.js';

describe('evaluateLoss (cpu)', () => {
  beforeAll(() => useBackend('cpu'));

  it('weights each batch by its rows, ignores dropout, equals Trainer.evaluate and leaks nothing', async () => {
    const model = new ToyTrainable(12, 8, 4, 0.5);
    const [one] = toyTaskBatches(1, 1, 3);
    const [three] = toyTaskBatches(1, 3, 5);
    const lossOf = async (batch: typeof one) => {
      const loss = tf.tidy(() => model.forward(batch, { training: false }).loss!);
      const value = (await loss.data())[0];
      loss.dispose();
      return value;
    };
    const expected = ((await lossOf(one)) * 1 + (await lossOf(three)) * 3) / 4;
    const before = tf.memory().numTensors;
    const loss = await evaluateLoss(model, [one, three]);
    expect(tf.memory().numTensors).toBe(before);
    expect(loss).toBe(expected);
    expect(await evaluateLoss(model, [one, three])).toBe(loss); // no dropout: the same twice
    const trainer = new Trainer(model, { quiet: true });
    expect(await trainer.evaluate([one, three])).toBe(loss);
    trainer.dispose();
    model.dispose();
  });

  it('throws when there is no batch', async () => {
    const model = new ToyTrainable(12, 8, 4);
    await expect(evaluateLoss(model, [])).rejects.toThrow(/yielded no batch/);
    model.dispose();
  });
});
