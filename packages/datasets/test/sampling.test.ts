import { describe, expect, it } from 'vitest';
import { createRng, mixSeed, permutation, selectSubset, trainValidationSplit } from '../src/index.js';

const items = Array.from({ length: 1000 }, (_, i) => i);

describe('seeded randomness', () => {
  it('is mulberry32: reference values for seed 42', () => {
    // Reference: the published mulberry32 algorithm (same as @t5sql/repro SeededRng), first two draws for seed 42.
    const rng = createRng(42);
    expect(rng()).toBe(0.6011037519201636);
    expect(rng()).toBe(0.44829055899754167);
    expect(mixSeed(42, 0)).not.toBe(mixSeed(42, 1));
    expect(permutation(10, createRng(7)).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
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
