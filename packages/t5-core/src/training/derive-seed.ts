// Per-step dropout seeds derived from the run seed, so a resumed run draws the same masks as an uninterrupted one.

/** A 32-bit avalanche mix (murmur3 finaliser) of one value. */
function fmix32(h: number): number {
  let x = h >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * The dropout seed of micro-batch `microStep` of update `step` in a run seeded `runSeed`: a hash of the three, so
 * it depends on nothing but the position in the run.
 *
 * @example
 * ```ts
 * model.forward(batch, { training: true, seed: deriveSeed(42, step, micro) });
 * ```
 */
export function deriveSeed(runSeed: number, step: number, microStep: number): number {
  let h = fmix32(runSeed ^ 0x9e3779b9);
  h = fmix32(h ^ Math.imul(step + 1, 0x27d4eb2f));
  h = fmix32(h ^ Math.imul(microStep + 1, 0x165667b1));
  return h;
}
