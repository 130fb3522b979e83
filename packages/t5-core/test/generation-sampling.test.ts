// Sampling: the warpers against transformers 4.57.6's TemperatureLogitsWarper / TopKLogitsWarper /
// TopPLogitsWarper (test/fixtures/generation-warpers.json, scripts/make-generation-reference.py; filtered
// positions must match exactly, kept values within 1e-5), and sampled generation's determinism and statistics.
// torch's RNG is not reproducible here, so sampled tokens are checked against the distribution, not HF's draws.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SAMPLING_STREAM, philoxRng, philoxUniform } from '../src/backend/random/philox.js';
import { applySamplingWarpers, generateSequences } from '../src/generation/index.js';
import { sampleIndex, softmax } from '../src/generation/logits-processors.js';
import { useBackend } from './support/backends.js';
import { ToySeq2Seq } from './support/toy-seq2seq.js';

const warpers: {
  input: number[][];
  cases: {
    temperature: number;
    top_k: number;
    top_p: number;
    min_tokens_to_keep: number;
    output: (number | null)[][];
  }[];
} = JSON.parse(readFileSync(resolve(__dirname, 'fixtures', 'generation-warpers.json'), 'utf8'));

describe('sampling warpers', () => {
  it.each(warpers.cases.map((c, i) => [i, c] as const))(
    'case %i equals HF (temperature, top-k, top-p)',
    (_, c) => {
      warpers.input.forEach((input, r) => {
        const row = Float32Array.from(input);
        applySamplingWarpers(
          row,
          { temperature: c.temperature, topK: c.top_k, topP: c.top_p },
          c.min_tokens_to_keep,
        );
        const want = c.output[r];
        expect(
          Array.from(row, (v) => (v === Number.NEGATIVE_INFINITY ? null : v)).map((v) => v === null),
        ).toEqual(want.map((v) => v === null));
        row.forEach((v, i) => {
          if (want[i] !== null) expect(Math.abs(v - (want[i] as number))).toBeLessThan(1e-5);
        });
      });
    },
  );
});

describe('seeded sampling', () => {
  beforeAll(() => useBackend('cpu'));

  it('the generator is Philox (stream 3): deterministic per seed, uniform on [0, 1), philoxUniform in order', () => {
    const a = philoxRng(42);
    const b = philoxRng(42);
    const c = philoxRng(43);
    const xs = Array.from({ length: 20000 }, () => a());
    expect(xs.slice(0, 50)).toEqual(Array.from({ length: 50 }, () => b()));
    expect(xs[0]).not.toBe(c());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
    expect(xs.slice(0, 4099)).toEqual(Array.from(philoxUniform(4099, 42, SAMPLING_STREAM)));
  });

  it('sampleIndex follows the distribution (chi-square, 4 bins, 40k draws)', async () => {
    const probs = Float64Array.from([0.1, 0.2, 0.3, 0.4]);
    const rng = philoxRng(1);
    const counts = [0, 0, 0, 0];
    const n = 40000;
    for (let i = 0; i < n; i++) counts[sampleIndex(probs, rng())]++;
    const chi2 = counts.reduce((s, c, i) => s + (c - n * probs[i]) ** 2 / (n * probs[i]), 0);
    expect(chi2).toBeLessThan(16.3); // p = 0.001 for 3 degrees of freedom
  });

  it('generation with the same seed repeats; another seed differs; top-k=1 equals greedy', async () => {
    const model = new ToySeq2Seq({ vocabSize: 12, seed: 5 });
    const input = [
      [4, 5, 6, 1],
      [7, 8, 1, 0],
    ];
    const opts = { maxNewTokens: 8, doSample: true, seed: 11, numReturnSequences: 3 };
    const first = await generateSequences(model, input, opts);
    expect(first).toHaveLength(6);
    expect(await generateSequences(model, input, opts)).toEqual(first);
    expect(await generateSequences(model, input, { ...opts, seed: 12 })).not.toEqual(first);
    const greedy = await generateSequences(model, input, { maxNewTokens: 8 });
    const topOne = await generateSequences(model, input, {
      maxNewTokens: 8,
      doSample: true,
      seed: 3,
      topK: 1,
    });
    expect(topOne).toEqual(greedy);
    await expect(generateSequences(model, input, { maxNewTokens: 2, doSample: true })).rejects.toThrow(
      /seed/,
    );
  });

  it('first sampled tokens follow softmax(logits / T) restricted by top-k and top-p', async () => {
    const model = new ToySeq2Seq({ vocabSize: 10, seed: 9 });
    const input = [[3, 4, 1]];
    const draws = 3000;
    const rows = Array.from({ length: draws }, () => input[0]);
    const settings = { temperature: 0.8, topK: 6, topP: 0.9 };
    const out = await generateSequences(model, rows, {
      maxNewTokens: 1,
      doSample: true,
      seed: 21,
      ...settings,
    });
    // Expected distribution from the toy's first-step logits through the same warper chain.
    const logits = model.firstStepLogits(input[0]);
    applySamplingWarpers(logits, settings);
    const probs = softmax(logits);
    const counts = new Array(10).fill(0);
    for (const row of out) counts[row[1]]++;
    for (let t = 0; t < 10; t++) {
      if (probs[t] === 0) expect(counts[t]).toBe(0);
      else
        expect(Math.abs(counts[t] / draws - probs[t])).toBeLessThan(
          4 * Math.sqrt((probs[t] * (1 - probs[t])) / draws) + 1e-3,
        );
    }
    expect(probs.filter((p) => p > 0).length).toBeLessThan(10);
  });
});
