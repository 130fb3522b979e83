// NF4 dequantization as bitsandbytes' `dequantize_4bit`: code value times its block's absmax, in float32.
import { QuantizationError } from '../../errors.js';
import { decompressAbsmax } from './double-quant.js';
import { type QuantState4bit, isDoubleQuantized } from './quant-state.js';
import { NF4_CODE } from './tables.js';

/** The float32 absmax per block of a state, decompressing it under double quantization. */
export function blockAbsmax(state: QuantState4bit): Float32Array {
  if (isDoubleQuantized(state)) return decompressAbsmax(state.absmax, state.nestedAbsmax, state.offset);
  return state.absmax as Float32Array;
}

/**
 * Dequantizes an NF4 state back to float32 (`numel` values, row-major as quantized).
 * `out` may be given to reuse a buffer.
 *
 * @example
 * ```ts
 * const w = dequantize4bit(quantize4bit(values)); // w[i] = NF4[code_i] * absmax[i / 64]
 * ```
 */
export function dequantize4bit(
  state: QuantState4bit,
  out: Float32Array = new Float32Array(state.numel),
): Float32Array {
  if (out.length !== state.numel) {
    throw new QuantizationError(
      `dequantize4bit: output buffer holds ${out.length} values, state has ${state.numel}`,
    );
  }
  if (state.packed.length !== Math.ceil(state.numel / 2)) {
    throw new QuantizationError(
      `dequantize4bit: packed has ${state.packed.length} bytes, expected ceil(${state.numel} / 2) = ${Math.ceil(state.numel / 2)}`,
    );
  }
  const absmax = blockAbsmax(state);
  const expectedBlocks = Math.ceil(state.numel / state.blocksize);
  if (absmax.length !== expectedBlocks) {
    throw new QuantizationError(
      `dequantize4bit: absmax has ${absmax.length} blocks, expected ${expectedBlocks}`,
    );
  }
  const { packed, blocksize, numel } = state;
  const code = NF4_CODE; // a local binding keeps the hot loop free of module-namespace lookups
  // Block by block so the scale is read once per block. code * absmax is exact in float64 (two float32
  // significands), so the Float32Array store is the single float32 rounding bitsandbytes performs.
  for (let b = 0, start = 0; start < numel; b++, start += blocksize) {
    const scale = absmax[b];
    const end = Math.min(start + blocksize, numel);
    for (let i = start; i < end; i++) {
      const byte = packed[i >> 1];
      out[i] = code[i & 1 ? byte & 0x0f : byte >> 4] * scale;
    }
  }
  return out;
}

/**
 * Dequantizes a state holding a row-major `[rows, cols]` matrix straight into its transpose `[cols, rows]`
 * (same values as {@link dequantize4bit}, transposed). `Nf4Linear` uses it to multiply without a transpose.
 */
export function dequantize4bitTransposed(
  state: QuantState4bit,
  rows: number,
  cols: number,
  out: Float32Array = new Float32Array(state.numel),
): Float32Array {
  if (rows * cols !== state.numel || out.length !== state.numel) {
    throw new QuantizationError(
      `dequantize4bitTransposed: [${rows}, ${cols}] does not hold the state's ${state.numel} values`,
    );
  }
  const absmax = blockAbsmax(state);
  const code = NF4_CODE;
  const { packed, blocksize } = state;
  for (let r = 0, i = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++, i++) {
      const byte = packed[i >> 1];
      out[c * rows + r] = code[i & 1 ? byte & 0x0f : byte >> 4] * absmax[Math.floor(i / blocksize)];
    }
  }
  return out;
}
