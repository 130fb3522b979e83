// Parity with Hugging Face evaluate on every shared fixture case and every field, relative tolerance 1e-12.
// Reference: evaluate@a7dd338 metric scripts on rouge_score 0.1.2, tensorflow/nmt bleu.py, nltk 3.10.0 and
// WordNet 3.0 (see expected.json provenance). Where the reference raised, the test checks our documented behaviour.
import { describe, expect, it } from 'vitest';
import { bleu, googleBleu, meteor, rouge, rougeBootstrap } from '../src/index.js';
import { type RougeExpected, isPyError, loadMetricFixtures, relClose } from './helpers/shared-fixtures.js';

const { cases, results } = loadMetricFixtures();
const TOL = 1e-12;

function expectClose(actual: unknown, expected: unknown, path: string): void {
  if (typeof expected === 'number') {
    expect(typeof actual, path).toBe('number');
    expect(relClose(actual as number, expected, TOL), `${path}: ${actual} vs ${expected}`).toBe(true);
  } else if (Array.isArray(expected)) {
    expect(Array.isArray(actual), path).toBe(true);
    expect((actual as unknown[]).length, path).toBe(expected.length);
    expected.forEach((e, i) => expectClose((actual as unknown[])[i], e, `${path}[${i}]`));
  } else {
    for (const [k, v] of Object.entries(expected as Record<string, unknown>)) {
      expectClose((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
    }
  }
}

function expectNoNaN(value: unknown, path: string): void {
  if (typeof value === 'number') expect(Number.isFinite(value), `${path} = ${value}`).toBe(true);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) expectNoNaN(v, `${path}.${k}`);
}

function checkRouge(i: number, exp: RougeExpected, useStemmer: boolean): void {
  const { predictions, references } = cases[i];
  if (isPyError(exp.per_example)) {
    expect(() => rouge({ predictions, references, useStemmer })).toThrow(
      /predictions has \d+ items but references/,
    );
    return;
  }
  const per = rouge({ predictions, references, useStemmer, useAggregator: false });
  expectClose(per, exp.per_example, 'per_example');
  expectClose(rouge({ predictions, references, useStemmer }), exp.mean, 'mean');
  // evaluate's aggregate with np.random.seed(42): bit-exact through our NumPy-compatible bootstrap.
  expectClose(
    rouge({ predictions, references, useStemmer, bootstrap: { seed: 42 } }),
    exp.aggregated,
    'aggregated',
  );
  const boot = rougeBootstrap({ predictions, references, useStemmer, bootstrap: { seed: 42 } });
  if (!isPyError(exp.bootstrap)) {
    for (const t of ['rouge1', 'rouge2', 'rougeL', 'rougeLsum'] as const) {
      expectClose(boot[t].low, exp.bootstrap.low[t], `bootstrap.low.${t}`);
      expectClose(boot[t].mid, exp.bootstrap.mid[t], `bootstrap.mid.${t}`);
      expectClose(boot[t].high, exp.bootstrap.high[t], `bootstrap.high.${t}`);
    }
  }
}

describe('parity with evaluate on the shared fixtures', () => {
  it('has the fixture cases', () => {
    expect(cases.length).toBeGreaterThan(100);
  });

  describe.each(cases.map((c, i) => [c.id, i] as const))('%s', (_id, i) => {
    const c = cases[i];
    const r = results[i];

    it('rouge (use_stemmer=False)', () => checkRouge(i, r.rouge, false));
    it('rouge (use_stemmer=True)', () => checkRouge(i, r.rouge_stemmer, true));

    it('bleu', () => {
      if (isPyError(r.bleu)) {
        if (r.bleu.error.type === 'ValueError') {
          expect(() => bleu(c)).toThrow(/predictions has \d+ items but references/);
        } else {
          // ZeroDivisionError in nmt's compute_bleu: we return sacrebleu-style values, never NaN.
          const out = bleu(c);
          expectNoNaN(out, 'bleu');
          if (out.translation_length === 0) expect(out.bleu).toBe(0);
          if (out.reference_length === 0) expect(out.length_ratio).toBe(0);
        }
        return;
      }
      expectClose(bleu(c), r.bleu, 'bleu');
    });

    it('google_bleu', () => {
      if (isPyError(r.google_bleu)) {
        expect(() => googleBleu(c)).toThrow(/predictions has \d+ items but references/);
        return;
      }
      expectClose(googleBleu(c).google_bleu, r.google_bleu, 'google_bleu');
    });

    it('meteor', async () => {
      if (isPyError(r.meteor)) {
        await expect(meteor(c)).rejects.toThrow(/predictions has \d+ items but references/);
        return;
      }
      expectClose((await meteor(c)).meteor, r.meteor, 'meteor');
    });
  });
});
