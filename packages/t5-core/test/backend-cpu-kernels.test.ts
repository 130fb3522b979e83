// The cpu UnsortedSegmentSum replacement against tfjs-backend-cpu's own kernel (the reference): 1e-6 for float
// sums (both accumulate in double precision), exact for int32; and the speed-up it exists for.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerCpuTrainingKernels, registerTrainingGradients } from '../src/backend/index.js';
import { useBackend } from './support/backends.js';
import { expectClose } from './support/close.js';

const cases: [string, () => tf.Tensor][] = [
  [
    'float rows, out-of-range ids dropped',
    () =>
      tf.unsortedSegmentSum(
        tf.randomNormal([7, 3, 2], 0, 1, 'float32', 3),
        tf.tensor1d([2, 0, 2, 5, -1, 9, 0], 'int32'),
        6,
      ),
  ],
  [
    'int32',
    () =>
      tf.unsortedSegmentSum(
        tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2], 'int32'),
        tf.tensor1d([1, 1, 0], 'int32'),
        3,
      ),
  ],
  [
    'embedding gradient through tf.grad(gather)',
    () => {
      const ids = tf.tensor2d(
        [
          [1, 3, 3],
          [9, 0, 1],
        ],
        [2, 3],
        'int32',
      );
      const w = tf.randomNormal([2, 3, 4], 0, 1, 'float32', 12);
      return tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, ids), w)))(
        tf.randomNormal([10, 4], 0, 1, 'float32', 11),
      );
    },
  ],
];

describe('registerCpuTrainingKernels', () => {
  const reference = new Map<string, { shape: number[]; data: number[] }>();
  beforeAll(async () => {
    await useBackend('cpu');
    registerTrainingGradients();
    for (const [name, f] of cases) {
      tf.tidy(() => {
        const t = f();
        reference.set(name, { shape: t.shape, data: Array.from(t.dataSync()) });
      });
    }
    expect(registerCpuTrainingKernels()).toEqual(['UnsortedSegmentSum']);
  });

  for (const [name, f] of cases) {
    it(`${name}: equals tfjs-backend-cpu's kernel`, () => {
      tf.tidy(() => {
        const t = f();
        const ref = reference.get(name)!;
        expect(t.shape).toEqual(ref.shape);
        if (t.dtype === 'int32') expect(Array.from(t.dataSync())).toEqual(ref.data);
        else expectClose(t.dataSync(), ref.data, { label: name });
      });
    });
  }

  it('is idempotent', () => {
    expect(registerCpuTrainingKernels()).toEqual([]);
  });
});
