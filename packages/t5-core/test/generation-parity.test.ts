// Generation against transformers 4.57.6 on the shared T5 fixtures (/work/shared/fixtures/t5/*/expected.json):
// greedy sequences and every step's logits, beam3 sequences and sequences_scores, beam3_all
// (num_return_sequences=3). Sequences must be equal exactly; logits and scores within 1e-4 (the fixtures' float32
// CPU run). Each backend in TEST_BACKENDS (cpu, wasm) runs the whole suite, with and without the KV cache.
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSequences, generateWithScores } from '../src/generation/index.js';
import { T5ForConditionalGeneration } from '../src/model/index.js';
import { SHARED_DIR, TEST_BACKENDS, useBackend } from './support/backends.js';
import { type FixtureInputs, fixtureDir, readJson } from './support/t5-fixtures.js';

interface Expected {
  inputs: FixtureInputs;
  greedy: { sequences: number[][]; step_logits: number[][][] };
  beam3: { sequences: number[][]; sequences_scores: number[] };
  beam3_all: { sequences: number[][]; sequences_scores: number[] };
}

const FIXTURES = ['t5_v1_0_relu_tied', 't5_v1_1_gated_gelu_untied'];
const TOLERANCE = 1e-4;

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

describe.each(TEST_BACKENDS)('generation parity with transformers 4.57.6 on %s', (backend) => {
  describe.each(FIXTURES)('%s', (name) => {
    let model: T5ForConditionalGeneration;
    let expected: Expected;
    beforeAll(async () => {
      await useBackend(backend);
      model = await T5ForConditionalGeneration.fromPretrained(fixtureDir(SHARED_DIR, name));
      expected = readJson<Expected>(`${fixtureDir(SHARED_DIR, name)}/expected.json`);
    });
    afterAll(() => model?.dispose());

    it.each([true, false])(
      'greedy: same sequences and step logits within 1e-4 (useCache %s)',
      async (useCache) => {
        const { input_ids, attention_mask } = expected.inputs;
        const out = await generateWithScores(model, input_ids, {
          attentionMask: attention_mask,
          maxNewTokens: 10,
          useCache,
          returnScores: true,
        });
        expect(out.sequences).toEqual(expected.greedy.sequences);
        const steps = out.stepLogits ?? [];
        expect(steps.length).toBe(expected.greedy.step_logits.length);
        let worst = 0;
        steps.forEach((rows, s) => {
          rows.forEach((row, r) => {
            worst = Math.max(worst, maxDiff(row, expected.greedy.step_logits[s][r]));
          });
        });
        expect(worst).toBeLessThan(TOLERANCE);
      },
    );

    it.each([true, false])(
      'beam3: same sequences, sequence scores within 1e-4 (useCache %s)',
      async (useCache) => {
        const { input_ids, attention_mask } = expected.inputs;
        const out = await generateWithScores(model, input_ids, {
          attentionMask: attention_mask,
          maxNewTokens: 10,
          numBeams: 3,
          lengthPenalty: 1.0,
          earlyStopping: false,
          useCache,
        });
        expect(out.sequences).toEqual(expected.beam3.sequences);
        expect(maxDiff(out.scores ?? [], expected.beam3.sequences_scores)).toBeLessThan(TOLERANCE);
      },
    );

    it('beam3_all: all three beams per row, best first, with scores', async () => {
      const { input_ids, attention_mask } = expected.inputs;
      const out = await generateWithScores(model, input_ids, {
        attentionMask: attention_mask,
        maxNewTokens: 10,
        numBeams: 3,
        numReturnSequences: 3,
      });
      expect(out.sequences).toEqual(expected.beam3_all.sequences);
      expect(maxDiff(out.scores ?? [], expected.beam3_all.sequences_scores)).toBeLessThan(TOLERANCE);
    });

    it('leaks no tensors: tf.memory().numTensors is unchanged after greedy and beam generation', async () => {
      const { input_ids, attention_mask } = expected.inputs;
      const before = tf.memory().numTensors;
      await generateSequences(model, input_ids, { attentionMask: attention_mask, maxNewTokens: 6 });
      await generateSequences(model, input_ids, {
        attentionMask: attention_mask,
        maxNewTokens: 6,
        numBeams: 3,
      });
      await generateSequences(model, input_ids, {
        attentionMask: attention_mask,
        maxNewTokens: 6,
        useCache: false,
      });
      await generateSequences(model, input_ids, {
        maxNewTokens: 4,
        doSample: true,
        seed: 3,
        numReturnSequences: 2,
      });
      expect(tf.memory().numTensors).toBe(before);
    });
  });
});
