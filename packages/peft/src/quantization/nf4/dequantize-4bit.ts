// NF4 dequantization as bitsandbytes' `dequantize_4bit`: code value times its block's absmax, in float32.
import { decompressAbsmax } from './double-quant.js';
import { isDoubleQuantized, type QuantState4bit } from './quant-state.js';
import { NF4_CODE } from './tables.js';

const f = Math.fround;

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
    throw new Error(`dequantize4bit: output buffer holds ${out.length} values, state has ${state.numel}`);
  }
  if (state.packed.length !== Math.ceil(state.numel / 2)) {
    throw new Error(
      `dequantize4bit: packed has ${state.packed.length} bytes, expected ceil(${state.numel} / 2) = ${Math.ceil(state.numel / 2)}`,
    );
  }
  const absmax = blockAbsmax(state);
  const expectedBlocks = Math.ceil(state.numel / state.blocksize);
  if (absmax.length !== expectedBlocks) {
    throw new Error(`dequantize4bit: absmax has ${absmax.length} blocks, expected ${expectedBlocks}`);
  }
  const { packed, blocksize, numel } = state;
  for (let i = 0; i < numel; i++) {
    const byte = packed[i >> 1];
    const q = i & 1 ? byte & 0x0f : byte >> 4;
    out[i] = f(NF4_CODE[q] * absmax[Math.floor(i / blocksize)]);
  }
  return out;
}
