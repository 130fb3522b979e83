// Random tensors from Philox4x32-10, made where the tensor lives: a WGSL program on webgpu (no host-side draw and
// upload), the same arithmetic in JS elsewhere. Uniforms are bit-identical on every backend for a seed; dropout
// masks built from them are too.
import * as tf from '@tensorflow/tfjs-core';
import { backendHasKernel, registerProgramKernel, runProgramKernel } from '../webgpu/program-kernel.js';
import { type WebGpuUtil, philoxDropoutProgram, philoxUniformProgram } from './philox-wgsl.js';
import { philoxUniform } from './philox.js';

/** The tfjs kernel name of the device-side uniform draw. */
export const PHILOX_UNIFORM_KERNEL = 'T5sqlPhiloxUniform';

interface PhiloxAttrs {
  shape: number[];
  seed: number;
  stream: number;
}

/** The tfjs kernel name of fused inverted dropout (draw, mask, scale and multiply in one pass). */
export const PHILOX_DROPOUT_KERNEL = 'T5sqlPhiloxDropout';

/**
 * Registers the WGSL uniform draw and fused dropout for tfjs-backend-webgpu (activateWebGpu calls it with the
 * package's util).
 */
export function registerWebGpuPhiloxKernel(util: WebGpuUtil): void {
  registerProgramKernel({
    kernelName: PHILOX_UNIFORM_KERNEL,
    inputNames: [],
    program: (_, attrs) => philoxUniformProgram((attrs as unknown as PhiloxAttrs).shape, util),
    uniforms: (_, attrs) => {
      const { seed, stream } = attrs as unknown as PhiloxAttrs;
      return [
        { type: 'uint32', data: [seed >>> 0] },
        { type: 'uint32', data: [stream >>> 0] },
      ];
    },
  });
  registerProgramKernel({
    kernelName: PHILOX_DROPOUT_KERNEL,
    inputNames: ['x'],
    program: ([x]) => philoxDropoutProgram([...x.shape], util),
    uniforms: (_, attrs) => {
      const { seed, keepProb } = attrs as unknown as { seed: number; keepProb: number };
      return [
        { type: 'uint32', data: [seed >>> 0] },
        { type: 'float32', data: [keepProb] },
      ];
    },
  });
}

/** Whether the active backend has the fused dropout kernel (webgpu once activated). */
export function hasFusedPhiloxDropout(): boolean {
  return backendHasKernel(PHILOX_DROPOUT_KERNEL);
}

/**
 * Inverted dropout in one device pass where the backend has the fused kernel (webgpu): `x * floor(u + keep) /
 * keep` with u = philoxUniform(size, seed, 0), bit for bit what the draw, add, floor, div and multiply give as
 * separate kernels. Null on backends without it (cpu, wasm), which build the mask from the JS draw. Not taped:
 * callers wrap it in a gradient (the gradient of dropout is dropout of dy with the same seed).
 */
export function fusedPhiloxDropout(x: tf.Tensor, keepProb: number, seed: number): tf.Tensor | null {
  if (!hasFusedPhiloxDropout()) return null;
  const attrs = { seed: seed >>> 0, keepProb };
  return tf
    .engine()
    .runKernel(PHILOX_DROPOUT_KERNEL, { x }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
}

/**
 * Uniform floats in [0, 1) of `shape`, element i = philoxUniform(size, seed, stream)[i], on the active backend.
 *
 * @example
 * ```ts
 * const u = philoxRandomUniform([2, 3], 42); // the same bits on cpu, wasm and webgpu
 * ```
 */
export function philoxRandomUniform(shape: number[], seed: number, stream = 0): tf.Tensor {
  if (backendHasKernel(PHILOX_UNIFORM_KERNEL)) {
    return runProgramKernel(
      PHILOX_UNIFORM_KERNEL,
      {},
      { shape: [...shape], seed: seed >>> 0, stream: stream >>> 0 },
    );
  }
  // cpu and wasm keep tensors in host memory: the JS arithmetic is the kernel there.
  return tf.tensor(philoxUniform(tf.util.sizeFromShape(shape), seed, stream), shape, 'float32');
}

/**
 * Normal draws (Box-Muller on two Philox streams of the same seed) of `shape`, mean `mean`, standard deviation
 * `stddev`. On host backends (cpu, wasm) they are computed in float64 JS and rounded once, so both give the same
 * bits; on webgpu they are computed on the device, where log and cos may differ from JS in the last bits.
 */
export function philoxRandomNormal(shape: number[], mean: number, stddev: number, seed: number): tf.Tensor {
  if (!backendHasKernel(PHILOX_UNIFORM_KERNEL)) {
    const size = tf.util.sizeFromShape(shape);
    const u1 = philoxUniform(size, seed, 1);
    const u2 = philoxUniform(size, seed, 2);
    const out = new Float32Array(size);
    for (let i = 0; i < size; i++) {
      // 1 - u1 is in (0, 1]: the log is finite.
      out[i] = mean + stddev * Math.sqrt(-2 * Math.log(1 - u1[i])) * Math.cos(2 * Math.PI * u2[i]);
    }
    return tf.tensor(out, shape, 'float32');
  }
  return tf.tidy(() => {
    const u1 = philoxRandomUniform(shape, seed, 1); // [0, 1)
    const u2 = philoxRandomUniform(shape, seed, 2);
    const radius = tf.sqrt(tf.mul(-2, tf.log(tf.sub(1, u1))));
    const z = tf.mul(radius, tf.cos(tf.mul(2 * Math.PI, u2)));
    return tf.add(tf.mul(z, stddev), mean);
  });
}
