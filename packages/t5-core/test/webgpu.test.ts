// WebGPU-only checks (run by vitest.webgpu.config.ts on SwiftShader in CI, or a real GPU with
// T5SQL_WEBGPU_HARDWARE=1): the backend came up through selectBackend, greedy decoding with the tokens kept on the
// device gives transformers' sequences, and clipping never reads back synchronously (tfjs-backend-webgpu cannot
// under Node: a synchronous read throws "OffscreenCanvas is not defined").
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeWebGpuAdapter } from '../src/backend/index.js';
import { T5ForConditionalGeneration } from '../src/model/index.js';
import { clipGradNorm } from '../src/training/index.js';
import { SHARED_DIR, useBackend } from './support/backends.js';
import { type FixtureInputs, fixtureDir, readJson } from './support/t5-fixtures.js';

const FIXTURES = ['t5_v1_0_relu_tied', 't5_v1_1_gated_gelu_untied'];

describe('webgpu backend', () => {
  beforeAll(() => useBackend('webgpu'));

  it('is active on a WebGPU adapter that selectBackend described', () => {
    expect(tf.getBackend()).toBe('webgpu');
    const adapter = activeWebGpuAdapter();
    expect(adapter).not.toBeNull();
    console.info(`webgpu adapter: ${JSON.stringify(adapter)}`);
    // CI has only SwiftShader; a run on real hardware (T5SQL_WEBGPU_HARDWARE=1) must not report a software adapter.
    expect(adapter!.software).toBe(process.env.T5SQL_WEBGPU_HARDWARE !== '1');
  });

  it('a synchronous read of a GPU tensor still throws here, so every suite on this backend proves none happens', () => {
    const a = tf.randomNormal([64, 64], 0, 1, 'float32', 1);
    const t = tf.matMul(a, a); // computed on the device, never read yet
    expect(() => t.dataSync()).toThrow(/OffscreenCanvas/);
    tf.dispose([a, t]);
  });

  it('clipGradNorm keeps the norm and the coefficient on the device and matches the host arithmetic', async () => {
    const grads = new Map<string, tf.Tensor>([
      ['a', tf.tensor1d([3, 0])],
      ['b', tf.tensor1d([0, 4])],
    ]);
    const { gradients, totalNorm } = clipGradNorm(grads, 1);
    expect((await totalNorm.data())[0]).toBeCloseTo(5, 6);
    const b = await gradients.get('b')!.data();
    expect(b[1]).toBeCloseTo(4 / (5 + 1e-6), 6);
    tf.dispose([...grads.values(), ...gradients.values(), totalNorm]);
  });

  describe.each(FIXTURES)('%s', (name) => {
    let model: T5ForConditionalGeneration;
    let expected: { inputs: FixtureInputs; greedy: { sequences: number[][] } };
    beforeAll(async () => {
      const dir = fixtureDir(SHARED_DIR, name);
      model = await T5ForConditionalGeneration.fromPretrained(dir);
      expected = readJson(join(dir, 'expected.json'));
    });
    afterAll(() => model?.dispose());

    it('greedy decoding with tokens chosen on the device gives transformers sequences, leaking nothing', async () => {
      const options = { attentionMask: expected.inputs.attention_mask, maxNewTokens: 10 };
      await model.generate(expected.inputs.input_ids, options); // warm-up: one-time constants are not leaks
      const before = tf.memory().numTensors;
      const out = await model.generate(expected.inputs.input_ids, options);
      expect(out).toEqual(expected.greedy.sequences);
      expect(tf.memory().numTensors).toBe(before);
    });
  });
});
