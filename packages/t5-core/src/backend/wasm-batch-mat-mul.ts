// tfjs-backend-wasm 4.22 multiplies with XNNPACK only for one plain (untransposed) [m, k] x [k, n] pair; any
// batch dim or transpose flag falls back to a scalar triple loop 6-8x slower. Attention's q kᵀ, weights v and
// their gradients are all batched ([batch, heads, len, d_kv]), so this splits them into per-matrix XNNPACK calls.
import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { transposeTiled } from './transpose-tiled.js';
import type { WasmBackendLike } from './unsorted-segment-sum.js';

/** Each matrix dim at least this (smaller ones, e.g. one decoding step's query, stay on the native loop). */
const MIN_DIM = 16;

interface DisposingBackend extends WasmBackendLike {
  disposeData(dataId: object): boolean;
}

const prod = (s: readonly number[]): number => s.reduce((p, d) => p * d, 1);

/**
 * Copies matrix `index` of `src` (`[.., rows, cols]`, or transposed when `transpose`) into a fresh `[1, r, c]`
 * tensor laid out for a plain multiply.
 */
function plainMatrix(
  backend: WasmBackendLike,
  src: TensorInfo,
  index: number,
  rows: number,
  cols: number,
  transpose: boolean,
): TensorInfo {
  const out = backend.makeOutput([1, rows, cols], 'float32');
  const dst = backend.typedArrayFromHeap(out);
  const from = backend.typedArrayFromHeap(src);
  const base = index * rows * cols;
  if (!transpose) {
    dst.set(from.subarray(base, base + rows * cols));
    return out;
  }
  // Stored as [cols, rows]: dst[r, c] = src[c, r].
  transposeTiled(from.subarray(base, base + rows * cols), dst, cols, rows);
  return out;
}

/**
 * Wraps wasm's BatchMatMul: float32 products with batch dims (equal, or one side unbatched) or transpose flags,
 * every matrix dim at least 16, run as one plain XNNPACK multiply per matrix; the rest go to the original kernel.
 * Same products, summed in XNNPACK's order (as every 2-D projection already is). Returns the config to register,
 * or undefined when wasm has no BatchMatMul or it is already wrapped.
 */
export function wasmBatchMatMulConfig(): KernelConfig | undefined {
  const native = tf.getKernel('BatchMatMul', 'wasm');
  if (native === undefined) return undefined;
  if ((native.kernelFunc as { t5sqlSplit?: boolean }).t5sqlSplit) return undefined;
  const kernelFunc: KernelFunc = (args) => {
    const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
    const transposeA = Boolean(args.attrs?.transposeA);
    const transposeB = Boolean(args.attrs?.transposeB);
    const ra = a.shape.length;
    const rb = b.shape.length;
    const m = transposeA ? a.shape[ra - 1] : a.shape[ra - 2];
    const k = transposeA ? a.shape[ra - 2] : a.shape[ra - 1];
    const n = transposeB ? b.shape[rb - 2] : b.shape[rb - 1];
    const outerA = a.shape.slice(0, -2);
    const outerB = b.shape.slice(0, -2);
    const batchA = prod(outerA);
    const batchB = prod(outerB);
    const sameBatch = outerA.length === outerB.length && outerA.every((d, i) => d === outerB[i]);
    const split =
      a.dtype === 'float32' &&
      b.dtype === 'float32' &&
      (batchA > 1 || batchB > 1 || transposeA || transposeB) &&
      (sameBatch || batchA === 1 || batchB === 1) &&
      Math.min(m, n, k) >= MIN_DIM;
    if (!split) return native.kernelFunc(args);
    const backend = args.backend as DisposingBackend;
    const batch = Math.max(batchA, batchB);
    const outer = batchA >= batchB ? outerA : outerB;
    const out = backend.makeOutput([...outer, m, n], 'float32');
    for (let i = 0; i < batch; i++) {
      const ai = plainMatrix(backend, a, batchA === 1 ? 0 : i, m, k, transposeA);
      const bi = plainMatrix(backend, b, batchB === 1 ? 0 : i, k, n, transposeB);
      const product = native.kernelFunc({
        inputs: { a: ai, b: bi },
        backend: args.backend,
        attrs: { transposeA: false, transposeB: false },
      }) as TensorInfo; // [1, m, n]
      backend.typedArrayFromHeap(out).set(backend.typedArrayFromHeap(product), i * m * n);
      backend.disposeData(product.dataId);
      backend.disposeData(ai.dataId);
      backend.disposeData(bi.dataId);
    }
    return out;
  };
  (kernelFunc as { t5sqlSplit?: boolean }).t5sqlSplit = true;
  return { kernelName: 'BatchMatMul', backendName: 'wasm', kernelFunc, setupFunc: native.setupFunc };
}
