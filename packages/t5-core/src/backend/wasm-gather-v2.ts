// tfjs-backend-wasm 4.22's GatherV2 returns wrong rows when batchDims > 0 (e.g. picking each target token's
// log-probability per batch row); this wraps it, keeping the native kernel for batchDims 0.
import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { ShapeError, T5CoreError } from '../errors/t5-core-error.js';
import type { WasmBackendLike } from './unsorted-segment-sum.js';

const prod = (s: number[]): number => s.reduce((p, d) => p * d, 1);

/** GatherV2 with batch dims in JS over the wasm heap: x as [B, O, A, I], indices as [B, K] → [B, O, K, I]. */
function gatherBatched(
  x: TensorInfo,
  indices: TensorInfo,
  axis: number,
  batchDims: number,
  backend: WasmBackendLike,
) {
  for (let d = 0; d < batchDims; d++) {
    if (x.shape[d] !== indices.shape[d]) {
      throw new ShapeError(
        `GatherV2 (wasm): batch dim ${d} of x [${x.shape}] and indices [${indices.shape}] differ`,
      );
    }
  }
  const nb = prod(x.shape.slice(0, batchDims));
  const between = prod(x.shape.slice(batchDims, axis));
  const axisSize = x.shape[axis];
  const inner = prod(x.shape.slice(axis + 1));
  const k = prod(indices.shape) / nb;
  const outShape = [...x.shape.slice(0, axis), ...indices.shape.slice(batchDims), ...x.shape.slice(axis + 1)];
  // Allocate first: growing the wasm heap detaches every view taken before.
  const out = backend.makeOutput(outShape, x.dtype);
  const outVals = backend.typedArrayFromHeap(out);
  const xVals = backend.typedArrayFromHeap(x);
  const ids = backend.typedArrayFromHeap(indices);
  for (let b = 0; b < nb; b++) {
    for (let o = 0; o < between; o++) {
      const srcBase = (b * between + o) * axisSize;
      const dstBase = (b * between + o) * k;
      for (let j = 0; j < k; j++) {
        const id = ids[b * k + j];
        if (!(id >= 0 && id < axisSize)) {
          throw new T5CoreError(`GatherV2 (wasm): index ${id} at batch ${b} is outside [0, ${axisSize})`);
        }
        const src = (srcBase + id) * inner;
        outVals.set(xVals.subarray(src, src + inner), (dstBase + j) * inner);
      }
    }
  }
  return out;
}

/**
 * Replaces wasm's GatherV2 with one that handles batchDims > 0 itself and delegates batchDims 0 to the
 * original native kernel. Returns the config to register, or undefined when wasm has no GatherV2 to wrap.
 */
export function wasmGatherV2Config(): KernelConfig | undefined {
  const native = tf.getKernel('GatherV2', 'wasm');
  if (native === undefined) return undefined;
  if ((native.kernelFunc as { t5sqlBatched?: boolean }).t5sqlBatched) return undefined;
  const kernelFunc: KernelFunc = (args) => {
    const { x, indices } = args.inputs as { x: TensorInfo; indices: TensorInfo };
    const batchDims = (args.attrs?.batchDims as number | undefined) ?? 0;
    if (batchDims === 0) return native.kernelFunc(args);
    const rawAxis = (args.attrs?.axis as number | undefined) ?? 0;
    const axis = rawAxis < 0 ? rawAxis + x.shape.length : rawAxis;
    const normBatch = batchDims < 0 ? batchDims + indices.shape.length : batchDims;
    return gatherBatched(x, indices, axis, normBatch, args.backend as WasmBackendLike);
  };
  (kernelFunc as { t5sqlBatched?: boolean }).t5sqlBatched = true;
  return { kernelName: 'GatherV2', backendName: 'wasm', kernelFunc, setupFunc: native.setupFunc };
}
