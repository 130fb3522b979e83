// NF4 quantization bit for bit as bitsandbytes' `quantize_4bit(A, blocksize, compress_statistics, 'nf4')`.
import { QuantizationError } from '../../errors.js';
import { quantizeBlockwise } from './blockwise.js';
import { compressAbsmax } from './double-quant.js';
import { NESTED_BLOCKSIZE, type QuantState4bit } from './quant-state.js';
import { NF4_BOUNDS } from './tables.js';

/** Options of {@link quantize4bit}, named after bitsandbytes' arguments. */
export interface Quantize4bitOptions {
  /** Values per absmax block. Default 64 (bitsandbytes' default). */
  blocksize?: number;
  /** Double-quantize the absmax constants (QLoRA's `bnb_4bit_use_double_quant`). Default false. */
  compressStatistics?: boolean;
  /** Only NF4 is implemented. */
  quantType?: 'nf4';
  /**
   * Double quantization only: the mean subtracted from absmax. Default: torch's float32 `absmax.mean()`
   * reproduced by `torchMeanFloat32`; pass a recorded value to match a given bitsandbytes state exactly.
   */
  offset?: number;
}

/**
 * Quantizes float32 values to packed NF4 codes with blockwise absmax scaling.
 *
 * @example
 * ```ts
 * const state = quantize4bit(weight, { blocksize: 64, compressStatistics: true, quantType: 'nf4' });
 * state.packed.length; // ceil(weight.length / 2)
 * const approx = dequantize4bit(state);
 * ```
 */
export function quantize4bit(values: Float32Array, options: Quantize4bitOptions = {}): QuantState4bit {
  const { blocksize = 64, compressStatistics = false, quantType = 'nf4' } = options;
  if (quantType !== 'nf4') {
    throw new QuantizationError(`quantize4bit: quantType must be 'nf4', found '${String(quantType)}'`);
  }
  if (!(values instanceof Float32Array))
    throw new QuantizationError('quantize4bit: values must be a Float32Array');
  const n = values.length;
  const { indices, absmax } = quantizeBlockwise(values, blocksize, NF4_BOUNDS);
  // Two codes per byte, the first in the high nibble; an odd tail pairs with a scaled 0.0, which is code 7.
  const packed = new Uint8Array(Math.ceil(n / 2));
  for (let k = 0; k < packed.length; k++) {
    const hi = indices[2 * k];
    const lo = 2 * k + 1 < n ? indices[2 * k + 1] : 7;
    packed[k] = (hi << 4) | lo;
  }
  if (!compressStatistics) return { quantType, blocksize, numel: n, packed, absmax };
  const { codes, nestedAbsmax, offset } = compressAbsmax(absmax, options.offset);
  return {
    quantType,
    blocksize,
    numel: n,
    packed,
    absmax: codes,
    nestedAbsmax,
    offset,
    nestedBlocksize: NESTED_BLOCKSIZE,
  };
}
