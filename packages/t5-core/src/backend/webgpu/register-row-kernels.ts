// Registers the row programs (RMSNorm, rms-norm-programs.ts; the softmax gradient) as webgpu kernels, and the
// functions the model calls on a backend that has them (webgpu).
import * as tf from '@tensorflow/tfjs-core';
import type { WebGpuUtil } from '../random/philox-wgsl.js';
import {
  type WebGpuProgram,
  backendHasKernel,
  registerProgramKernel,
  runProgramKernel,
} from './program-kernel.js';
import { rmsNormInputGradProgram, rmsNormProgram, rmsNormScaledProductProgram } from './rms-norm-programs.js';
import { softmaxGradProgram } from './softmax-grad-program.js';

/** tfjs kernel names of the fused RMSNorm programs. */
export const RMS_NORM_KERNELS = {
  forward: 'T5sqlRmsNorm',
  inputGrad: 'T5sqlRmsNormInputGrad',
  scaledProduct: 'T5sqlRmsNormScaledProduct',
} as const;

/** tfjs kernel name of the softmax gradient program. */
export const SOFTMAX_GRAD_KERNEL = 'T5sqlSoftmaxGrad';

type ProgramFor = (rows: number, d: number, util: WebGpuUtil) => WebGpuProgram;

function rowKernel(kernelName: string, inputNames: string[], program: ProgramFor, util: WebGpuUtil) {
  registerProgramKernel({
    kernelName,
    inputNames,
    program: ([x]) => program(x.shape[0], x.shape[1], util),
    uniforms: ([x], attrs) => [
      { type: 'float32', data: [(attrs as unknown as { eps?: number }).eps ?? 0] },
      { type: 'int32', data: [x.shape[1]] },
    ],
  });
}

/** Registers the row kernels (RMSNorm's three, the softmax gradient) for tfjs-backend-webgpu (activateWebGpu calls it with the package's util). */
export function registerWebGpuRowKernels(util: WebGpuUtil): void {
  rowKernel(RMS_NORM_KERNELS.forward, ['x', 'w'], rmsNormProgram, util);
  rowKernel(RMS_NORM_KERNELS.inputGrad, ['x', 'w', 'dy'], rmsNormInputGradProgram, util);
  rowKernel(RMS_NORM_KERNELS.scaledProduct, ['x', 'dy'], rmsNormScaledProductProgram, util);
  rowKernel(SOFTMAX_GRAD_KERNEL, ['y', 'dy'], softmaxGradProgram, util);
}

/** Whether the active backend has the fused RMSNorm kernels (webgpu once activated). */
export function hasFusedRmsNorm(): boolean {
  return backendHasKernel(RMS_NORM_KERNELS.forward);
}

function run(kernelName: string, inputs: tf.NamedTensorMap, eps: number): tf.Tensor {
  return runProgramKernel(kernelName, inputs, { eps });
}

/**
 * T5's layer norm of `x` (any rank, normalised over the last axis) with the fused kernels, differentiable in `x`
 * and `weight`: `weight * x * rsqrt(mean(x^2) + eps)`. Only on a backend where {@link hasFusedRmsNorm}.
 */
export function fusedRmsNorm(x: tf.Tensor, weight: tf.Tensor1D, eps: number): tf.Tensor {
  const d = x.shape[x.rank - 1];
  const apply = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [input, w, save] = args as [tf.Tensor, tf.Tensor1D, tf.GradSaveFunc];
    const rows2d = tf.reshape(input, [-1, d]); // [rows, d]
    save([rows2d, w]);
    const value = tf.tidy(() =>
      tf.reshape(run(RMS_NORM_KERNELS.forward, { x: rows2d, w }, eps), input.shape),
    );
    return {
      value,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [x2d, w2] = saved;
        const dy2d = tf.reshape(dy, [-1, d]);
        const dx = run(RMS_NORM_KERNELS.inputGrad, { x: x2d, w: w2, dy: dy2d }, eps);
        const product = run(RMS_NORM_KERNELS.scaledProduct, { x: x2d, dy: dy2d }, eps);
        const dw = tf.sum(product, 0); // [d]
        product.dispose();
        return [tf.reshape(dx, dy.shape), dw];
      },
    };
  }) as unknown as (input: tf.Tensor, w: tf.Tensor1D) => tf.Tensor;
  return apply(x, weight);
}

/**
 * `tf.softmax(x, -1)` whose gradient is one kernel (y * (dy - Σ dy·y)) where the backend has it (webgpu); the plain
 * tfjs softmax elsewhere.
 */
export function softmaxLastAxis(x: tf.Tensor): tf.Tensor {
  if (!backendHasKernel(SOFTMAX_GRAD_KERNEL)) return tf.softmax(x, -1);
  const d = x.shape[x.rank - 1];
  const apply = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [input, save] = args as [tf.Tensor, tf.GradSaveFunc];
    const y = tf.softmax(input, -1);
    save([y]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) =>
        tf.tidy(() => {
          const rows2d = tf.reshape(saved[0], [-1, d]);
          const grad = runProgramKernel(SOFTMAX_GRAD_KERNEL, { y: rows2d, dy: tf.reshape(dy, [-1, d]) });
          return [tf.reshape(grad, dy.shape)];
        }),
    };
  }) as unknown as (input: tf.Tensor) => tf.Tensor;
  return apply(x);
}
