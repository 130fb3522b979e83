// UnsortedSegmentSum for the wasm backend, which ships without it (the gradient of Gather, i.e. of every embedding
// lookup, calls it), and a fast one for the cpu backend, whose own kernel is O(numSegments · size).
import type * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig, TensorInfo, TypedArray } from '@tensorflow/tfjs-core';
import { ShapeError } from '../errors/t5-core-error.js';

/** The part of tfjs-backend-wasm's `BackendWasm` a JS kernel needs (kept structural: wasm is an optional peer). */
export interface WasmBackendLike {
  makeOutput(shape: number[], dtype: tf.DataType): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): TypedArray;
}

/** Output shape, checking that `segmentIds` covers the leading dims of `x`. */
function outputShape(x: TensorInfo, segmentIds: TensorInfo, numSegments: number, where: string): number[] {
  if (x.dtype !== 'float32' && x.dtype !== 'int32') {
    throw new ShapeError(`UnsortedSegmentSum (${where}): x must be float32 or int32, found ${x.dtype}`);
  }
  for (let d = 0; d < segmentIds.shape.length; d++) {
    if (segmentIds.shape[d] !== x.shape[d]) {
      throw new ShapeError(
        `UnsortedSegmentSum (${where}): segmentIds shape [${segmentIds.shape}] must prefix x shape [${x.shape}]`,
      );
    }
  }
  return [numSegments, ...x.shape.slice(segmentIds.shape.length)];
}

/**
 * `out[s, ...] = Σ x[i, ...]` over the rows `i` whose `ids[i] == s`; ids outside `[0, numSegments)` are dropped,
 * as TensorFlow does. One pass over x: O(rows · inner), where tfjs-backend-cpu's kernel is O(numSegments · size).
 */
export function segmentSumInto(
  out: TypedArray,
  xVals: TypedArray,
  ids: TypedArray,
  numSegments: number,
): void {
  const inner = ids.length === 0 ? 0 : xVals.length / ids.length;
  // Accumulate each touched segment in float64, then round once, like the cpu kernel's double-precision sums;
  // scratch holds only the segments present (≤ rows), not the whole [numSegments, inner] output.
  const slotOf = new Int32Array(numSegments).fill(-1);
  let slots = 0;
  for (let i = 0; i < ids.length; i++) {
    const s = ids[i];
    if (s >= 0 && s < numSegments && slotOf[s] < 0) slotOf[s] = slots++;
  }
  const acc = new Float64Array(slots * inner);
  for (let i = 0; i < ids.length; i++) {
    const s = ids[i];
    if (!(s >= 0 && s < numSegments)) continue;
    const dst = slotOf[s] * inner;
    const src = i * inner;
    for (let j = 0; j < inner; j++) acc[dst + j] += xVals[src + j];
  }
  out.fill(0);
  for (let s = 0; s < numSegments; s++) {
    const slot = slotOf[s];
    if (slot < 0) continue;
    out.set(acc.subarray(slot * inner, (slot + 1) * inner), s * inner);
  }
}

type Args = {
  inputs: { x: TensorInfo; segmentIds: TensorInfo };
  backend: unknown;
  attrs: { numSegments: number };
};

/** wasm: output allocated on the wasm heap, inputs read as views of it (no copies). */
function unsortedSegmentSumWasm(args: Args): TensorInfo {
  const { x, segmentIds } = args.inputs;
  const { numSegments } = args.attrs;
  const backend = args.backend as WasmBackendLike;
  const shape = outputShape(x, segmentIds, numSegments, 'wasm');
  // Allocate first: growing the wasm heap detaches every view taken before.
  const out = backend.makeOutput(shape, x.dtype);
  segmentSumInto(
    backend.typedArrayFromHeap(out),
    backend.typedArrayFromHeap(x),
    backend.typedArrayFromHeap(segmentIds),
    numSegments,
  );
  return out;
}

/** The part of tfjs-backend-cpu's `MathBackendCPU` a JS kernel needs. */
export interface CpuBackendLike {
  readSync(dataId: object): unknown;
  makeTensorInfo(shape: number[], dtype: tf.DataType, values?: TypedArray): TensorInfo;
}

/** cpu: same algorithm over the cpu backend's arrays. */
function unsortedSegmentSumCpu(args: Args): TensorInfo {
  const { x, segmentIds } = args.inputs;
  const { numSegments } = args.attrs;
  const backend = args.backend as CpuBackendLike;
  const shape = outputShape(x, segmentIds, numSegments, 'cpu');
  const size = shape.reduce((a, b) => a * b, 1);
  const out = x.dtype === 'int32' ? new Int32Array(size) : new Float32Array(size);
  segmentSumInto(
    out,
    backend.readSync(x.dataId) as TypedArray,
    backend.readSync(segmentIds.dataId) as TypedArray,
    numSegments,
  );
  return backend.makeTensorInfo(shape, x.dtype, out);
}

/** Kernel registration for `tf.registerKernel`. */
export const wasmUnsortedSegmentSumConfig: KernelConfig = {
  kernelName: 'UnsortedSegmentSum',
  backendName: 'wasm',
  kernelFunc: unsortedSegmentSumWasm as unknown as KernelConfig['kernelFunc'],
};

/**
 * Replacement for tfjs-backend-cpu's UnsortedSegmentSum, which runs a masked sum per segment — 32k passes over
 * the gradient for a T5 vocabulary, minutes per step — and mis-broadcasts rank ≥ 2 segment ids.
 */
export const cpuUnsortedSegmentSumConfig: KernelConfig = {
  kernelName: 'UnsortedSegmentSum',
  backendName: 'cpu',
  kernelFunc: unsortedSegmentSumCpu as unknown as KernelConfig['kernelFunc'],
};
