// Our registered gradients against tfjs-core 4.22's own gradient configs (the reference), on every test backend.
// Tolerance: 1e-6 relative + 1e-6 absolute (same float32 math, possibly different operation order).
import * as tf from '@tensorflow/tfjs-core';
import type { GradConfig } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { TRAINING_GRADIENTS, registerWasmTrainingKernels } from '../src/backend/index.js';
import { TEST_BACKENDS, useBackend } from './support/backends.js';
import { expectClose } from './support/close.js';
import { loadOfficialGradients, withGradients } from './support/official-gradients.js';

type Case = { name: string; f: (...xs: tf.Tensor[]) => tf.Scalar; xs: () => tf.Tensor[] };

let seed = 1;
const rnd = (shape: number[]) => tf.randomNormal(shape, 0, 1, 'float32', seed++);
const pos = (shape: number[]) => tf.add(tf.abs(rnd(shape)), 0.5);
// A weighted sum so every element's gradient differs (plain sum makes many gradients identical).
const wsum = (t: tf.Tensor): tf.Scalar => tf.sum(tf.mul(t, tf.randomNormal(t.shape, 0, 1, 'float32', 999)));

const CASES: Case[] = [
  { name: 'Abs', f: (x) => wsum(tf.abs(x)), xs: () => [rnd([3, 4])] },
  { name: 'Erf', f: (x) => wsum(tf.erf(x)), xs: () => [rnd([3, 4])] },
  { name: 'Exp', f: (x) => wsum(tf.exp(x)), xs: () => [rnd([3, 4])] },
  { name: 'Expm1', f: (x) => wsum(tf.expm1(x)), xs: () => [rnd([3, 4])] },
  { name: 'Log', f: (x) => wsum(tf.log(x)), xs: () => [pos([3, 4])] },
  { name: 'Log1p', f: (x) => wsum(tf.log1p(x)), xs: () => [pos([3, 4])] },
  { name: 'Neg', f: (x) => wsum(tf.neg(x)), xs: () => [rnd([3, 4])] },
  { name: 'Relu', f: (x) => wsum(tf.relu(x)), xs: () => [rnd([3, 4])] },
  { name: 'Relu6', f: (x) => wsum(tf.relu6(tf.mul(x, 4))), xs: () => [rnd([3, 4])] },
  { name: 'LeakyRelu', f: (x) => wsum(tf.leakyRelu(x, 0.1)), xs: () => [rnd([3, 4])] },
  { name: 'Rsqrt', f: (x) => wsum(tf.rsqrt(x)), xs: () => [pos([3, 4])] },
  { name: 'Sqrt', f: (x) => wsum(tf.sqrt(x)), xs: () => [pos([3, 4])] },
  { name: 'Square', f: (x) => wsum(tf.square(x)), xs: () => [rnd([3, 4])] },
  { name: 'Tanh', f: (x) => wsum(tf.tanh(x)), xs: () => [rnd([3, 4])] },
  { name: 'Sigmoid', f: (x) => wsum(tf.sigmoid(x)), xs: () => [rnd([3, 4])] },
  { name: 'Softplus', f: (x) => wsum(tf.softplus(x)), xs: () => [rnd([3, 4])] },
  { name: 'Reciprocal', f: (x) => wsum(tf.reciprocal(x)), xs: () => [pos([3, 4])] },
  { name: 'Sin', f: (x) => wsum(tf.sin(x)), xs: () => [rnd([3, 4])] },
  { name: 'Cos', f: (x) => wsum(tf.cos(x)), xs: () => [rnd([3, 4])] },
  { name: 'ClipByValue', f: (x) => wsum(tf.clipByValue(x, -0.5, 0.7)), xs: () => [rnd([3, 4])] },
  { name: 'Cast', f: (x) => wsum(tf.cast(x, 'float32')), xs: () => [rnd([3, 4])] },
  {
    name: 'Step/Sign/Floor',
    f: (x) => wsum(tf.add(tf.mul(tf.sign(x), x), tf.floor(x))),
    xs: () => [rnd([3, 4])],
  },
  { name: 'Add (broadcast)', f: (a, b) => wsum(tf.add(a, b)), xs: () => [rnd([2, 3, 4]), rnd([3, 1])] },
  { name: 'Sub (broadcast)', f: (a, b) => wsum(tf.sub(a, b)), xs: () => [rnd([2, 3, 4]), rnd([4])] },
  {
    name: 'Multiply (broadcast)',
    f: (a, b) => wsum(tf.mul(a, b)),
    xs: () => [rnd([2, 3, 4]), rnd([1, 3, 1])],
  },
  { name: 'RealDiv (broadcast)', f: (a, b) => wsum(tf.div(a, b)), xs: () => [rnd([2, 3, 4]), pos([4])] },
  { name: 'Pow', f: (a, b) => wsum(tf.pow(a, b)), xs: () => [pos([3, 4]), rnd([3, 4])] },
  { name: 'Pow (scalar exponent)', f: (a) => wsum(tf.pow(a, 3)), xs: () => [rnd([3, 4])] },
  { name: 'Maximum', f: (a, b) => wsum(tf.maximum(a, b)), xs: () => [rnd([3, 4]), rnd([3, 4])] },
  { name: 'Minimum', f: (a, b) => wsum(tf.minimum(a, b)), xs: () => [rnd([3, 4]), rnd([3, 4])] },
  {
    name: 'SquaredDifference',
    f: (a, b) => wsum(tf.squaredDifference(a, b)),
    xs: () => [rnd([3, 4]), rnd([3, 4])],
  },
  { name: 'AddN', f: (a, b) => wsum(tf.addN([a, b, a])), xs: () => [rnd([3, 4]), rnd([3, 4])] },
  { name: 'Sum', f: (x) => wsum(tf.sum(x, [0, 2])), xs: () => [rnd([2, 3, 4])] },
  { name: 'Sum (keepDims)', f: (x) => wsum(tf.sum(x, -1, true)), xs: () => [rnd([2, 3, 4])] },
  { name: 'Mean', f: (x) => wsum(tf.mean(x, -1)), xs: () => [rnd([2, 3, 4])] },
  { name: 'Mean (all)', f: (x) => tf.mean(tf.square(x)), xs: () => [rnd([2, 3, 4])] },
  { name: 'Max', f: (x) => wsum(tf.max(x, -1)), xs: () => [rnd([2, 3, 4])] },
  { name: 'Min', f: (x) => wsum(tf.min(x, 1, true)), xs: () => [rnd([2, 3, 4])] },
  {
    name: 'Reshape/ExpandDims',
    f: (x) => wsum(tf.expandDims(tf.reshape(x, [6, 4]), 1)),
    xs: () => [rnd([2, 3, 4])],
  },
  { name: 'Transpose', f: (x) => wsum(tf.transpose(x, [2, 0, 1])), xs: () => [rnd([2, 3, 4])] },
  { name: 'Tile', f: (x) => wsum(tf.tile(x, [2, 1, 3])), xs: () => [rnd([2, 3, 4])] },
  {
    name: 'PadV2',
    f: (x) =>
      wsum(
        tf.pad(
          x,
          [
            [0, 1],
            [2, 0],
            [1, 1],
          ],
          0.5,
        ),
      ),
    xs: () => [rnd([2, 3, 4])],
  },
  { name: 'Concat', f: (a, b) => wsum(tf.concat([a, b, a], -1)), xs: () => [rnd([2, 3]), rnd([2, 5])] },
  { name: 'Slice', f: (x) => wsum(tf.slice(x, [0, 1, 1], [-1, 2, 2])), xs: () => [rnd([2, 3, 4])] },
  { name: 'Pack', f: (a, b) => wsum(tf.stack([a, b], 1)), xs: () => [rnd([2, 3]), rnd([2, 3])] },
  { name: 'Unpack', f: (x) => wsum(tf.unstack(x, 1)[2]), xs: () => [rnd([2, 3, 4])] },
  { name: 'SplitV', f: (x) => wsum(tf.split(x, [1, 3], 2)[1]), xs: () => [rnd([2, 3, 4])] },
  { name: 'BroadcastTo', f: (x) => wsum(tf.broadcastTo(x, [2, 3, 4])), xs: () => [rnd([3, 1])] },
  { name: 'Reverse', f: (x) => wsum(tf.reverse(x, [1])), xs: () => [rnd([2, 3, 4])] },
  {
    name: 'Select',
    f: (a, b) => wsum(tf.where(tf.tile(tf.tensor2d([[1, 0, 1, 0]], [1, 4], 'bool'), [3, 1]), a, b)),
    xs: () => [rnd([3, 4]), rnd([3, 4])],
  },
  { name: 'BatchMatMul', f: (a, b) => wsum(tf.matMul(a, b)), xs: () => [rnd([2, 3, 4]), rnd([2, 4, 5])] },
  {
    name: 'BatchMatMul tB',
    f: (a, b) => wsum(tf.matMul(a, b, false, true)),
    xs: () => [rnd([2, 3, 4]), rnd([2, 5, 4])],
  },
  {
    name: 'BatchMatMul tA',
    f: (a, b) => wsum(tf.matMul(a, b, true, false)),
    xs: () => [rnd([2, 4, 3]), rnd([2, 4, 5])],
  },
  {
    name: 'BatchMatMul tAtB',
    f: (a, b) => wsum(tf.matMul(a, b, true, true)),
    xs: () => [rnd([4, 3]), rnd([5, 4])],
  },
  {
    name: 'BatchMatMul 4d',
    f: (a, b) => wsum(tf.matMul(a, b)),
    xs: () => [rnd([2, 2, 3, 4]), rnd([2, 2, 4, 3])],
  },
  {
    name: 'GatherV2 (embedding)',
    f: (e) =>
      wsum(
        tf.gather(
          e,
          tf.tensor2d(
            [
              [1, 0, 4],
              [4, 4, 2],
            ],
            [2, 3],
            'int32',
          ),
        ),
      ),
    xs: () => [rnd([6, 3])],
  },
  {
    name: 'GatherV2 axis 1',
    f: (e) => wsum(tf.gather(e, tf.tensor1d([2, 0, 2], 'int32'), 1)),
    xs: () => [rnd([2, 3, 4])],
  },
  {
    name: 'GatherV2 batchDims 1',
    f: (e) =>
      wsum(
        tf.gather(
          e,
          tf.tensor2d(
            [
              [2, 0],
              [1, 1],
            ],
            [2, 2],
            'int32',
          ),
          1,
          1,
        ),
      ),
    xs: () => [rnd([2, 3, 4])],
  },
  { name: 'Softmax', f: (x) => wsum(tf.softmax(x)), xs: () => [rnd([2, 3, 5])] },
  { name: 'LogSoftmax', f: (x) => wsum(tf.logSoftmax(x)), xs: () => [rnd([2, 3, 5])] },
  {
    name: 'T5 layer norm + gelu_new',
    f: (x, w) => {
      const v = tf.mean(tf.square(x), -1, true);
      const h = tf.mul(w, tf.mul(x, tf.rsqrt(tf.add(v, 1e-6))));
      const inner = tf.mul(Math.sqrt(2 / Math.PI), tf.add(h, tf.mul(0.044715, tf.pow(h, 3))));
      return wsum(tf.mul(0.5, tf.mul(h, tf.add(1, tf.tanh(inner)))));
    },
    xs: () => [rnd([2, 3, 8]), rnd([8])],
  },
];

