// mulberry32 (Tommy Ettinger, public domain): 32 bits of state, period 2^32, identical on every platform. Data
// order, subsets, splits, span-corruption noise and pretraining order need reproducibility, not cryptographic
// strength. One class for what @t5sql/repro's `SeededRng` and @t5sql/datasets' `createRng` each wrote out.

/**
 * Deterministic random numbers from an explicit 32-bit seed (mulberry32). `next` is bound, so it can be passed
 * on as an {@link Rng}.
 *
 * @example
 * ```ts
 * const rng = new Mulberry32(derivePurposeSeed(42, 'data'));
 * rng.next(); // a float in [0, 1)
 * const order = rng.permutation(1000);
 * ```
 */
export class Mulberry32 {
  private state: number;

  constructor(seed: number) {
    if (!Number.isInteger(seed)) throw new RangeError(`Mulberry32: seed must be an integer, got ${seed}`);
    this.state = seed >>> 0;
  }

  /** Next unsigned 32-bit integer. */
  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform float in [0, 1) with 32 bits of resolution (bound to the instance). */
  readonly next = (): number => this.nextUint32() / 4294967296;

  /** Uniform integer in [0, n). Rejection sampling keeps it unbiased. */
  nextInt(n: number): number {
    if (!Number.isInteger(n) || n <= 0)
      throw new RangeError(`Mulberry32.nextInt: n must be a positive integer, got ${n}`);
    const limit = 4294967296 - (4294967296 % n);
    let x = this.nextUint32();
    while (x >= limit) x = this.nextUint32();
    return x % n;
  }

  /** Standard normal draw (Box-Muller). */
  normal(): number {
    const u = 1 - this.next(); // (0, 1], keeps log finite
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /**
   * Fisher-Yates shuffle of a copy, positions drawn with {@link nextInt}. Not the same order as
   * {@link permutationFromFloats} over `next`, which scales floats instead.
   */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.nextInt(i + 1);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }

  /** A random permutation of 0..n-1 ({@link shuffle} of the identity). */
  permutation(n: number): number[] {
    return this.shuffle(Array.from({ length: n }, (_, i) => i));
  }

  /** `k` distinct indices from 0..n-1, in random order. */
  sample(n: number, k: number): number[] {
    if (k > n) throw new RangeError(`Mulberry32.sample: cannot draw ${k} distinct items from ${n}`);
    return this.permutation(n).slice(0, k);
  }
}
