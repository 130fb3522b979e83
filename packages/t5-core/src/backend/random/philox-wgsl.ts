// Philox4x32-10 in WGSL, the same arithmetic as philox.ts (WGSL has no 32x32→64 multiply: 16-bit halves), as a
// tfjs-backend-webgpu program that fills a float32 tensor with philoxUniform's values.
import type { WebGpuProgram } from '../webgpu/program-kernel.js';

/** WGSL functions: mulHiLo and philox4x32 (counter (c0, 0, 0, 0), key (k0, k1)). */
export const PHILOX_WGSL = `
fn t5sqlMulHiLo(a : u32, b : u32) -> vec2<u32> {
  let aLo = a & 0xffffu;
  let aHi = a >> 16u;
  let bLo = b & 0xffffu;
  let bHi = b >> 16u;
  let loLo = aLo * bLo;
  let hiLo = aHi * bLo;
  let loHi = aLo * bHi;
  let hiHi = aHi * bHi;
  let cross = (loLo >> 16u) + (hiLo & 0xffffu) + loHi;
  let hi = hiHi + (hiLo >> 16u) + (cross >> 16u);
  let lo = (cross << 16u) | (loLo & 0xffffu);
  return vec2<u32>(hi, lo);
}

fn t5sqlPhilox(c0 : u32, k0 : u32, k1 : u32) -> vec4<u32> {
  var x = vec4<u32>(c0, 0u, 0u, 0u);
  var key0 = k0;
  var key1 = k1;
  for (var round = 0; round < 10; round++) {
    let p0 = t5sqlMulHiLo(0xd2511f53u, x.x);
    let p1 = t5sqlMulHiLo(0xcd9e8d57u, x.z);
    x = vec4<u32>(p1.x ^ x.y ^ key0, p1.y, p0.x ^ x.w ^ key1, p0.y);
    key0 = key0 + 0x9e3779b9u;
    key1 = key1 + 0xbb67ae85u;
  }
  return x;
}
`;

/** tfjs-backend-webgpu's `webgpu_util` helpers used to lay out the dispatch. */
export interface WebGpuUtil {
  flatDispatchLayout(shape: number[]): { x: number[] };
  computeDispatch(
    layout: { x: number[] },
    outputShape: number[],
    workgroupSize: [number, number, number],
  ): [number, number, number];
}

/** A program writing philoxUniform(size, seed, stream) into a float32 tensor of `shape`. */
export function philoxUniformProgram(shape: number[], util: WebGpuUtil): WebGpuProgram {
  const workgroupSize: [number, number, number] = [64, 1, 1];
  const dispatchLayout = util.flatDispatchLayout(shape);
  return {
    variableNames: [],
    outputShape: shape,
    uniforms: 'seed : u32, stream : u32,',
    workgroupSize,
    size: true,
    dispatchLayout,
    dispatch: util.computeDispatch(dispatchLayout, shape, workgroupSize),
    shaderKey: 't5sqlPhiloxUniform',
    getUserCode: () => `
${PHILOX_WGSL}
fn main(index : i32) {
  if (index < uniforms.size) {
    let i = u32(index);
    let words = t5sqlPhilox(i >> 2u, uniforms.seed, uniforms.stream);
    let word = words[i & 3u];
    setOutputAtIndex(index, f32(word >> 8u) * (1.0 / 16777216.0));
  }
}
`,
  };
}

/**
 * A program writing inverted dropout of its input `x` in one pass: `x * floor(u + keep) / keep` with u =
 * philoxUniform(size, seed, 0) at the element's index. The same arithmetic as the four kernels it replaces
 * (draw, add, floor, div) followed by the multiply, each rounded to float32 in the same order, so the bits match.
 */
export function philoxDropoutProgram(shape: number[], util: WebGpuUtil): WebGpuProgram {
  const workgroupSize: [number, number, number] = [64, 1, 1];
  const dispatchLayout = util.flatDispatchLayout(shape);
  return {
    variableNames: ['x'],
    outputShape: shape,
    uniforms: 'seed : u32, keep : f32,',
    workgroupSize,
    size: true,
    dispatchLayout,
    dispatch: util.computeDispatch(dispatchLayout, shape, workgroupSize),
    shaderKey: 't5sqlPhiloxDropout',
    getUserCode: () => `
${PHILOX_WGSL}
fn main(index : i32) {
  if (index < uniforms.size) {
    let i = u32(index);
    let words = t5sqlPhilox(i >> 2u, uniforms.seed, 0u);
    let u = f32(words[i & 3u] >> 8u) * (1.0 / 16777216.0);
    let multiplier = floor(u + uniforms.keep) / uniforms.keep;
    setOutputAtIndex(index, getXByOutputIndex(index) * multiplier);
  }
}
`,
  };
}
