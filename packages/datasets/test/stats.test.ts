import { describe, expect, it } from 'vitest';
import { computeDataStats, formatDataStats, loadSpider, percentile } from '../src/index.js';
import { record, sharedData, t5Tokenizer, wordTokenizer } from './helpers.js';

describe('percentile', () => {
  it('matches numpy.percentile (method linear)', () => {
    // Reference values: numpy 2.4 np.percentile(x, q).
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBeCloseTo(9.1, 12);
    expect(percentile([10, 1, 7], 95)).toBeCloseTo(9.7, 12);
    expect(percentile([5], 99)).toBe(5);
    expect(percentile([3, 1, 2], 100)).toBe(3);
  });
});

describe('computeDataStats', () => {
  it('counts lengths (EOS included) and truncation for a hand-checked case', () => {
    // Source 'Q: <question>' → words + EOS; target '<sql>' → words + EOS.
    const records = [
      record('a', 'one', 'S'), // source 3, target 2
      record('b', 'one two three', 'S T U'), // source 5, target 4
      record('c', 'one two three four five six', 'S'), // source 8, target 2
    ];
    const stats = computeDataStats({
      records,
      tokenizer: wordTokenizer,
      template: 'Q: {question}',
      maxSourceLength: 5,
      maxTargetLength: 3,
    });
    expect(stats.count).toBe(3);
    expect(stats.source).toMatchObject({ p50: 5, max: 8, truncated: 1, maxLength: 5 });
    expect(stats.source.mean).toBeCloseTo(16 / 3, 12);
    expect(stats.source.p90).toBeCloseTo(7.4, 12);
    expect(stats.target).toMatchObject({ p50: 2, max: 4, truncated: 1 });
    expect(stats.truncatedEither).toBe(2);
    expect(stats.truncationRateEither).toBeCloseTo(2 / 3, 12);
    const text = formatDataStats(stats, 'demo');
    expect(text.split('\n')[0]).toBe('demo');
    expect(stats.sqlEncoding).toBe('t5-escape');
    expect(text).toContain('examples: 3   template: custom   SQL targets: t5-escape');
    expect(text).toMatch(/source\s+5\s+5\.3\s+5\s+7\.4\s+7\.7\s+7\.9\s+8\s+1 \(33\.33%\)/);
    expect(text).toContain('truncated (source or target): 2 (66.67%)');
  });

  it('refuses an empty dataset instead of reporting NaN', () => {
    expect(() =>
      computeDataStats({
        records: [],
        tokenizer: wordTokenizer,
        template: 'Q: {question}',
        maxSourceLength: 5,
        maxTargetLength: 3,
      }),
    ).toThrow('computeDataStats: no records; an empty dataset has no token lengths to report');
  });

  it('summarizes Spider dev with the t5 tokenizer', async () => {
    const { records } = await loadSpider({
      dir: sharedData('spider'),
      split: 'dev',
      schemaFormat: 'compact',
    });
    const stats = computeDataStats({
      records,
      tokenizer: t5Tokenizer(),
      template: 't5-instruct',
      maxSourceLength: 512,
      maxTargetLength: 128,
    });
    expect(stats.count).toBe(1034);
    expect(stats.source.p50).toBeLessThanOrEqual(stats.source.p90);
    expect(stats.source.p99).toBeLessThanOrEqual(stats.source.max);
    console.log(formatDataStats(stats, 'Spider dev, t5-instruct, compact schema, t5-small tokenizer'));
  });
});
