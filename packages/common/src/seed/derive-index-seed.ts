// Seeds of numbered children of one seed (formerly @t5sql/t5-core's `mixSeed`): the n-th dropout call of a forward
// pass, the n-th forward pass of a model, the n-th weight tensor at init, the n-th adapter layer of @t5sql/peft.
// Its constants differ from deriveEpochSeed's (lowbias32 finaliser), so the two are separate streams on purpose.

/**
 * Mixes `seed` with a child number `index` (both taken as 32-bit integers) into an unsigned 32-bit seed, so nearby
 * seeds and indices give unrelated streams.
 *
 * @example
 * ```ts
 * const layerSeeds = [0, 1, 2].map((i) => deriveIndexSeed(42, 2 * i + 1));
 * ```
 */
export function deriveIndexSeed(seed: number, index: number): number {
  let h = (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(index | 0, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
