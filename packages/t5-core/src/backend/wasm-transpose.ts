// tfjs-backend-wasm 4.22's Transpose walks the output element by element with N-d index arithmetic: a
// [2048, 512] weight takes ~8 ms, a [256, 32128] logits gradient ~40 ms. The backward pass of every projection
// transposes its weight and its input (tfjs-wasm's transposed matMul is slower still), so 2-D transposes are done
// here in small tiles over the wasm heap, 2-3x faster; other permutations keep the native kernel.
import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { transposeTiled } from './transpose-tiled.js';
import type { WasmBackendLike } from './unsorted-segment-sum.js';

/** Below this many elements the native kernel's call overhead is lower than ours. */
const MIN_ELEMENTS = 4096;

/**
 * Replaces wasm's Transpose with one that swaps the axes of large 2-D float32 / int32 tensors itself and
 * delegates everything else to the original kernel. Returns the config to register, or undefined when wasm has no
 * Transpose or it is already wrapped.
 */
export function wasmTransposeConfig(): KernelConfig | undefined {
  const native = tf.getKernel('Transpose', 'wasm');
  if (native === undefined) return undefined;
  if ((native.kernelFunc as { t5sqlTiled?: boolean }).t5sqlTiled) return undefined;
  const kernelFunc: KernelFunc = (args) => {
    const { x } = args.inputs as { x: TensorInfo };
    const perm = args.attrs?.perm as number[] | undefined;
    const tiled =
      x.shape.length === 2 &&
      perm?.[0] === 1 &&
      perm?.[1] === 0 &&
      (x.dtype === 'float32' || x.dtype === 'int32') &&
      x.shape[0] * x.shape[1] >= MIN_ELEMENTS;
    if (!tiled) return native.kernelFunc(args);
    const backend = args.backend as WasmBackendLike;
    const [rows, cols] = x.shape;
    // Allocate first: growing the wasm heap detaches every view taken before.
    const out = backend.makeOutput([cols, rows], x.dtype);
    transposeTiled(backend.typedArrayFromHeap(x), backend.typedArrayFromHeap(out), rows, cols);
    return out;
  };
  (kernelFunc as { t5sqlTiled?: boolean }).t5sqlTiled = true;
  return { kernelName: 'Transpose', backendName: 'wasm', kernelFunc, setupFunc: native.setupFunc };
}
