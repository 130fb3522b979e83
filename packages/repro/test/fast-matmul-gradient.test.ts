// The explicit-transpose matmul gradient must equal the standard chain rule for every transpose combination and
// for broadcast batch dimensions. Reference: the same gradient computed on the cpu backend with t5-core's own
// BatchMatMul gradient; tolerance 1e-5 (float32 sums in a different order).
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { selectBackend } from '@t5sql/t5-core';
import { describe, expect, it } from 'vitest';
import { registerFastMatMulGradient } from '../src/index.js';

function grads(tA: boolean, tB: boolean, aShape: number[], bShape: number[]): number[][] {
  return tf.tidy(() => {
    const a = tf.randomNormal(aShape, 0, 1, 'float32', 1);
    const b = tf.randomNormal(bShape, 0, 1, 'float32', 2);
    const g = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.square(tf.matMul(x, y, tA, tB))));
    return g([a, b]).map((t) => Array.from(t.dataSync()));
  });
}

const CASES: Array<[boolean, boolean, number[], number[]]> = [
  [false, false, [3, 4], [4, 5]],
  [true, false, [4, 3], [4, 5]],
  [false, true, [3, 4], [5, 4]],
  [true, true, [4, 3], [5, 4]],
  [false, false, [2, 3, 4], [4, 5]], // [b, s, d] x [d, f]: the weight's gradient sums over the batch
  [false, true, [2, 2, 3, 4], [2, 2, 5, 4]], // attention scores q k^T
];

describe('registerFastMatMulGradient', () => {
  it('leaves the gradient alone on the cpu backend', async () => {
    await selectBackend({ prefer: 'cpu', quiet: true });
    expect(registerFastMatMulGradient()).toBe(false);
  });
  it('gives the standard matmul gradient on wasm', async () => {
    await selectBackend({ prefer: 'cpu', quiet: true });
    const expected = CASES.map(([tA, tB, a, b]) => grads(tA, tB, a, b));
    await selectBackend({ prefer: 'wasm', quiet: true });
    expect(registerFastMatMulGradient()).toBe(true);
    CASES.forEach(([tA, tB, a, b], i) => {
      const got = grads(tA, tB, a, b);
      got.forEach((g, j) => {
        expect(g.length).toBe(expected[i][j].length);
        g.forEach((v, k) =>
          expect(Math.abs(v - expected[i][j][k])).toBeLessThan(1e-5 * Math.max(1, Math.abs(v))),
        );
      });
    });
  });
});
