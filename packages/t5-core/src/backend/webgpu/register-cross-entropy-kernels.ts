// Registers the cross-entropy programs (cross-entropy-programs.ts) as webgpu kernels, and the two calls the loss
// makes on a backend that has them.
import type * as tf from '@tensorflow/tfjs-core';
import type { WebGpuUtil } from '../random/philox-wgsl.js';
import { crossEntropyGradProgram, rowLogSumExpProgram } from './cross-entropy-programs.js';
import { backendHasKernel, registerProgramKernel, runProgramKernel } from './program-kernel.js';

const ROW_LOG_SUM_EXP = 'T5sqlRowLogSumExp';
const CROSS_ENTROPY_GRAD = 'T5sqlCrossEntropyGrad';

/** Registers both kernels for tfjs-backend-webgpu (activateWebGpu calls it with the package's util). */
export function registerWebGpuCrossEntropyKernels(util: WebGpuUtil): void {
  const vocabUniform = (x: tf.TensorInfo) => [{ type: 'int32' as const, data: [x.shape[1]] }];
  registerProgramKernel({
    kernelName: ROW_LOG_SUM_EXP,
    inputNames: ['x'],
    program: ([x]) => rowLogSumExpProgram(x.shape[0], util),
    uniforms: ([x]) => vocabUniform(x),
  });
  registerProgramKernel({
    kernelName: CROSS_ENTROPY_GRAD,
    inputNames: ['x', 'lse', 'scale', 'labelIds'],
    program: ([x]) => crossEntropyGradProgram(x.shape[0], x.shape[1], util),
    uniforms: ([x]) => vocabUniform(x),
  });
}

/** Whether the active backend has the fused cross-entropy kernels (webgpu once activated). */
export function hasFusedCrossEntropy(): boolean {
  return backendHasKernel(ROW_LOG_SUM_EXP);
}

/** Each row's log Σ exp of `logits` [rows, vocab]: [rows], one pass over the logits. */
export function fusedRowLogSumExp(logits: tf.Tensor2D): tf.Tensor1D {
  return runProgramKernel(ROW_LOG_SUM_EXP, { x: logits }) as tf.Tensor1D;
}

/**
 * `(softmax(logits) - onehot(targets)) * rowScale` as [rows, vocab], one pass: the cross-entropy's gradient,
 * given each row's log-sum-exp.
 */
export function fusedCrossEntropyGrad(
  logits: tf.Tensor2D,
  logSumExp: tf.Tensor1D,
  rowScale: tf.Tensor1D,
  targets: tf.Tensor1D,
): tf.Tensor2D {
  return runProgramKernel(CROSS_ENTROPY_GRAD, {
    x: logits,
    lse: logSumExp,
    scale: rowScale,
    labelIds: targets,
  }) as tf.Tensor2D;
}
