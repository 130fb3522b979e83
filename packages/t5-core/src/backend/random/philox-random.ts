// Random tensors from Philox4x32-10, made where the tensor lives: a WGSL program on webgpu (no host-side draw and
// upload), the same arithmetic in JS elsewhere. Uniforms are bit-identical on every backend for a seed; dropout
// masks built from them are too.
import * as tf from '@tensorflow/tfjs-core';
import { type WebGpuUtil, philoxUniformProgram } from './philox-wgsl.js';
import { philoxUniform } from './philox.js';

/** The tfjs kernel name of the device-side uniform draw. */
export const PHILOX_UNIFORM_KERNEL = 'T5sqlPhiloxUniform';

interface PhiloxAttrs {
  shape: number[];
  seed: number;
  stream: number;
}

/** Registers the WGSL uniform draw for tfjs-backend-webgpu (activateWebGpu calls it with the package's util). */
export function registerWebGpuPhiloxKernel(util: WebGpuUtil): void {
  if (tf.getKernel(PHILOX_UNIFORM_KERNEL, 'webgpu') !== undefined) return;
  tf.registerKernel({
    kernelName: PHILOX_UNIFORM_KERNEL,
    backendName: 'webgpu',
    kernelFunc: ({ backend, attrs }) => {
      const { shape, seed, stream } = attrs as unknown as PhiloxAttrs;
      const program = philoxUniformProgram(shape, util);
      // One entry per uniform field: tfjs lays each entry out with its own alignment.
      const uniforms = [
        { type: 'uint32', data: [seed >>> 0] },
        { type: 'uint32', data: [stream >>> 0] },
      ];
      return (
        backend as unknown as {
          runWebGPUProgram(p: unknown, inputs: unknown[], dtype: string, uniforms: unknown): tf.TensorInfo;
        }
      ).runWebGPUProgram(program, [], 'float32', uniforms);
    },
  });
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
  if (tf.getKernel(PHILOX_UNIFORM_KERNEL, tf.getBackend()) !== undefined) {
    const attrs = { shape: [...shape], seed: seed >>> 0, stream: stream >>> 0 };
    return tf.engine().runKernel(PHILOX_UNIFORM_KERNEL, {}, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
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
  if (tf.getKernel(PHILOX_UNIFORM_KERNEL, tf.getBackend()) === undefined) {
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
