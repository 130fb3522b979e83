// The fused webgpu kernels against the taped tfjs ops they replace: T5's layer norm (forward, and the gradients of x
// and the weight) against the taped ops on webgpu, the token cross-entropy (loss and gradient) against the cpu
// backend's taped formula; to float32 rounding, with no tensor left behind.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasFusedRmsNorm, softmaxLastAxis } from '../src/backend/webgpu/register-row-kernels.js';
import { seq2seqLoss } from '../src/model/seq2seq-loss.js';
import { t5LayerNorm } from '../src/model/t5-layer-norm.js';
import { useBackend } from './support/backends.js';

/** The taped definition t5LayerNorm uses where no fused kernel exists. */
function tapedRmsNorm(x: tf.Tensor, weight: tf.Tensor1D, eps: number): tf.Tensor {
  return tf.mul(weight, tf.mul(x, tf.rsqrt(tf.add(tf.mean(tf.square(x), -1, true), eps))));
}

function maxRelativeError(got: Float32Array, want: Float32Array): number {
  let worst = 0;
  for (let i = 0; i < want.length; i++) {
    worst = Math.max(worst, Math.abs(got[i] - want[i]) / Math.max(1e-3, Math.abs(want[i])));
  }
  return worst;
}

describe('fused RMSNorm on webgpu', () => {
  beforeAll(() => useBackend('webgpu'));

  it('the kernels are registered once webgpu is active', () => {
    expect(hasFusedRmsNorm()).toBe(true);
  });

  it('forward and both gradients equal the taped ops to float32 rounding (rows not a multiple of 64, d 96)', async () => {
    const eps = 1e-6;
    const x = tf.randomNormal([3, 7, 96], 0, 2, 'float32', 1);
    const weight = tf.randomUniform([96], 0.5, 1.5, 'float32', 2) as tf.Tensor1D;
    const dy = tf.randomNormal([3, 7, 96], 0, 1, 'float32', 3);
    const before = tf.memory().numTensors;
    const fused = tf.grads((a: tf.Tensor, w: tf.Tensor) => t5LayerNorm(a, w as tf.Tensor1D, eps));
    const taped = tf.grads((a: tf.Tensor, w: tf.Tensor) => tapedRmsNorm(a, w as tf.Tensor1D, eps));
    const yFused = t5LayerNorm(x, weight, eps);
    const yTaped = tf.tidy(() => tapedRmsNorm(x, weight, eps));
    const gFused = fused([x, weight], dy);
    const gTaped = taped([x, weight], dy);
    const read = async (t: tf.Tensor) => (await t.data()) as Float32Array;
    expect(maxRelativeError(await read(yFused), await read(yTaped))).toBeLessThan(1e-5);
    expect(maxRelativeError(await read(gFused[0]), await read(gTaped[0]))).toBeLessThan(1e-4);
    expect(maxRelativeError(await read(gFused[1]), await read(gTaped[1]))).toBeLessThan(1e-4);
    expect(gFused[0].shape).toEqual(x.shape);
    expect(gFused[1].shape).toEqual([96]);
    tf.dispose([yFused, yTaped, ...gFused, ...gTaped]);
    expect(tf.memory().numTensors).toBe(before);
    const profile = await tf.profile(() => t5LayerNorm(x, weight, eps));
    (profile.result as tf.Tensor).dispose();
    // Reshapes are views; '' is customGrad's own step.
    expect(profile.kernelNames.filter((n) => n !== 'Reshape' && n !== '')).toEqual(['T5sqlRmsNorm']);
    tf.dispose([x, weight, dy]);
  });
});

describe('softmax with the fused gradient on webgpu', () => {
  beforeAll(() => useBackend('webgpu'));

  it('value and gradient equal tf.softmax and its taped gradient to float32 rounding', async () => {
    const x = tf.randomNormal([2, 3, 5, 70], 0, 3, 'float32', 4);
    const dy = tf.randomNormal([2, 3, 5, 70], 0, 1, 'float32', 5);
    const before = tf.memory().numTensors;
    const fused = tf.grad((a: tf.Tensor) => softmaxLastAxis(a))(x, dy);
    const taped = tf.grad((a: tf.Tensor) => tf.softmax(a, -1))(x, dy);
    const got = (await fused.data()) as Float32Array;
    const want = (await taped.data()) as Float32Array;
    const scale = Math.max(...Array.from(want, Math.abs));
    let worst = 0;
    for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]));
    expect(worst / scale).toBeLessThan(1e-5);
    tf.dispose([fused, taped]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, dy]);
  });
});

describe('fused cross-entropy on webgpu', () => {
  beforeAll(() => useBackend('webgpu'));

  /** Loss and gradient of the mean token cross-entropy on the active backend, read back. */
  async function lossAndGrad(logits: number[], shape: [number, number, number], labels: number[]) {
    const x = tf.tensor3d(logits, shape);
    const y = tf.tensor2d(labels, [shape[0], shape[1]], 'int32');
    const before = tf.memory().numTensors;
    const { value, grad } = tf.valueAndGrad((input: tf.Tensor) => seq2seqLoss(input as tf.Tensor3D, y))(x);
    const out = { loss: (await value.data())[0], grad: (await grad.data()) as Float32Array };
    tf.dispose([value, grad]);
    const leaked = tf.memory().numTensors - before;
    tf.dispose([x, y]);
    return { ...out, leaked };
  }

  it.each([
    ['vocab 300 (more than one stride per thread), ignored labels', [2, 5, 300], 3],
    ['vocab 100 (threads without a column), large logits', [3, 2, 100], 40],
  ] as const)(
    '%s: loss to 1e-6 and gradient to 1e-5 of the taped formula on cpu',
    async (_, shape, spread) => {
      const [batch, length, vocab] = shape;
      let state = 7;
      const next = () => {
        state = (state * 1103515245 + 12345) % 2147483648;
        return state / 2147483648;
      };
      const logits = Array.from({ length: batch * length * vocab }, () => (next() - 0.5) * spread);
      const labels = Array.from({ length: batch * length }, (_, i) =>
        i % 4 === 3 ? -100 : Math.floor(next() * vocab),
      );
      const gpu = await lossAndGrad(logits, [...shape], labels);
      await useBackend('cpu');
      const cpu = await lossAndGrad(logits, [...shape], labels);
      await useBackend('webgpu');
      expect(gpu.leaked).toBe(0);
      expect(Math.abs(gpu.loss - cpu.loss) / Math.abs(cpu.loss)).toBeLessThan(1e-6);
      let worst = 0;
      for (let i = 0; i < cpu.grad.length; i++) worst = Math.max(worst, Math.abs(gpu.grad[i] - cpu.grad[i]));
      const scale = Math.max(...Array.from(cpu.grad, Math.abs));
      expect(worst / scale).toBeLessThan(1e-5);
    },
  );
});
