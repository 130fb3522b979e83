// Registers a WGSL program as a tfjs kernel of the webgpu backend: the one place that knows how
// tfjs-backend-webgpu runs a custom program (its WebGPUProgram shape and runWebGPUProgram).
import * as tf from '@tensorflow/tfjs-core';

/** The program shape tfjs-backend-webgpu runs (its WebGPUProgram), as far as t5sql's programs use it. */
export interface WebGpuProgram {
  variableNames: string[];
  outputShape: number[];
  /** WGSL uniform fields, `name : type,` each; tfjs adds `size` (the output's element count) when `size`. */
  uniforms: string;
  workgroupSize: [number, number, number];
  size: boolean;
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  /** Cache key of the compiled shader (tfjs adds the shapes). */
  shaderKey: string;
  getUserCode(): string;
}

/** A uniform value as runWebGPUProgram takes it: one entry per field, so each keeps its own alignment. */
export interface UniformEntry {
  type: 'float32' | 'int32' | 'uint32';
  data: number[];
}

type RunWebGpuProgram = {
  runWebGPUProgram(
    program: WebGpuProgram,
    inputs: tf.TensorInfo[],
    dtype: string,
    uniforms: UniformEntry[],
  ): tf.TensorInfo;
};

/** What {@link registerProgramKernel} needs to turn a kernel call into a program run. */
export interface ProgramKernel {
  kernelName: string;
  /** The kernel's named inputs, in the program's `variableNames` order. */
  inputNames: readonly string[];
  /** The program for these inputs and attributes. */
  program(inputs: tf.TensorInfo[], attrs: tf.NamedAttrMap): WebGpuProgram;
  /** The program's uniform values, in the order of its `uniforms` fields. */
  uniforms(inputs: tf.TensorInfo[], attrs: tf.NamedAttrMap): UniformEntry[];
}

/** Registers `kernel` for the webgpu backend (once; a second call is a no-op). Output dtype float32. */
export function registerProgramKernel(kernel: ProgramKernel): void {
  if (tf.getKernel(kernel.kernelName, 'webgpu') !== undefined) return;
  tf.registerKernel({
    kernelName: kernel.kernelName,
    backendName: 'webgpu',
    kernelFunc: ({ backend, inputs, attrs = {} }) => {
      const tensors = kernel.inputNames.map((name) => inputs[name] as tf.TensorInfo);
      return (backend as unknown as RunWebGpuProgram).runWebGPUProgram(
        kernel.program(tensors, attrs),
        tensors,
        'float32',
        kernel.uniforms(tensors, attrs),
      );
    },
  });
}

/** Whether the active backend has `kernelName` (the webgpu ones exist once webgpu is activated). */
export function backendHasKernel(kernelName: string): boolean {
  return tf.getKernel(kernelName, tf.getBackend()) !== undefined;
}

/** Runs a registered kernel, untaped (callers give it a gradient with tf.customGrad). */
export function runProgramKernel(
  kernelName: string,
  inputs: tf.NamedTensorMap,
  attrs: object = {},
): tf.Tensor {
  return tf.engine().runKernel(kernelName, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
}
