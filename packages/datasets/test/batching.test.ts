import { describe, expect, it } from 'vitest';
import {
  LABEL_PAD_ID,
  collate,
  getTemplate,
  loadSpider,
  makeBatches,
  tokenizeExamples,
  truncateIds,
} from '../src/index.js';
import { record, sharedData, t5Tokenizer, wordTokenizer } from './helpers.js';

describe('tokenizeExamples with the real t5-small tokenizer', () => {
  // Reference: transformers 5.18 AutoTokenizer.from_pretrained(<shared t5-small-tokenizer>), same strings.
  const FLAN_SOURCE_IDS = [
    9246, 8, 3501, 26622, 666, 6, 1431, 8, 12558, 11417, 24, 4269, 8, 822, 5, 10248, 51, 9, 10, 205, 4386,
    6048, 332, 17098, 7634, 41, 134, 9963, 834, 4309, 381, 6, 5570, 1499, 3670, 11860, 10, 571, 186, 7634, 7,
    103, 62, 43, 58, 12558, 10, 1,
  ];
  const TARGET_IDS = [
    3, 23143, 14196, 3476, 599, 1935, 61, 21680, 7634, 549, 17444, 427, 1246, 2490, 11526, 3430, 564, 3274,
    96, 683, 32, 15, 121, 1,
  ];
  const r = record(
    'a',
    'How many singers do we have?',
    'SELECT count(*) FROM singer WHERE age  >  56 AND name = "Joe"',
    'CREATE TABLE singer (Singer_ID number, Name text);',
  );

  it('gives the ids HF gives, EOS appended, and truncates keeping EOS like truncation=True', () => {
    const tokenizer = t5Tokenizer();
    const full = tokenizeExamples([r], {
      tokenizer,
      template: getTemplate('flan-t5'),
      maxSourceLength: 512,
      maxTargetLength: 128,
    });
    expect(full.examples[0].inputIds).toEqual(FLAN_SOURCE_IDS);
    expect(full.examples[0].labels).toEqual(TARGET_IDS);
    expect(full.truncation).toEqual({ total: 1, truncatedSource: 0, truncatedTarget: 0, truncatedEither: 0 });
    const cut = tokenizeExamples([r], {
      tokenizer,
      template: getTemplate('flan-t5'),
      maxSourceLength: 10,
      maxTargetLength: 24,
    });
    // HF: tokenizer(source, truncation=True, max_length=10).input_ids
    expect(cut.examples[0].inputIds).toEqual([9246, 8, 3501, 26622, 666, 6, 1431, 8, 12558, 1]);
    expect(cut.examples[0].labels).toEqual(TARGET_IDS);
    expect(cut.examples[0].sourceLength).toBe(FLAN_SOURCE_IDS.length);
    expect(cut.truncation).toEqual({ total: 1, truncatedSource: 1, truncatedTarget: 0, truncatedEither: 1 });
  });

  it('takes a template by name, and sqlEncoding spells the targets another way', () => {
    const tokenizer = t5Tokenizer();
    const lengths = { maxSourceLength: 512, maxTargetLength: 128 };
    const byName = tokenizeExamples([r], { tokenizer, template: 'flan-t5', ...lengths });
    expect(byName.examples[0].inputIds).toEqual(FLAN_SOURCE_IDS);
    expect(byName.examples[0].labels).toEqual(TARGET_IDS);
    // `<` is not in t5-small's vocabulary: t5-escape spells it `#lt`, `none` leaves it to <unk> (id 2).
    const lt = record('b', 'Who is young?', 'SELECT name FROM singer WHERE age < 20', r.context);
    const plain = tokenizeExamples([lt], { tokenizer, template: 'flan-t5', sqlEncoding: 'none', ...lengths });
    const expected = tokenizeExamples([lt], {
      tokenizer,
      template: getTemplate('flan-t5', { sqlEncoding: 'none' }),
      ...lengths,
    });
    expect(plain.examples).toEqual(expected.examples);
    expect(plain.examples[0].labels).toContain(2);
    const escaped = tokenizeExamples([lt], { tokenizer, template: 'flan-t5', ...lengths });
    expect(escaped.examples[0].labels).not.toContain(2);
  });

  it('counts truncation over Spider dev with the flan-t5 template', async () => {
    const { records } = await loadSpider({
      dir: sharedData('spider'),
      split: 'dev',
      schemaFormat: 'compact',
    });
    const { examples, truncation } = tokenizeExamples(records, {
      tokenizer: t5Tokenizer(),
      template: getTemplate('flan-t5'),
      maxSourceLength: 256,
      maxTargetLength: 64,
    });
    expect(examples).toHaveLength(1034);
    const longSources = examples.filter((e) => e.sourceLength > 256).length;
    expect(truncation.truncatedSource).toBe(longSources);
    expect(longSources).toBeGreaterThan(0);
    for (const e of examples) {
      expect(e.inputIds.length).toBe(Math.min(e.sourceLength, 256));
      expect(e.inputIds.at(-1)).toBe(1);
      expect(e.labels.at(-1)).toBe(1);
    }
  });
});

