// The code books bitsandbytes quantizes against: the 16-value NF4 table for weights and the 256-value signed
// dynamic map for the absmax constants under double quantization, plus the float32 midpoints a value is
// bucketed against. Everything is float32 (`Math.fround` at every step) so indices match bitsandbytes bit for bit.

const f = Math.fround;

/**
 * The NF4 code book (QLoRA, Dettmers et al. 2023): quantiles of N(0, 1) normalised to [-1, 1], with an exact 0.
 * These 16 float32 values are the published definition of NF4 (bitsandbytes' `get_4bit_type('nf4')`).
 */
export const NF4_CODE: Float32Array = Float32Array.from([
  -1.0, -0.6961928009986877, -0.5250730514526367, -0.39491748809814453, -0.28444138169288635,
  -0.18477343022823334, -0.09105003625154495, 0.0, 0.07958029955625534, 0.16093020141124725,
  0.24611230194568634, 0.33791524171829224, 0.44070982933044434, 0.5626170039176941, 0.7229568362236023, 1.0,
]);

/** Midpoints between neighbouring entries of a sorted code book, `(c[i] + c[i+1]) / 2` in float32. */
export function codeMidpoints(code: Float32Array): Float32Array {
  const out = new Float32Array(code.length - 1);
  for (let i = 0; i < out.length; i++) out[i] = f(f(code[i] + code[i + 1]) / 2);
  return out;
}

/** The 15 NF4 decision boundaries. */
export const NF4_BOUNDS: Float32Array = codeMidpoints(NF4_CODE);

/**
 * torch.linspace(start, end, steps) in float32 as the CPU kernel computes it: the first half counts up from
 * `start`, the second half down from `end`, each value `start + step * i` with one rounding (the kernel's
 * multiply-add is fused), where `step = (end - start) / (steps - 1)` is itself float32.
 */
function torchLinspaceF32(start: number, end: number, steps: number): Float32Array {
  const s = f(start);
  const e = f(end);
  const step = f(f(e - s) / (steps - 1));
  const halfway = Math.floor(steps / 2);
  const out = new Float32Array(steps);
  // `step * i` is exact in float64 (24-bit step times an index below 2^24), so one fround is one rounding.
  for (let i = 0; i < steps; i++) out[i] = i < halfway ? f(s + step * i) : f(e - step * (steps - i - 1));
  return out;
}

/**
 * bitsandbytes' signed dynamic map (`create_dynamic_map(signed=True, max_exponent_bits=7, total_bits=8)`):
 * for each decade 10^-6 .. 10^0, the midpoints of an evenly spaced grid on [0.1, 1] with 2^i cells, both signs,
 * plus 0 and 1, sorted. Used to quantize the absmax constants in double quantization.
 */
export function createDynamicMap(): Float32Array {
  const maxExponentBits = 7;
  const values: number[] = [];
  for (let i = 0; i < maxExponentBits; i++) {
    const boundaries = torchLinspaceF32(0.1, 1, 2 ** i + 1);
    // 10^(i-6) is a Python float multiplied into a float32 tensor: torch casts the scalar to float32 first.
    const scale = f(10 ** (i - (maxExponentBits - 1)));
    const means: number[] = [];
    for (let j = 0; j + 1 < boundaries.length; j++) means.push(f(f(boundaries[j] + boundaries[j + 1]) / 2));
    for (const m of means) values.push(f(scale * m));
    for (const m of means) values.push(f(-scale * m));
  }
  values.push(0, 1);
  values.sort((a, b) => a - b);
  return Float32Array.from(values);
}

/** The 256-entry dynamic code used for the absmax constants. */
export const DYNAMIC_CODE: Float32Array = createDynamicMap();

/** Its 255 decision boundaries. */
export const DYNAMIC_BOUNDS: Float32Array = codeMidpoints(DYNAMIC_CODE);
