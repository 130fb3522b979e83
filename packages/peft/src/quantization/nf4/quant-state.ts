// What `quantize4bit` returns: bitsandbytes' QuantState for NF4, in plain typed arrays.

/** Block size of the second-level (absmax) quantization, fixed by bitsandbytes. */
export const NESTED_BLOCKSIZE = 256;

/** A 4-bit NF4 quantized tensor: packed codes plus the statistics needed to dequantize it. */
export interface QuantState4bit {
  readonly quantType: 'nf4';
  /** Values per absmax block. */
  readonly blocksize: number;
  /** Number of quantized values. */
  readonly numel: number;
  /** `ceil(numel / 2)` bytes, two codes per byte, the first value in the high nibble. */
  readonly packed: Uint8Array;
  /**
   * Per-block scale: float32 `max|x|` without double quantization; with it, one uint8 code per block into the
   * 256-entry dynamic map.
   */
  readonly absmax: Float32Array | Uint8Array;
  /** Double quantization only: float32 scale per {@link NESTED_BLOCKSIZE} absmax codes. */
  readonly nestedAbsmax?: Float32Array;
  /** Double quantization only: the mean subtracted from absmax before quantizing it (float32). */
  readonly offset?: number;
  /** Double quantization only: always {@link NESTED_BLOCKSIZE}. */
  readonly nestedBlocksize?: number;
}

/** True when the state uses double quantization (compressed statistics). */
export function isDoubleQuantized(
  state: QuantState4bit,
): state is QuantState4bit & { absmax: Uint8Array; nestedAbsmax: Float32Array; offset: number } {
  return state.absmax instanceof Uint8Array;
}

/**
 * Bytes the quantized data and its statistics occupy (packed codes + absmax [+ nested absmax + offset]),
 * as bitsandbytes counts them; divide by `numel` for bytes per parameter (0.5625 plain at block size 64).
 */
export function quantStateBytes(state: QuantState4bit): number {
  let bytes = state.packed.byteLength + state.absmax.byteLength;
  if (isDoubleQuantized(state)) bytes += state.nestedAbsmax.byteLength + 4;
  return bytes;
}
