// Input validation (errors name the argument and index) and degenerate corpora (documented values, never NaN).
import { describe, expect, it } from 'vitest';
import { bleu, googleBleu, meteor, rouge } from '../src/index.js';

const sync = {
  rouge: (o: { predictions: unknown; references: unknown }) => rouge(o as never),
  bleu: (o: { predictions: unknown; references: unknown }) => bleu(o as never),
  googleBleu: (o: { predictions: unknown; references: unknown }) => googleBleu(o as never),
};

describe.each(Object.entries(sync))('%s input errors', (name, fn) => {
  it('names mismatched lengths', () => {
    expect(() => fn({ predictions: ['a', 'b'], references: ['a'] })).toThrow(
      `${name}: predictions has 2 items but references has 1`,
    );
  });
  it('names a non-string prediction and its index', () => {
    expect(() => fn({ predictions: ['a', 3], references: ['a', 'b'] })).toThrow(
      `${name}: predictions[1] must be a string, found number`,
    );
  });
  it('names an empty reference list', () => {
    expect(() => fn({ predictions: ['a'], references: [[]] })).toThrow(
      `${name}: references[0] is an empty list`,
    );
  });
  it('names a non-string reference inside a list', () => {
    expect(() => fn({ predictions: ['a'], references: [['x', null]] })).toThrow(
      `${name}: references[0][1] must be a string, found null`,
    );
  });
  it('rejects non-arrays and empty corpora', () => {
    expect(() => fn({ predictions: 'a', references: ['a'] })).toThrow(
      `${name}: predictions must be an array`,
    );
    expect(() => fn({ predictions: ['a'], references: 'a' })).toThrow(`${name}: references must be an array`);
    expect(() => fn({ predictions: [], references: [] })).toThrow(
      `${name}: predictions and references are empty`,
    );
  });
});

describe('meteor input errors', () => {
  it('rejects with the argument and index', async () => {
    await expect(meteor({ predictions: ['a', 'b'], references: ['a'] })).rejects.toThrow(
      'meteor: predictions has 2 items but references has 1',
    );
    await expect(meteor({ predictions: [1 as unknown as string], references: ['a'] })).rejects.toThrow(
      'meteor: predictions[0] must be a string',
    );
    await expect(meteor({ predictions: ['a'], references: ['a'], alpha: Number.NaN })).rejects.toThrow(
      'meteor: alpha must be a finite number',
    );
  });
});

describe('option errors', () => {
  it('rejects unknown rouge types and bad orders', () => {
    expect(() =>
      rouge({ predictions: ['a'], references: ['a'], rougeTypes: ['rouge0' as 'rouge1'] }),
    ).toThrow('rougeTypes[0] is "rouge0"');
    expect(() => bleu({ predictions: ['a'], references: ['a'], maxOrder: 0 })).toThrow(
      'maxOrder must be a positive',
    );
    expect(() => googleBleu({ predictions: ['a'], references: ['a'], minLen: 3, maxLen: 2 })).toThrow(
      'maxLen',
    );
  });
});

describe('degenerate corpora', () => {
  it('all-empty predictions: every metric returns 0, no NaN (nmt bleu raises ZeroDivisionError)', async () => {
    const c = { predictions: ['', '  '], references: ['a b', 'c d'] };
    expect(rouge(c)).toEqual({ rouge1: 0, rouge2: 0, rougeL: 0, rougeLsum: 0 });
    expect(bleu(c)).toEqual({
      bleu: 0,
      precisions: [0, 0, 0, 0],
      brevity_penalty: 0,
      length_ratio: 0,
      translation_length: 0,
      reference_length: 4,
    });
    expect(googleBleu(c)).toEqual({ google_bleu: 0 });
    expect(await meteor(c)).toEqual({ meteor: 0 });
  });

  it('all-empty references: sacrebleu conventions for bleu (ratio 0, penalty 1)', async () => {
    const c = { predictions: ['a b', 'c'], references: ['', ''] };
    expect(rouge(c)).toEqual({ rouge1: 0, rouge2: 0, rougeL: 0, rougeLsum: 0 });
    const b = bleu(c);
    expect(b.length_ratio).toBe(0);
    expect(b.brevity_penalty).toBe(1);
    expect(b.bleu).toBe(0);
    expect(googleBleu(c)).toEqual({ google_bleu: 0 });
    expect(await meteor(c)).toEqual({ meteor: 0 });
  });

  it('both empty: zeros everywhere', async () => {
    const c = { predictions: [''], references: [''] };
    expect(Object.values(rouge(c)).every((v) => v === 0)).toBe(true);
    expect(bleu(c).bleu).toBe(0);
    expect(googleBleu(c).google_bleu).toBe(0);
    expect((await meteor(c)).meteor).toBe(0);
  });

  it('per-example arrays with useAggregator false', () => {
    const out = rouge({
      predictions: ['a', 'b'],
      references: ['a', 'c'],
      rougeTypes: ['rouge1'],
      useAggregator: false,
    });
    expect(out).toEqual({ rouge1: [1, 0] });
  });
});
