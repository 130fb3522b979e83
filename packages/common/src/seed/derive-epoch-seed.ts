// The batch order of each epoch (formerly @t5sql/datasets' `mixSeed`): `makeBatches` shuffles epoch `e` with
// `new Mulberry32(deriveEpochSeed(seed, e))`, so every epoch has its own order and a resume can rebuild any of them.
import { fmix32 } from './fmix32.js';

/**
 * Mixes a data seed with an epoch number (both taken as unsigned 32-bit integers) into an independent 32-bit seed.
 *
 * @example
 * ```ts
 * const order = permutationFromFloats(rows.length, new Mulberry32(deriveEpochSeed(seed, epoch)).next);
 * ```
 */
export function deriveEpochSeed(seed: number, epoch: number): number {
  return fmix32((Math.imul(seed >>> 0, 0x9e3779b1) ^ (epoch >>> 0)) >>> 0);
}
