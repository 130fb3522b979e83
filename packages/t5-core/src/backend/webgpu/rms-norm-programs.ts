// T5's layer norm (RMSNorm) as three tfjs-backend-webgpu row programs over [rows, d]:
//   forward        y  = w * (x * r),                       r = rsqrt(mean(x^2) + eps)
//   input gradient dx = r * g - x * r^3 * mean(g * x),     g = dy * w
//   scaled product p  = dy * (x * r)                       (summed over rows by tfjs: the weight's gradient)
// The taped version is 6 kernels forward and about 15 backward per norm; these are 1 and 3 (with the row sum).
// Each row's sums are reduced in workgroup memory: a different summation order from tfjs' Mean, so results agree
// with the unfused ops to float32 rounding, not bit for bit (the parity suites' tolerances hold).
import type { WebGpuUtil } from '../random/philox-wgsl.js';
import type { WebGpuProgram } from './program-kernel.js';
import { rowProgram } from './row-program.js';

const SQUARES = { squares: 'x[i] * x[i]' };
const INVERSE_RMS = 'let r = inverseSqrt(squaresTotal / f32(d) + uniforms.eps);';

/** y = w * (x * rsqrt(mean(x^2) + eps)) over the last axis of x: [rows, d]. Inputs: x, w. */
export function rmsNormProgram(rows: number, d: number, util: WebGpuUtil): WebGpuProgram {
  return rowProgram('t5sqlRmsNorm', ['x', 'w'], rows, d, util, {
    sums: SQUARES,
    prepare: INVERSE_RMS,
    output: 'w[k] * (x[i] * r)',
  });
}

/** dx of {@link rmsNormProgram}: r * g - x * r^3 * mean(g * x) with g = dy * w. Inputs: x, w, dy. */
export function rmsNormInputGradProgram(rows: number, d: number, util: WebGpuUtil): WebGpuProgram {
  return rowProgram('t5sqlRmsNormInputGrad', ['x', 'w', 'dy'], rows, d, util, {
    sums: { ...SQUARES, gx: 'dy[i] * w[k] * x[i]' },
    prepare: `${INVERSE_RMS}\n  let correction = r * r * r * (gxTotal / f32(d));`,
    output: 'r * (dy[i] * w[k]) - x[i] * correction',
  });
}

/** dy * (x * rsqrt(mean(x^2) + eps)), whose sum over rows is the weight's gradient. Inputs: x, dy. */
export function rmsNormScaledProductProgram(rows: number, d: number, util: WebGpuUtil): WebGpuProgram {
  return rowProgram('t5sqlRmsNormScaledProduct', ['x', 'dy'], rows, d, util, {
    sums: SQUARES,
    prepare: INVERSE_RMS,
    output: 'dy[i] * (x[i] * r)',
  });
}
