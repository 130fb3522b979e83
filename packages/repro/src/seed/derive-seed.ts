// One run seed fans out into independent streams (weight init, dropout, data order, sampling) so that changing how
// much randomness one purpose consumes never shifts another purpose's numbers.

/** What a derived seed is used for; free-form labels (experiment ids, step numbers) may follow. */
export type SeedPurpose = 'init' | 'dropout' | 'data' | 'sample' | 'pretrain' | 'split' | (string & {});

/** 32-bit finaliser of MurmurHash3 (fmix32): every input bit affects every output bit. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Derives an unsigned 32-bit seed from a run seed and a purpose path, deterministically and without any global
 * state. The same inputs always give the same seed, on every platform.
 *
 * @example
 * ```ts
 * const initSeed = deriveSeed(42, 'init');
 * const stepDropout = deriveSeed(42, 'dropout', 'table-b/lora', 17);
 * ```
 */
export function deriveSeed(seed: number, purpose: SeedPurpose, ...path: Array<string | number>): number {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new Error(`deriveSeed: seed must be an integer in [0, 2^32), got ${seed}`);
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
