// The softmax's gradient over the last axis as one webgpu row program: dx = y * (dy - Σ dy·y). tfjs' registered
// gradient is four kernels (multiply, sum, multiply, subtract); attention runs it once per layer.
import type { WebGpuUtil } from '../random/philox-wgsl.js';
import type { WebGpuProgram } from './program-kernel.js';
import { rowProgram } from './row-program.js';

/** dx of y = softmax(x) over rows of [rows, d]. Inputs: y, dy. */
export function softmaxGradProgram(rows: number, d: number, util: WebGpuUtil): WebGpuProgram {
  return rowProgram('t5sqlSoftmaxGrad', ['y', 'dy'], rows, d, util, {
    sums: { dotYDy: 'y[i] * dy[i]' },
    prepare: '',
    output: 'y[i] * (dy[i] - dotYDyTotal)',
  });
}
