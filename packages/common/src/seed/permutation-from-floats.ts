import type { Rng } from './rng.js';

/**
 * A Fisher-Yates permutation of 0..n-1 whose swap positions are `floor(rng() * (i + 1))` (formerly
 * @t5sql/datasets' `permutation`): the order of `makeBatches`, `selectSubset` and `trainValidationSplit`. Not the
 * same order as {@link Mulberry32.permutation}, which draws unbiased integers by rejection.
 *
 * @example
 * ```ts
 * permutationFromFloats(10, new Mulberry32(5).next); // [5, 3, 7, 8, 2, 0, 4, 1, 9, 6]
 * ```
 */
export function permutationFromFloats(n: number, rng: Rng): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}
