// Gradients of element-wise binary kernels; broadcast inputs get their gradient summed back to their shape.
import * as tf from '@tensorflow/tfjs-core';
import type { GradConfig } from '@tensorflow/tfjs-core';
import { reduceToShape } from './reduce-to-shape.js';

type Pair = (dy: tf.Tensor, a: tf.Tensor, b: tf.Tensor, y: tf.Tensor) => [tf.Tensor, tf.Tensor];

function binary(kernelName: string, f: Pair, saveOutput = false): GradConfig {
  return {
    kernelName,
    inputsToSave: ['a', 'b'],
    outputsToSave: saveOutput ? [true] : undefined,
    gradFunc: (dy, saved) => {
      const [a, b, y] = saved;
      return {
        a: () => reduceToShape(f(dy as tf.Tensor, a, b, y)[0], a.shape),
        b: () => reduceToShape(f(dy as tf.Tensor, a, b, y)[1], b.shape),
      };
    },
  };
}

/** Kernels with a boolean or integer result: no gradient flows, but one on the tape must not break backprop. */
function zeroPair(kernelName: string): GradConfig {
  return binary(kernelName, (dy, a, b) => [tf.zerosLike(a), tf.zerosLike(b)]);
}

// Already-float32 inputs skip the Cast kernel (a copy on wasm; most inputs here are float32).
const float = (t: tf.Tensor): tf.Tensor => (t.dtype === 'float32' ? t : tf.cast(t, 'float32'));

/** Add, Sub, Multiply, RealDiv, Pow, Maximum, Minimum, SquaredDifference, AddN, plus comparison kernels. */
export const BINARY_GRADS: GradConfig[] = [
  binary('Add', (dy) => [dy, dy]),
  binary('Sub', (dy) => [dy, tf.neg(dy)]),
  binary('Multiply', (dy, a, b) => [tf.mul(dy, float(b)), tf.mul(dy, float(a))]),
  // d(a/b) = da/b - a db/b²
  binary('RealDiv', (dy, a, b) => [
    tf.div(dy, float(b)),
    tf.neg(tf.div(tf.mul(dy, float(a)), tf.square(float(b)))),
  ]),
  // d(a^b)/da = b a^(b-1); d(a^b)/db = a^b ln a, taken as 0 where a <= 0 (as TensorFlow does).
  binary(
    'Pow',
    (dy, a, b, y) => {
      const da = tf.mul(dy, tf.mul(float(b), tf.pow(float(a), tf.sub(float(b), 1))));
      const logA = tf.where(tf.greater(a, 0), tf.log(float(a)), tf.zerosLike(float(a)));
      return [da, tf.mul(dy, tf.mul(y, logA))];
    },
    true,
  ),
  // Ties send the whole gradient to `a` (TensorFlow.js convention).
  binary('Maximum', (dy, a, b) => [
    tf.mul(dy, float(tf.greaterEqual(a, b))),
    tf.mul(dy, float(tf.less(a, b))),
  ]),
  binary('Minimum', (dy, a, b) => [
    tf.mul(dy, float(tf.lessEqual(a, b))),
    tf.mul(dy, float(tf.greater(a, b))),
  ]),
  binary('SquaredDifference', (dy, a, b) => {
    const g = tf.mul(dy, tf.mul(2, tf.sub(a, b)));
    return [g, tf.neg(g)];
  }),
  {
    kernelName: 'AddN',
    saveAllInputs: true,
    gradFunc: (dy, saved) => Object.fromEntries(saved.map((_, i) => [i, () => tf.clone(dy as tf.Tensor)])),
  },
  ...['Greater', 'GreaterEqual', 'Less', 'LessEqual', 'Equal', 'NotEqual', 'LogicalAnd', 'LogicalOr'].map(
    zeroPair,
  ),
];
