// The kernels registerWasmTrainingKernels supplies, checked against the cpu backend's result (the reference):
// exact for integer data and copies, 1e-6 relative for float sums (the cpu kernel also accumulates in double
// precision), 1e-5 for matMul products (XNNPACK sums in another order than the cpu kernel).
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  WASM_TRAINING_KERNELS,
  registerTrainingGradients,
  registerWasmTrainingKernels,
} from '../src/backend/index.js';
import { useBackend } from './support/backends.js';
import { expectClose } from './support/close.js';

/** Runs `f` on a backend and returns its outputs as plain arrays with their shapes. */
async function on(
  backend: string,
  f: () => tf.Tensor | tf.Tensor[],
): Promise<{ shape: number[]; data: number[] }[]> {
  await useBackend(backend);
  return tf.tidy(() => {
    const out = f();
    return (Array.isArray(out) ? out : [out]).map((t) => ({
      shape: t.shape,
      data: Array.from(t.dataSync()),
    }));
  });
}

async function expectWasmMatchesCpu(f: () => tf.Tensor | tf.Tensor[], exact = false): Promise<void> {
  const cpu = await on('cpu', f);
  const wasm = await on('wasm', f);
  expect(wasm.map((o) => o.shape)).toEqual(cpu.map((o) => o.shape));
  wasm.forEach((o, i) => {
    if (exact) expect(o.data).toEqual(cpu[i].data);
    else expectClose(o.data, cpu[i].data, { label: `output ${i}` });
  });
}

