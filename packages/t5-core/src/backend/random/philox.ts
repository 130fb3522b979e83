// Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC 2011): a counter-based generator,
// so element i of a draw is a pure function of (seed, i) and any backend can compute it in any order. This file is
// the reference arithmetic; philox-wgsl.ts is the same arithmetic in WGSL, checked against it bit for bit.

const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;

/** High and low 32 bits of the 64-bit product of two uint32s, from 16-bit halves (as the WGSL version must). */
function mulHiLo(a: number, b: number): [number, number] {
  const aLo = a & 0xffff;
  const aHi = a >>> 16;
  const bLo = b & 0xffff;
  const bHi = b >>> 16;
  const loLo = aLo * bLo;
  const hiLo = aHi * bLo;
  const loHi = aLo * bHi;
  const hiHi = aHi * bHi;
  const cross = (loLo >>> 16) + (hiLo & 0xffff) + loHi; // < 2^32: no carry lost
  const hi = (hiHi + (hiLo >>> 16) + Math.floor(cross / 0x10000)) >>> 0;
  const lo = ((cross << 16) | (loLo & 0xffff)) >>> 0;
  return [hi, lo];
}

/** The four uint32 outputs of Philox4x32-10 for counter `(c0, c1, c2, c3)` under key `(k0, k1)`. */
export function philox4x32(
  c0: number,
  k0: number,
  k1: number,
  [c1, c2, c3]: readonly [number, number, number] = [0, 0, 0],
): [number, number, number, number] {
  let x0 = c0 >>> 0;
  let x1 = c1 >>> 0;
  let x2 = c2 >>> 0;
  let x3 = c3 >>> 0;
  let key0 = k0 >>> 0;
  let key1 = k1 >>> 0;
  for (let round = 0; round < 10; round++) {
    const [hi0, lo0] = mulHiLo(M0, x0);
    const [hi1, lo1] = mulHiLo(M1, x2);
    const y0 = (hi1 ^ x1 ^ key0) >>> 0;
    const y2 = (hi0 ^ x3 ^ key1) >>> 0;
    x0 = y0;
    x1 = lo1;
    x2 = y2;
    x3 = lo0;
    key0 = (key0 + W0) >>> 0;
    key1 = (key1 + W1) >>> 0;
  }
  return [x0, x1, x2, x3];
}

/** 2^-24: a uint32's top 24 bits scaled into [0, 1), exactly representable in float32. */
const TO_UNIT = 1 / 16777216;

/**
 * `size` uniform floats in [0, 1): element i is lane `i % 4` of Philox4x32-10 at counter `floor(i / 4)` under key
 * `(seed, stream)`, its top 24 bits times 2^-24 (exact in float32, so every backend gets the same bits).
 */
export function philoxUniform(size: number, seed: number, stream = 0): Float32Array {
  const out = new Float32Array(size);
  for (let block = 0; block * 4 < size; block++) {
    const words = philox4x32(block, seed, stream);
    for (let lane = 0; lane < 4 && block * 4 + lane < size; lane++) {
      out[block * 4 + lane] = (words[lane] >>> 8) * TO_UNIT;
    }
  }
  return out;
}

/** The Philox stream generation's sampling draws from (dropout uses 0, random init 1 and 2). */
export const SAMPLING_STREAM = 3;

/**
 * A sequential generator over Philox4x32-10 under key `(seed, stream)`: its i-th value is
 * `philoxUniform(i + 1, seed, stream)[i]`, so a sampling run is reproducible from its seed on every backend and
 * shares one generator family with dropout and initialisation.
 *
 * @example
 * ```ts
 * const next = philoxRng(42);
 * const u = next(); // in [0, 1)
 * ```
 */
export function philoxRng(seed: number, stream = SAMPLING_STREAM): () => number {
  let index = 0;
  let words: [number, number, number, number] = [0, 0, 0, 0];
  return () => {
    const lane = index & 3;
    if (lane === 0) words = philox4x32(index / 4, seed >>> 0, stream);
    index++;
    return (words[lane] >>> 8) * TO_UNIT;
  };
}
