// Generation against transformers 4.57.6 on settings the shared fixtures do not cover: beam widths 2-8, length
// penalties -0.5 / 0 / 0.6 / 1 / 2, early_stopping True / False / "never", min_new_tokens, 15-20 new tokens,
// num_return_sequences up to 6, a 4-row right-padded batch. References: test/fixtures/generation/*.json
// (scripts/make-generation-reference.py), on the two shared parity models and a tiny EOS-rich model whose beams
// finish at many different steps. Sequences must be equal exactly; sequences_scores within 1e-4 x max(1, |score|)
// (a negative length penalty multiplies sums of 15 log-probs by up to sqrt(16), so float32 logit noise grows).
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GenerateOptions, generateWithScores } from '../src/generation/index.js';
import { T5ForConditionalGeneration } from '../src/model/index.js';
import { SHARED_DIR, TEST_BACKENDS, useBackend } from './support/backends.js';
import { readJson } from './support/t5-fixtures.js';

interface PythonSettings {
  max_new_tokens: number;
  min_new_tokens?: number;
  num_beams?: number;
  length_penalty?: number;
  early_stopping?: boolean | 'never';
  num_return_sequences?: number;
}
interface Reference {
  model: string;
  input_ids: number[][];
  attention_mask: number[][];
  cases: Record<string, { settings: PythonSettings; sequences: number[][]; sequences_scores?: number[] }>;
}

const FIXTURE_DIR = resolve(__dirname, 'fixtures', 'generation');
const REFERENCES = readdirSync(FIXTURE_DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''));
const TOLERANCE = 1e-4;

function modelDir(name: string): string {
  return name === 't5_tiny_eos_rich' ? join(FIXTURE_DIR, name) : join(SHARED_DIR, 'fixtures', 't5', name);
}

function toOptions(s: PythonSettings): GenerateOptions {
  return {
    maxNewTokens: s.max_new_tokens,
    minNewTokens: s.min_new_tokens,
    numBeams: s.num_beams,
    lengthPenalty: s.length_penalty,
    earlyStopping: s.early_stopping,
    numReturnSequences: s.num_return_sequences,
  };
}

describe.each(TEST_BACKENDS)('generation vs transformers 4.57.6 reference settings on %s', (backend) => {
  describe.each(REFERENCES)('%s', (name) => {
    const reference = readJson<Reference>(join(FIXTURE_DIR, `${name}.json`));
    let model: T5ForConditionalGeneration;
    beforeAll(async () => {
      await useBackend(backend);
      model = await T5ForConditionalGeneration.fromPretrained(modelDir(name));
    });
    afterAll(() => model?.dispose());

    it.each(Object.keys(reference.cases))('%s', async (key) => {
      const want = reference.cases[key];
      const out = await generateWithScores(model, reference.input_ids, {
        attentionMask: reference.attention_mask,
        ...toOptions(want.settings),
      });
      expect(out.sequences).toEqual(want.sequences);
      if (want.sequences_scores) {
        const got = out.scores ?? [];
        expect(got.length).toBe(want.sequences_scores.length);
        const wantScores = want.sequences_scores;
        const worst = Math.max(
          ...got.map((s, i) => Math.abs(s - wantScores[i]) / Math.max(1, Math.abs(wantScores[i]))),
        );
        expect(worst).toBeLessThan(TOLERANCE);
      }
    });
  });
});