describe('registerWasmTrainingKernels', () => {
  beforeAll(() => {
    registerTrainingGradients();
    registerWasmTrainingKernels();
  });

  it('GatherV2 with batchDims 1 (wrong in wasm 4.22 itself) equals cpu, exactly', async () => {
    const ids = () =>
      tf.tensor2d(
        [
          [2, 0, 2],
          [1, 1, 2],
        ],
        [2, 3],
        'int32',
      );
    const x = () => tf.reshape(tf.range(0, 60, 1, 'float32'), [2, 5, 3, 2]);
    await expectWasmMatchesCpu(() => [tf.gather(x(), ids(), 1, 1), tf.gather(x(), ids(), 2, 1)], true);
    // batchDims 0 still takes the native kernel.
    await expectWasmMatchesCpu(() => tf.gather(x(), tf.tensor1d([2, 2, 0], 'int32'), 1), true);
  });

  it('Transpose of large 2-D tensors (tiled in JS) equals cpu exactly; other perms stay native', async () => {
    await expectWasmMatchesCpu(
      () => [
        tf.transpose(tf.randomNormal([130, 77], 0, 1, 'float32', 4)),
        tf.transpose(tf.reshape(tf.range(0, 97 * 203, 1, 'int32'), [97, 203])),
        tf.transpose(tf.randomNormal([3, 70, 65], 0, 1, 'float32', 5), [0, 2, 1]),
        tf.transpose(tf.ones([4, 5])),
      ],
      true,
    );
  });

  it('BatchMatMul batched / transposed (split into XNNPACK calls) equals cpu within 1e-5 relative', async () => {
    const r = (shape: number[], seed: number) => tf.randomNormal(shape, 0, 1, 'float32', seed);
    const f = () => [
      tf.matMul(r([2, 3, 20, 17], 1), r([2, 3, 17, 18], 2)),
      tf.matMul(r([2, 3, 20, 17], 1), r([2, 3, 18, 17], 3), false, true),
      tf.matMul(r([2, 3, 17, 20], 4), r([2, 3, 17, 18], 2), true, false),
      tf.matMul(r([2, 3, 17, 20], 4), r([2, 3, 18, 17], 3), true, true),
      tf.matMul(r([4, 20, 17], 5), r([17, 18], 6)), // unbatched b broadcast over a's batch
      tf.matMul(r([17, 20], 7), r([17, 18], 6), true, false), // 2-D with a flag
      tf.matMul(r([2, 3, 1, 64], 8), r([2, 3, 64, 5], 9)), // too small: native loop
    ];
    const cpu = await on('cpu', f);
    const wasm = await on('wasm', f);
    expect(wasm.map((o) => o.shape)).toEqual(cpu.map((o) => o.shape));
    wasm.forEach((o, i) =>
      expectClose(o.data, cpu[i].data, { rtol: 1e-5, atol: 1e-5, label: `product ${i}` }),
    );
  });

  it('registers UnsortedSegmentSum for wasm, and is idempotent', () => {
    expect(WASM_TRAINING_KERNELS.map((k) => k.kernelName)).toEqual(['UnsortedSegmentSum']);
    expect(tf.getKernel('UnsortedSegmentSum', 'wasm')).toBeDefined();
    expect(registerWasmTrainingKernels()).toEqual([]);
  });

  it('UnsortedSegmentSum: rows summed per segment, out-of-range ids dropped', async () => {
    await expectWasmMatchesCpu(() =>
      tf.unsortedSegmentSum(
        tf.randomNormal([7, 3, 2], 0, 1, 'float32', 3),
        tf.tensor1d([2, 0, 2, 5, -1, 9, 0], 'int32'),
        6,
      ),
    );
  });

  it('UnsortedSegmentSum: int32 data is exact', async () => {
    await expectWasmMatchesCpu(
      () =>
        tf.unsortedSegmentSum(
          tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2], 'int32'),
          tf.tensor1d([1, 1, 0], 'int32'),
          3,
        ),
      true,
    );
  });

  it('UnsortedSegmentSum: matrix of segment ids over the leading dims equals the flattened sum', async () => {
    // The cpu kernel mis-broadcasts rank-2 ids, so the reference here is cpu on the flattened [6, 4] problem.
    const x = () => tf.randomNormal([2, 3, 4], 0, 1, 'float32', 5);
    const ids = [0, 3, 1, 1, 3, 3];
    const [cpu] = await on('cpu', () =>
      tf.unsortedSegmentSum(tf.reshape(x(), [6, 4]), tf.tensor1d(ids, 'int32'), 4),
    );
    const [wasm] = await on('wasm', () =>
      tf.unsortedSegmentSum(x(), tf.tensor2d(ids, [2, 3], 'int32') as unknown as tf.Tensor1D, 4),
    );
    expect(wasm.shape).toEqual([4, 4]);
    expectClose(wasm.data, cpu.data, { label: 'segment sums' });
  });

  it('UnsortedSegmentSum: a large embedding-shaped gradient', async () => {
    await expectWasmMatchesCpu(() => {
      const ids = tf.randomUniform([300], 0, 500, 'int32', 7);
      return tf.unsortedSegmentSum(tf.randomNormal([300, 64], 0, 1, 'float32', 8), ids as tf.Tensor1D, 500);
    });
  });

  it('tf.grad of an embedding gather runs on wasm and equals cpu', async () => {
    const f = () => {
      const table = tf.randomNormal([10, 4], 0, 1, 'float32', 11);
      const ids = tf.tensor2d(
        [
          [1, 3, 3],
          [9, 0, 1],
        ],
        [2, 3],
        'int32',
      );
      const w = tf.randomNormal([2, 3, 4], 0, 1, 'float32', 12);
      return tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, ids), w)))(table);
    };
    await expectWasmMatchesCpu(f);
    // Rows never looked up get exactly zero gradient.
    const [g] = await on('wasm', f);
    expect(g.data.slice(2 * 4, 3 * 4)).toEqual([0, 0, 0, 0]);
  });

  it('tf.grad of a gather along axis 1 with batchDims 1 equals cpu', async () => {
    await expectWasmMatchesCpu(() => {
      const x = tf.randomNormal([2, 5, 3], 0, 1, 'float32', 13);
      const ids = tf.tensor2d(
        [
          [4, 0, 4],
          [1, 1, 2],
        ],
        [2, 3],
        'int32',
      );
      return tf.grad((t: tf.Tensor) => tf.sum(tf.square(tf.gather(t, ids, 1, 1))))(x);
    });
  });
});