describe('registered training gradients', () => {
  let official: Map<string, GradConfig>;
  beforeAll(async () => {
    official = await loadOfficialGradients();
    registerWasmTrainingKernels();
  });

  it('covers every kernel it claims, once', () => {
    const names = TRAINING_GRADIENTS.map((g) => g.kernelName);
    expect(new Set(names).size).toBe(names.length);
  });

  for (const backend of TEST_BACKENDS) {
    describe(backend, () => {
      beforeAll(() => useBackend(backend));
      for (const c of CASES) {
        it(`${c.name} matches tfjs-core's gradient`, () => {
          const run = () =>
            tf.tidy(() =>
              tf
                .grads(c.f)(c.xs())
                .map((g) => Array.from(g.dataSync())),
            );
          const mine = withGradients(TRAINING_GRADIENTS, () => {
            seed = 1;
            return run();
          });
          const ref = withGradients(official.values(), () => {
            seed = 1;
            return run();
          });
          mine.forEach((g, i) => expectClose(g, ref[i], { label: `${c.name} d/dx${i}` }));
        });
      }

      it('BatchMatMul with a broadcast weight sums the batch (tfjs-core gets this wrong)', () => {
        withGradients(TRAINING_GRADIENTS, () => {
          const [a, b] = [rnd([2, 3, 4]), rnd([4, 5])];
          const [, db] = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.matMul(x, y)))([a, b]);
          const expected = tf.sum(tf.matMul(a, tf.ones([2, 3, 5]), true, false), 0);
          expect(db.shape).toEqual([4, 5]);
          expectClose(db.dataSync(), expected.dataSync(), { label: 'db' });
        });
      });

      it('comparison kernels on the tape pass zero instead of failing', () => {
        withGradients(TRAINING_GRADIENTS, () => {
          const x = tf.tensor1d([-1, 2, 3]);
          const g = tf.grad((v: tf.Tensor) => tf.sum(tf.where(tf.greater(v, 0), v, tf.zerosLike(v))))(x);
          expect(Array.from(g.dataSync())).toEqual([0, 1, 1]);
        });
      });
    });
  }
});
