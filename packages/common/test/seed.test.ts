// Every stream here is pinned to the values the five seed modules it replaces gave (computed from their code before
// the fold), so moving them into one module changed no number.
import { describe, expect, it } from 'vitest';
import {
  Mulberry32,
  deriveEpochSeed,
  deriveIndexSeed,
  derivePurposeSeed,
  deriveStepDropoutSeed,
  fmix32,
  permutationFromFloats,
} from '../src/index.js';

describe('derivePurposeSeed (was @t5sql/repro deriveSeed)', () => {
  it('gives the same seeds as before the fold', () => {
    expect([
      derivePurposeSeed(42, 'init'),
      derivePurposeSeed(42, 'dropout', 'table-b/lora', 17),
      derivePurposeSeed(0, 'data', 'ab', 'c'),
      derivePurposeSeed(4294967295, 'pretrain', 'x', 'noise', 3),
    ]).toEqual([1874926301, 2216602783, 4074809731, 3590658298]);
  });

  it('is deterministic and separates purposes and paths', () => {
    expect(derivePurposeSeed(42, 'dropout', 'a', 3)).toBe(derivePurposeSeed(42, 'dropout', 'a', 3));
    const seeds = [
      derivePurposeSeed(42, 'init'),
      derivePurposeSeed(42, 'dropout'),
      derivePurposeSeed(42, 'data'),
      derivePurposeSeed(42, 'sample'),
      derivePurposeSeed(43, 'init'),
      derivePurposeSeed(42, 'data', 'ab', 'c'),
      derivePurposeSeed(42, 'data', 'a', 'bc'),
      derivePurposeSeed(42, 'data', 1),
      derivePurposeSeed(42, 'data', '1'),
    ];
    expect(new Set(seeds).size).toBe(seeds.length);
  });

  it('rejects seeds outside [0, 2^32)', () => {
    expect(() => derivePurposeSeed(-1, 'init')).toThrow(/seed must be an integer/);
    expect(() => derivePurposeSeed(1.5, 'init')).toThrow(/got 1.5/);
  });
});

describe('the other seed derivations keep their streams', () => {
  it('deriveStepDropoutSeed (was @t5sql/t5-core deriveSeed)', () => {
    expect([
      deriveStepDropoutSeed(9, 0, 0),
      deriveStepDropoutSeed(9, 2, 1),
      deriveStepDropoutSeed(42, 100, 3),
      deriveStepDropoutSeed(4294967295, 7, 0),
    ]).toEqual([1677406836, 3542832186, 1520062358, 2316810768]);
  });

  it('deriveIndexSeed (was @t5sql/t5-core mixSeed)', () => {
    expect([
      deriveIndexSeed(42, 1),
      deriveIndexSeed(7, 0),
      deriveIndexSeed(4294967295, 12345),
      deriveIndexSeed(-3, 5),
    ]).toEqual([1924735956, 1431726239, 2426190509, 2347154022]);
  });

  it('deriveEpochSeed (was @t5sql/datasets mixSeed)', () => {
    expect([
      deriveEpochSeed(42, 0),
      deriveEpochSeed(42, 1),
      deriveEpochSeed(4294967295, 7),
      deriveEpochSeed(1, 123456),
    ]).toEqual([1716251024, 2519522354, 3893119930, 2566481663]);
  });

  it('fmix32 is MurmurHash3 fmix32', () => {
    expect(fmix32(0)).toBe(0);
    expect(fmix32(1)).toBe(1364076727);
  });
});

describe('generators', () => {
  it('Mulberry32 is the published mulberry32 (reference values for seed 42)', () => {
    const rng = new Mulberry32(42);
    expect([rng.next(), rng.next(), rng.next()]).toEqual([
      0.6011037519201636, 0.44829055899754167, 0.8524657934904099,
    ]);
  });

  it('Mulberry32 draws integers, normals, shuffles and samples as repro SeededRng did', () => {
    const rng = new Mulberry32(7);
    expect(rng.nextUint32()).toBe(50271532);
    expect(rng.nextInt(10)).toBe(0);
    expect(rng.normal()).toBe(-0.8642530248729361);
    expect(rng.permutation(8)).toEqual([0, 3, 4, 5, 2, 1, 6, 7]);
    expect(rng.sample(10, 3)).toEqual([9, 0, 7]);
    expect(rng.shuffle(['a', 'b', 'c', 'd'])).toEqual(['b', 'd', 'c', 'a']);
    expect(() => rng.sample(3, 4)).toThrow(/cannot draw 4 distinct items from 3/);
    expect(() => new Mulberry32(0.5)).toThrow(/seed must be an integer/);
  });

  it('permutationFromFloats over Mulberry32.next is the datasets order', () => {
    expect(permutationFromFloats(10, new Mulberry32(5).next)).toEqual([5, 3, 7, 8, 2, 0, 4, 1, 9, 6]);
  });
});
