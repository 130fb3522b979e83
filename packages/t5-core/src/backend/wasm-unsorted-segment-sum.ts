// UnsortedSegmentSum for the wasm backend, which ships without it; the gradient of Gather (every embedding lookup)
// calls it, so without this kernel no model with an embedding can train on wasm.
import type * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig, TensorInfo, TypedArray } from '@tensorflow/tfjs-core';

/** The part of tfjs-backend-wasm's `BackendWasm` a JS kernel needs (kept structural: wasm is an optional peer). */
export interface WasmBackendLike {
  makeOutput(shape: number[], dtype: tf.DataType): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): TypedArray;
}

/**
 * `out[s, ...] = Σ x[i, ...]` over the rows `i` whose `segmentIds[i] == s`; ids outside `[0, numSegments)` are
 * dropped, as TensorFlow and the cpu backend do. `segmentIds` covers the leading dims of `x`.
 */
function unsortedSegmentSum(args: {
  inputs: { x: TensorInfo; segmentIds: TensorInfo };
  backend: unknown;
  attrs: { numSegments: number };
}): TensorInfo {
  const { x, segmentIds } = args.inputs;
  const { numSegments } = args.attrs;
  const backend = args.backend as WasmBackendLike;
  if (x.dtype !== 'float32' && x.dtype !== 'int32') {
    throw new Error(`UnsortedSegmentSum (wasm): x must be float32 or int32, found ${x.dtype}`);
  }
  const idRank = segmentIds.shape.length;
  for (let d = 0; d < idRank; d++) {
    if (segmentIds.shape[d] !== x.shape[d]) {
      throw new Error(
        `UnsortedSegmentSum (wasm): segmentIds shape [${segmentIds.shape}] must prefix x shape [${x.shape}]`,
      );
    }
  }
  const innerShape = x.shape.slice(idRank);
  const inner = innerShape.reduce((a, b) => a * b, 1);
  // Allocate first: growing the wasm heap detaches every view taken before.
  const out = backend.makeOutput([numSegments, ...innerShape], x.dtype);
  const outVals = backend.typedArrayFromHeap(out);
  const xVals = backend.typedArrayFromHeap(x);
  const ids = backend.typedArrayFromHeap(segmentIds);
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
  outVals.fill(0);
  for (let s = 0; s < numSegments; s++) {
    const slot = slotOf[s];
    if (slot < 0) continue;
    outVals.set(acc.subarray(slot * inner, (slot + 1) * inner), s * inner);
  }
  return out;
}

/** Kernel registration for `tf.registerKernel`. */
export const wasmUnsortedSegmentSumConfig: KernelConfig = {
  kernelName: 'UnsortedSegmentSum',
  backendName: 'wasm',
  kernelFunc: unsortedSegmentSum as unknown as KernelConfig['kernelFunc'],
};
