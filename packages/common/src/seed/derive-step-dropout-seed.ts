// The Trainer's dropout seed per micro-batch (formerly @t5sql/t5-core's `deriveSeed`): a pure function of the
// position in the run, so a resumed run draws the same masks as an uninterrupted one. Checkpoints record it as
// `rng.algorithm: 'hash(seed, step, microStep)'`.
import { fmix32 } from './fmix32.js';

/**
 * The dropout seed of micro-batch `microStep` of update `step` (both 0-based) in a run seeded `runSeed`: a hash of
 * the three, so it depends on nothing but the position in the run.
 *
 * @example
 * ```ts
 * model.forward(batch, { training: true, seed: deriveStepDropoutSeed(42, step, micro) });
 * ```
 */
export function deriveStepDropoutSeed(runSeed: number, step: number, microStep: number): number {
  let h = fmix32(runSeed ^ 0x9e3779b9);
  h = fmix32(h ^ Math.imul(step + 1, 0x27d4eb2f));
  h = fmix32(h ^ Math.imul(microStep + 1, 0x165667b1));
  return h;
}
