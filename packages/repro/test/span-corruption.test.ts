import { Mulberry32 } from '@t5sql/common';
import { describe, expect, it } from 'vitest';
import { packTokenStreams, randomSpansNoiseMask, spanCorrupt } from '../src/index.js';

describe('randomSpansNoiseMask (T5 random_spans_noise_mask)', () => {
  it('hides round(15%) of the tokens in round(n/3) spans, starting with a kept span', () => {
    for (const length of [10, 33, 64, 200]) {
      const rng = new Mulberry32(length);
      const mask = randomSpansNoiseMask(length, rng);
      expect(mask).toHaveLength(length);
      const noise = mask.filter(Boolean).length;
      expect(noise).toBe(Math.min(Math.max(Math.round(length * 0.15), 1), length - 1));
      let spans = 0;
      for (let i = 0; i < length; i++) if (mask[i] && (i === 0 || !mask[i - 1])) spans++;
      expect(spans).toBe(Math.min(Math.max(Math.round(noise / 3), 1), noise));
      expect(mask[0]).toBe(false);
    }
  });
});

describe('spanCorrupt', () => {
  it('replaces each hidden span by one sentinel and lists the spans in the target', () => {
    const ids = Array.from({ length: 40 }, (_, i) => 100 + i);
    const { inputIds, labels } = spanCorrupt(ids, new Mulberry32(5));
    expect(inputIds.at(-1)).toBe(1);
    expect(labels.at(-1)).toBe(1);
    const sentinelsIn = inputIds.filter((t) => t >= 32000);
    const sentinelsOut = labels.filter((t) => t >= 32000);
    expect(sentinelsIn).toEqual(sentinelsOut);
    expect(sentinelsIn[0]).toBe(32099);
    expect(sentinelsIn).toEqual(sentinelsIn.map((_, i) => 32099 - i));
    // Reassembling input and target gives back the original sequence.
    const spans: number[][] = [];
    for (const t of labels.slice(0, -1)) {
      if (t >= 32000) spans.push([]);
      else spans.at(-1)!.push(t);
    }
    const rebuilt: number[] = [];
    for (const t of inputIds.slice(0, -1)) {
      if (t >= 32000) rebuilt.push(...spans[32099 - t]);
      else rebuilt.push(t);
    }
    expect(rebuilt).toEqual(ids);
    expect(labels.length - 1 - sentinelsOut.length).toBe(6); // round(40 * 0.15)
  });
  it('is deterministic in the seed', () => {
    const ids = Array.from({ length: 64 }, (_, i) => 200 + i);
    expect(spanCorrupt(ids, new Mulberry32(9))).toEqual(spanCorrupt(ids, new Mulberry32(9)));
    expect(spanCorrupt(ids, new Mulberry32(9))).not.toEqual(spanCorrupt(ids, new Mulberry32(10)));
  });
});

describe('packTokenStreams', () => {
  it('concatenates and cuts into full chunks', () => {
    expect(
      packTokenStreams(
        [
          [1, 2, 3],
          [4, 5],
          [6, 7, 8, 9],
        ],
        4,
      ),
    ).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
    ]);
  });
});
