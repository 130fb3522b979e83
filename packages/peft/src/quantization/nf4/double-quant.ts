// Double quantization of the absmax constants (QLoRA §3): subtract their mean, then quantize the residual with
// the 8-bit dynamic code in blocks of 256, exactly as bitsandbytes' `quantize_blockwise` does.
import { dequantizeBlockwise, quantizeBlockwise } from './blockwise.js';
import { NESTED_BLOCKSIZE } from './quant-state.js';
import { DYNAMIC_BOUNDS, DYNAMIC_CODE } from './tables.js';
import { torchMeanFloat32 } from './torch-sum.js';

const f = Math.fround;

/** Compressed absmax: uint8 codes, their float32 block scales, and the subtracted offset. */
export interface CompressedAbsmax {
  codes: Uint8Array;
  nestedAbsmax: Float32Array;
  offset: number;
}

/**
 * Compresses float32 absmax constants. `offset` defaults to torch's float32 `absmax.mean()` (see
 * {@link torchMeanFloat32}); pass bitsandbytes' own value to reproduce a given state exactly.
 */
export function compressAbsmax(absmax: Float32Array, offset?: number): CompressedAbsmax {
  const mean = offset === undefined ? torchMeanFloat32(absmax) : f(offset);
  const centred = new Float32Array(absmax.length);
  for (let i = 0; i < absmax.length; i++) centred[i] = f(absmax[i] - mean);
  const { indices, absmax: nestedAbsmax } = quantizeBlockwise(centred, NESTED_BLOCKSIZE, DYNAMIC_BOUNDS);
  return { codes: indices, nestedAbsmax, offset: mean };
}

/** Recovers float32 absmax: `dyn[code] * nestedAbsmax[j / 256] + offset`, each step rounded to float32. */
export function decompressAbsmax(
  codes: Uint8Array,
  nestedAbsmax: Float32Array,
  offset: number,
): Float32Array {
  const out = dequantizeBlockwise(codes, nestedAbsmax, NESTED_BLOCKSIZE, DYNAMIC_CODE);
  for (let i = 0; i < out.length; i++) out[i] = f(out[i] + offset);
  return out;
}
