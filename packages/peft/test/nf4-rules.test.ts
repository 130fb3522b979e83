// NF4 edge cases beyond the fixtures, checked against the rules bitsandbytes follows (fixtures/nf4/README.md):
// odd lengths, partial blocks, block sizes 128/256, exact midpoints, zeros, NaN, huge and subnormal magnitudes.
import { describe, expect, it } from 'vitest';
import {
  DYNAMIC_CODE,
  NF4_BOUNDS,
  NF4_CODE,
  blockAbsmax,
  dequantize4bit,
  dequantize4bitTransposed,
  quantStateBytes,
  quantize4bit,
} from '../src/index.js';

const f = Math.fround;

/** Deterministic pseudo-normal values (no Math.random). */
function gaussian(n: number, seed: number, scale = 1): Float32Array {
  let s = seed >>> 0;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 2 ** 32;
  };
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++)
    out[i] = scale * Math.sqrt(-2 * Math.log(next())) * Math.cos(2 * Math.PI * next());
  return out;
}

function codesOf(packed: Uint8Array, n: number): number[] {
  return Array.from({ length: n }, (_, i) => (i & 1 ? packed[i >> 1] & 15 : packed[i >> 1] >> 4));
}

/** Reference scaling per the README: reciprocal multiply in full blocks, true division in the partial one. */
function scaled(x: Float32Array, bs: number): number[] {
  const out: number[] = [];
  for (let b = 0; b * bs < x.length; b++) {
    const block = x.subarray(b * bs, Math.min((b + 1) * bs, x.length));
    const m = block.reduce((a, v) => Math.max(a, Math.abs(v)), 0);
    for (const v of block) {
      const s = block.length === bs ? f(v * f(1 / Math.max(m, f(1e-38)))) : f(v / Math.max(m, f(1e-38)));
      out.push(Math.min(1, Math.max(-1, s)));
    }
  }
  return out;
}

