// Test support: deterministic inputs that the Python fixture generators (scripts/*.py) draw the same way, so a
// fixture stores a seed instead of the values. Element i of a case comes from h = lowbias32(lowbias32(seed) + i).

/** Chris Wellons' lowbias32 integer hash (uint32 in, uint32 out). */
export function lowbias32(v: number): number {
  let x = v >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d) >>> 0;
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b) >>> 0;
  x ^= x >>> 16;
  return x >>> 0;
}

/** The hash of element i of a seeded case. */
export function elementHashes(n: number, seed: number): Uint32Array {
  const base = lowbias32(seed);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = lowbias32(base + i);
  return out;
}

/**
 * scripts/make_torch_sum_fixture.py: x[i] = (h >> 8) * 2^((h & 7) - 27), negated for kind "signed" when h & 8
 * (exact float32 in (-1, 1), magnitudes spread over 2^-27 ... 2^-3).
 */
export function torchSumInput(n: number, seed: number, kind: 'positive' | 'signed'): Float32Array {
  const x = new Float32Array(n);
  elementHashes(n, seed).forEach((h, i) => {
    const v = (h >>> 8) * 2 ** ((h & 7) - 27);
    x[i] = kind === 'signed' && (h & 8) !== 0 ? -v : v;
  });
  return x;
}

/**
 * scripts/make_bnb_nf4_fixture.py: x[i] = ((h >> 8) - 2^23) * 2^(-23 - (h & 3) - (floor(i / 64) mod 5))
 * (exact float32 in [-1, 1), the scale of each run of 64 values stepping down by powers of two).
 */
export function nf4Input(n: number, seed: number): Float32Array {
  const x = new Float32Array(n);
  elementHashes(n, seed).forEach((h, i) => {
    x[i] = ((h >>> 8) - 2 ** 23) * 2 ** (-23 - (h & 3) - (Math.floor(i / 64) % 5));
  });
  return x;
}
