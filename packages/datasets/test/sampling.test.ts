import { describe, expect, it } from 'vitest';
import { type TokenizedExample, epochOrder, selectSubset, trainValidationSplit } from '../src/index.js';

const items = Array.from({ length: 1000 }, (_, i) => i);

describe('seeded orders', () => {
  it('are the orders recorded before the seed code moved to @t5sql/common', () => {
    // mulberry32 floats through permutationFromFloats; each epoch seeded by deriveEpochSeed(seed, epoch).
    expect(selectSubset(items, { count: 8, mode: 'sample', seed: 42 })).toEqual([
      340, 678, 391, 571, 38, 356, 823, 544,
    ]);
    expect(trainValidationSplit(items.slice(0, 12), { validationSize: 3, seed: 3 })).toEqual({
      validation: [5, 9, 7],
      train: [1, 11, 2, 3, 6, 10, 4, 0, 8],
    });
    const examples: TokenizedExample[] = Array.from({ length: 12 }, (_, i) => {
      const inputIds = new Array<number>(1 + ((i * 7) % 5)).fill(1);
      return { id: `${i}`, inputIds, labels: [1], sourceLength: inputIds.length, targetLength: 1 };
    });
    const options = { batchSize: 2, padTokenId: 0, seed: 9 };
    expect(epochOrder(examples, { ...options, epoch: 0 })).toEqual([0, 5, 8, 11, 10, 6, 2, 1, 3, 4, 9, 7]);
    expect(epochOrder(examples, { ...options, epoch: 1 })).toEqual([5, 8, 1, 3, 11, 10, 0, 4, 6, 7, 9, 2]);
  });
});

describe('selectSubset', () => {
  it('takes the first N, or a seeded sample of N without repeats', () => {
    expect(selectSubset(items, { count: 3, mode: 'first' })).toEqual([0, 1, 2]);
    const a = selectSubset(items, { count: 100, mode: 'sample', seed: 42 });
    expect(a).toEqual(selectSubset(items, { count: 100, mode: 'sample', seed: 42 }));
    expect(a).not.toEqual(selectSubset(items, { count: 100, mode: 'sample', seed: 43 }));
    expect(new Set(a).size).toBe(100);
    // A larger sample with the same seed extends the smaller one (same shuffled order).
    expect(selectSubset(items, { count: 200, mode: 'sample', seed: 42 }).slice(0, 100)).toEqual(a);
    expect(() => selectSubset(items, { count: 1001, mode: 'first' })).toThrow(/\[0, 1000\]/);
  });
});

describe('trainValidationSplit', () => {
  it('splits disjointly and completely; a fraction rounds the validation size up', () => {
    const { train, validation } = trainValidationSplit(items.slice(0, 95), { validationSize: 0.1, seed: 3 });
    expect(validation).toHaveLength(10);
    expect(train).toHaveLength(85);
    expect([...train, ...validation].sort((a, b) => a - b)).toEqual(items.slice(0, 95));
    expect(trainValidationSplit(items, { validationSize: 50, seed: 3 }).validation).toHaveLength(50);
    expect(trainValidationSplit(items, { validationSize: 0.1, seed: 3 })).toEqual(
      trainValidationSplit(items, { validationSize: 0.1, seed: 3 }),
    );
    expect(() => trainValidationSplit(items, { validationSize: 1.5, seed: 3 })).toThrow(/validationSize/);
  });
});