describe('NF4 rules', () => {
  it.each([
    [1, 64],
    [3, 64],
    [65, 64],
    [127, 64],
    [1000, 128],
    [999, 256],
    [4096, 256],
    [64 * 37 + 13, 64],
  ])('n=%i, blocksize %i: every code is the nearest NF4 value to the scaled input (ties go low)', (n, bs) => {
    const x = gaussian(n, n * 7 + bs, 0.05);
    const state = quantize4bit(x, { blocksize: bs });
    expect(state.packed.length).toBe(Math.ceil(n / 2));
    expect(state.absmax.length).toBe(Math.ceil(n / bs));
    const codes = codesOf(state.packed, n);
    const s = scaled(x, bs);
    for (let i = 0; i < n; i++) {
      const d = Math.abs(NF4_CODE[codes[i]] - s[i]);
      // no other code is strictly closer (float32 midpoints may send an exact tie either way by one ulp)
      for (let k = 0; k < 16; k++) expect(Math.abs(NF4_CODE[k] - s[i])).toBeGreaterThanOrEqual(d - 1e-7);
    }
    if (n % 2 === 1) expect(state.packed[state.packed.length - 1] & 15).toBe(7);
    const deq = dequantize4bit(state);
    const absmax = blockAbsmax(state);
    for (let i = 0; i < n; i++) expect(deq[i]).toBe(f(NF4_CODE[codes[i]] * absmax[Math.floor(i / bs)]));
  });

  it('a value exactly on a midpoint takes the lower code', () => {
    // absmax 1 makes the reciprocal exactly 1, so each input is its own scaled value.
    const x = new Float32Array(64);
    x[0] = 1;
    for (let k = 0; k < 15; k++) x[k + 1] = NF4_BOUNDS[k];
    const codes = codesOf(quantize4bit(x).packed, 64);
    for (let k = 0; k < 15; k++) expect(codes[k + 1]).toBe(k);
    // one float32 ulp above the midpoint goes up
    const y = new Float32Array(64);
    y[0] = 1;
    const above = new Float32Array([NF4_BOUNDS[9]]);
    new Uint32Array(above.buffer)[0] += 1;
    y[1] = above[0];
    expect(codesOf(quantize4bit(y).packed, 2)[1]).toBe(10);
  });

  it('zeros: a full zero block stores absmax 0, a partial one stores 1e-38; all decode to 0 (code 7)', () => {
    const state = quantize4bit(new Float32Array(100));
    expect(Array.from(state.absmax)).toEqual([0, f(1e-38)]);
    expect(new Set(state.packed)).toEqual(new Set([0x77]));
    expect(dequantize4bit(state).every((v) => v === 0)).toBe(true);
  });

  it('NaN takes code 15 and poisons its block, other blocks are unaffected', () => {
    const x = gaussian(128, 3);
    x[5] = Number.NaN;
    const state = quantize4bit(x);
    expect(Number.isNaN(state.absmax[0])).toBe(true);
    expect(codesOf(state.packed, 64).every((c) => c === 15)).toBe(true);
    expect(Number.isNaN(state.absmax[1])).toBe(false);
    expect(Number.isNaN(dequantize4bit(state)[70])).toBe(false);
  });

  it('huge and subnormal magnitudes follow the float32 rules', () => {
    const huge = gaussian(64, 11, 1e37);
    huge[0] = f(3e38);
    const hs = quantize4bit(huge);
    expect(hs.absmax[0]).toBe(f(3e38));
    const codes = codesOf(hs.packed, 64);
    expect(codes[0]).toBe(15);
    const hd = dequantize4bit(hs);
    expect(hd[0]).toBe(f(3e38));
    // a full block of subnormals scales by 1 / 1e-38, so the codes still spread; absmax is stored as is
    const tiny = gaussian(64, 12, 1e-40);
    const ts = quantize4bit(tiny);
    expect(ts.absmax[0]).toBe(tiny.reduce((a, v) => Math.max(a, Math.abs(v)), 0));
    const tcodes = codesOf(ts.packed, 64);
    const s = scaled(tiny, 64);
    tcodes.forEach((c, i) => expect(Math.abs(NF4_CODE[c] - s[i])).toBeLessThanOrEqual(0.1));
  });

  it('bytes per parameter: 0.5 + 4 / blocksize plain, about 0.516 with double quantization', () => {
    const x = gaussian(64 * 1024, 5);
    expect(quantStateBytes(quantize4bit(x)) / x.length).toBe(0.5625);
    expect(quantStateBytes(quantize4bit(x, { blocksize: 128 })) / x.length).toBe(0.53125);
    const dq = quantStateBytes(quantize4bit(x, { compressStatistics: true })) / x.length;
    // packed + one uint8 code per block + a float32 per 256 blocks + the float32 offset
    expect(dq).toBe((x.length / 2 + 1024 + 4 * 4 + 4) / x.length);
    expect(dq).toBeCloseTo(0.516, 3);
  });

  it('double quantization recovers absmax to within one dynamic-code step', () => {
    const x = gaussian(64 * 600, 9);
    const plain = quantize4bit(x);
    const dq = quantize4bit(x, { compressStatistics: true });
    expect(dq.nestedAbsmax!.length).toBe(Math.ceil(600 / 256));
    const a = plain.absmax as Float32Array;
    const b = blockAbsmax(dq);
    for (let i = 0; i < a.length; i++) {
      const scale = dq.nestedAbsmax![Math.floor(i / 256)];
      expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(scale * 0.05 + 1e-6);
    }
    expect(DYNAMIC_CODE[(dq.absmax as Uint8Array)[0]]).toBeGreaterThanOrEqual(-1);
  });

  it('rejects a quant type other than nf4 and a bad block size, naming them', () => {
    expect(() => quantize4bit(new Float32Array(4), { quantType: 'fp4' as 'nf4' })).toThrow(
      /quantType must be 'nf4', found 'fp4'/,
    );
    expect(() => quantize4bit(new Float32Array(4), { blocksize: 0 })).toThrow(
      /blocksize must be a positive integer, found 0/,
    );
  });
});

describe('dequantize4bitTransposed', () => {
  it('is the transpose of dequantize4bit, value for value', () => {
    const rows = 37;
    const cols = 65; // odd sizes: blocks and bytes straddle rows
    const x = gaussian(rows * cols, 21);
    const state = quantize4bit(x, { compressStatistics: true });
    const plain = dequantize4bit(state);
    const t = dequantize4bitTransposed(state, rows, cols);
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < cols; c++) expect(t[c * rows + r]).toBe(plain[r * cols + c]);
    expect(() => dequantize4bitTransposed(state, rows, cols + 1)).toThrow(
      /\[37, 66\] does not hold the state's 2405 values/,
    );
  });
});
