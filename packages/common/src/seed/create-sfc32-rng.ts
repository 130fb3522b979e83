// sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 128 bits of state) seeded by splitmix32: the sampling
// stream of @t5sql/t5-core's generation (`doSample`, formerly `createSeededRng`). A different generator from
// Mulberry32 on purpose: sampled outputs recorded before the fold stay the same.
import type { Rng } from './rng.js';

/**
 * Returns an {@link Rng} of uniform floats in [0, 1) from `seed` (any integer; the low 32 bits are used).
 *
 * @example
 * ```ts
 * const rng = createSfc32Rng(42);
 * rng(); // 0.9105992272961885
 * ```
 */
export function createSfc32Rng(seed: number): Rng {
  let s = seed >>> 0;
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  return () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
}