describe('truncateIds', () => {
  it('keeps the last (EOS) id', () => {
    expect(truncateIds([5, 6, 7, 1], 4)).toEqual([5, 6, 7, 1]);
    expect(truncateIds([5, 6, 7, 1], 2)).toEqual([5, 1]);
    expect(truncateIds([5, 6, 7, 1], 1)).toEqual([1]);
  });
});

describe('collate', () => {
  it('pads to the longest example: pad id in inputs, 0 in the mask, -100 in labels', () => {
    const batch = collate(
      [
        { id: 'a', inputIds: [7, 8, 1], labels: [9, 1], sourceLength: 3, targetLength: 2 },
        { id: 'b', inputIds: [7, 1], labels: [9, 9, 9, 1], sourceLength: 2, targetLength: 4 },
      ],
      0,
    );
    expect(batch).toEqual({
      inputIds: [
        [7, 8, 1],
        [7, 1, 0],
      ],
      attentionMask: [
        [1, 1, 1],
        [1, 1, 0],
      ],
      labels: [
        [9, 1, LABEL_PAD_ID, LABEL_PAD_ID],
        [9, 9, 9, 1],
      ],
      ids: ['a', 'b'],
    });
    expect(
      collate([{ id: 'a', inputIds: [7, 1], labels: [1], sourceLength: 2, targetLength: 1 }], 0, 8)
        .inputIds[0],
    ).toHaveLength(8);
  });
});

describe('makeBatches', () => {
  const records = Array.from({ length: 103 }, (_, i) =>
    record(`r${i}`, 'w '.repeat(1 + ((i * 37) % 29)), 'SELECT x'.repeat(1 + (i % 3))),
  );
  const { examples } = tokenizeExamples(records, {
    tokenizer: wordTokenizer,
    template: getTemplate('Q: {question}'),
    maxSourceLength: 1000,
    maxTargetLength: 1000,
  });
  const ids = (batches: Iterable<{ ids: string[] }>) => [...batches].map((b) => b.ids);

  it('covers every example once per epoch, the same for the same (seed, epoch), different across epochs', () => {
    const opts = { batchSize: 8, padTokenId: 0, seed: 42 };
    const e0 = ids(makeBatches(examples, { ...opts, epoch: 0 }));
    expect(e0).toHaveLength(13);
    expect(e0.at(-1)).toHaveLength(103 - 12 * 8);
    expect(e0.flat().sort()).toEqual(examples.map((e) => e.id).sort());
    expect(ids(makeBatches(examples, { ...opts, epoch: 0 }))).toEqual(e0);
    expect(ids(makeBatches(examples, { ...opts, epoch: 1 }))).not.toEqual(e0);
    expect(ids(makeBatches(examples, { ...opts, seed: 43, epoch: 0 }))).not.toEqual(e0);
    expect(ids(makeBatches(examples, { ...opts, dropLast: true }))).toHaveLength(12);
    expect(ids(makeBatches(examples, { batchSize: 8, padTokenId: 0, shuffle: false }))[0]).toEqual(
      examples.slice(0, 8).map((e) => e.id),
    );
  });

  it('buckets by length: less padding, same examples', () => {
    const padding = (bucketByLength: boolean) => {
      let pads = 0;
      for (const b of makeBatches(examples, { batchSize: 8, padTokenId: 0, seed: 1, bucketByLength })) {
        pads += b.attentionMask.flat().filter((m) => m === 0).length;
      }
      return pads;
    };
    expect(padding(true)).toBeLessThan(padding(false) / 2);
    const bucketed = [
      ...makeBatches(examples, { batchSize: 8, padTokenId: 0, seed: 1, bucketByLength: true }),
    ];
    expect(bucketed.flatMap((b) => b.ids).sort()).toEqual(examples.map((e) => e.id).sort());
    // Within a mega-batch (here all 103 examples) batches go from longest to shortest.
    const widths = bucketed.map((b) => b.inputIds[0].length);
    expect(widths).toEqual([...widths].sort((a, b) => b - a));
  });

  it('refuses to shuffle without a seed', () => {
    expect(() => [...makeBatches(examples, { batchSize: 8, padTokenId: 0 })]).toThrow(/explicit `seed`/);
    expect(() => [...makeBatches(examples, { batchSize: 0, padTokenId: 0, seed: 1 })]).toThrow(/batchSize/);
  });
});
