/**
 * MurmurHash3's 32-bit finaliser: every input bit affects every output bit. The building block of
 * {@link derivePurposeSeed}, {@link deriveStepDropoutSeed} and {@link deriveEpochSeed}; returns an unsigned 32-bit
 * integer.
 *
 * @example
 * ```ts
 * fmix32(0); // 0
 * fmix32(1); // 1364076727
 * ```
 */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
