// One run seed fans out into independent streams (weight init, dropout, data order, sampling) so that changing how
// much randomness one purpose consumes never shifts another purpose's numbers. Used by @t5sql/repro and the CLI
// (formerly @t5sql/repro's `deriveSeed`).
import { fmix32 } from './fmix32.js';

/** What a derived seed is used for; free-form labels (experiment ids, step numbers) may follow. */
export type SeedPurpose = 'init' | 'dropout' | 'data' | 'sample' | 'pretrain' | 'split' | (string & {});

/**
 * Derives an unsigned 32-bit seed from a run seed and a purpose path (`'dropout', 'table-b/lora', 17`),
 * deterministically and without any global state. The same inputs always give the same seed, on every platform;
 * `('ab', 'c')` and `('a', 'bc')`, `1` and `'1'` give different seeds.
 *
 * @example
 * ```ts
 * const initSeed = derivePurposeSeed(42, 'init'); // 1874926301
 * const stepDropout = derivePurposeSeed(42, 'dropout', 'table-b/lora', 17);
 * ```
 */
export function derivePurposeSeed(
  seed: number,
  purpose: SeedPurpose,
  ...path: Array<string | number>
): number {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError(`derivePurposeSeed: seed must be an integer in [0, 2^32), got ${seed}`);
  }
  let h = fmix32(seed ^ 0x9e3779b9);
  for (const part of [purpose, ...path]) {
    const text = `${typeof part}:${part}`;
    // FNV-1a over the UTF-16 code units, chained through fmix32 so that ('ab','c') differs from ('a','bc').
    let f = 0x811c9dc5 ^ h;
    for (let i = 0; i < text.length; i++) {
      f ^= text.charCodeAt(i);
      f = Math.imul(f, 0x01000193);
    }
    h = fmix32(f ^ Math.imul(h, 0x27d4eb2d));
  }
  return h >>> 0;
}
