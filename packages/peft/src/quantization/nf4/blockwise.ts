// The blockwise absmax quantizer bitsandbytes uses for both NF4 weights (16-entry code) and, under double
// quantization, the absmax constants themselves (256-entry dynamic code). Every step is float32.

import { QuantizationError } from '../../errors.js';

const f = Math.fround;

/** Smallest scale bitsandbytes divides by (`clamp(min=1e-38)`), as float32: a subnormal, 9.99999935e-39. */
export const MIN_SCALE: number = f(1e-38);

/** Codes of one blockwise quantization: one code index per value, one float32 scale per block. */
export interface BlockwiseCodes {
  /** Code index per input value. */
  indices: Uint8Array;
  /** `max|x|` per block (float32); a partial last block stores at least {@link MIN_SCALE}. */
  absmax: Float32Array;
}

/** max|x| over `x[start, end)`; NaN propagates like torch's `max`. */
function maxAbs(x: Float32Array, start: number, end: number): number {
  let m = 0;
  for (let i = start; i < end; i++) {
    const a = Math.abs(x[i]);
    if (Number.isNaN(a)) return Number.NaN;
    if (a > m) m = a;
  }
  return m;
}

/** Number of `bounds` strictly below `v` (torch.bucketize, right=False); NaN takes the last code. */
export function bucketIndex(v: number, bounds: Float32Array): number {
  if (Number.isNaN(v)) return bounds.length;
  let lo = 0;
  let hi = bounds.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bounds[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** clamp to [-1, 1] keeping NaN (torch.clamp semantics). */
function clampUnit(v: number): number {
  if (v > 1) return 1;
  if (v < -1) return -1;
  return v;
}

/**
 * Quantizes `x` in blocks of `blocksize` against the code whose midpoints are `bounds`.
 *
 * A full block stores `max|x|` as is and scales by the float32 reciprocal `1 / max(absmax, 1e-38)`; the partial
 * last block stores `t = max(max|x|, 1e-38)` and divides by it. Scaled values are clamped to [-1, 1] and bucketed.
 */
export function quantizeBlockwise(x: Float32Array, blocksize: number, bounds: Float32Array): BlockwiseCodes {
  if (!Number.isInteger(blocksize) || blocksize <= 0) {
    throw new QuantizationError(
      `quantizeBlockwise: blocksize must be a positive integer, found ${blocksize}`,
    );
  }
  const n = x.length;
  const blocks = Math.ceil(n / blocksize);
  const indices = new Uint8Array(n);
  const absmax = new Float32Array(blocks);
  for (let b = 0; b < blocks; b++) {
    const start = b * blocksize;
    const end = Math.min(start + blocksize, n);
    const m = maxAbs(x, start, end);
    if (end - start === blocksize) {
      absmax[b] = m;
      const reciprocal = f(1 / Math.max(f(m), MIN_SCALE));
      const r = Number.isNaN(m) ? Number.NaN : reciprocal;
      for (let i = start; i < end; i++) indices[i] = bucketIndex(clampUnit(f(x[i] * r)), bounds);
    } else {
      const t = Number.isNaN(m) ? Number.NaN : Math.max(f(m), MIN_SCALE);
      absmax[b] = t;
      for (let i = start; i < end; i++) indices[i] = bucketIndex(clampUnit(f(x[i] / t)), bounds);
    }
  }
  return { indices, absmax };
}

/** Inverse of {@link quantizeBlockwise}: `code[index] * absmax[block]` in float32. */
export function dequantizeBlockwise(
  indices: Uint8Array,
  absmax: Float32Array,
  blocksize: number,
  code: Float32Array,
  out: Float32Array = new Float32Array(indices.length),
): Float32Array {
  for (let i = 0; i < indices.length; i++) out[i] = f(code[indices[i]] * absmax[Math.floor(i / blocksize)]);
  return out;
}
