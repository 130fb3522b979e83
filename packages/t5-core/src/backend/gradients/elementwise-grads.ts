// Gradients of element-wise unary kernels.
import * as tf from '@tensorflow/tfjs-core';
import type { GradConfig, NamedAttrMap } from '@tensorflow/tfjs-core';

// Already-float32 inputs skip the Cast kernel (a copy on wasm).
const asFloat = (t: tf.Tensor): tf.Tensor => (t.dtype === 'float32' ? t : tf.cast(t, 'float32'));

type Unary = (dy: tf.Tensor, x: tf.Tensor, attrs: NamedAttrMap) => tf.Tensor;

/** A gradient that reads the kernel's input `x`. */
function fromInput(kernelName: string, f: Unary): GradConfig {
  return {
    kernelName,
    inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs) => ({ x: () => f(dy as tf.Tensor, saved[0], attrs) }),
  };
}

/** A gradient that reads the kernel's output `y` (cheaper when the derivative is a function of y). */
function fromOutput(kernelName: string, f: (dy: tf.Tensor, y: tf.Tensor) => tf.Tensor): GradConfig {
  return {
    kernelName,
    outputsToSave: [true],
    gradFunc: (dy, saved) => ({ x: () => f(dy as tf.Tensor, saved[0]) }),
  };
}

/** Piecewise-constant kernels: derivative zero almost everywhere. */
function zero(kernelName: string): GradConfig {
  return fromInput(kernelName, (dy) => tf.zerosLike(dy));
}

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/** Unary kernels: d/dx written out, each `dy * f'(x)`. */
export const ELEMENTWISE_GRADS: GradConfig[] = [
  fromInput('Abs', (dy, x) => tf.mul(dy, tf.sign(asFloat(x)))),
  fromInput('Erf', (dy, x) => tf.mul(dy, tf.mul(TWO_OVER_SQRT_PI, tf.exp(tf.neg(tf.square(x)))))),
  fromOutput('Exp', (dy, y) => tf.mul(dy, y)),
  fromInput('Expm1', (dy, x) => tf.mul(dy, tf.exp(x))),
  fromInput('Log', (dy, x) => tf.div(dy, asFloat(x))),
  fromInput('Log1p', (dy, x) => tf.div(dy, tf.add(x, 1))),
  fromInput('Neg', (dy) => tf.neg(dy)),
  fromInput('Relu', (dy, x) => tf.mul(dy, tf.step(asFloat(x)))),
  fromInput('Relu6', (dy, x) =>
    tf.mul(dy, tf.cast(tf.logicalAnd(tf.greater(x, 0), tf.less(x, 6)), 'float32')),
  ),
  fromInput('LeakyRelu', (dy, x, attrs) =>
    tf.mul(dy, tf.where(tf.greater(x, 0), tf.onesLike(x), tf.fill(x.shape, attrs.alpha as number))),
  ),
  // d/dx x^-1/2 = -1/2 x^-3/2
  fromInput('Rsqrt', (dy, x) => tf.div(dy, tf.mul(-2, tf.mul(x, tf.sqrt(x))))),
  fromInput('Sqrt', (dy, x) => tf.div(dy, tf.mul(2, tf.sqrt(asFloat(x))))),
  fromInput('Square', (dy, x) => tf.mul(dy, tf.mul(2, asFloat(x)))),
  fromOutput('Tanh', (dy, y) => tf.mul(dy, tf.sub(1, tf.square(y)))),
  fromOutput('Sigmoid', (dy, y) => tf.mul(dy, tf.mul(y, tf.sub(1, y)))),
  fromInput('Softplus', (dy, x) => tf.mul(dy, tf.sigmoid(x))),
  fromInput('Reciprocal', (dy, x) => tf.div(tf.neg(dy), tf.square(x))),
  fromInput('Sin', (dy, x) => tf.mul(dy, tf.cos(x))),
  fromInput('Cos', (dy, x) => tf.mul(dy, tf.neg(tf.sin(x)))),
  fromInput('ClipByValue', (dy, x, attrs) => {
    const inside = tf.logicalAnd(
      tf.greaterEqual(x, attrs.clipValueMin as number),
      tf.lessEqual(x, attrs.clipValueMax as number),
    );
    return tf.where(inside, dy, tf.zerosLike(dy));
  }),
  // Cast and Identity pass the gradient through unchanged (a float gradient for a float input).
  fromInput('Cast', (dy) => tf.clone(dy)),
  fromInput('Identity', (dy) => tf.clone(dy)),
  ...[
    'Step',
    'Sign',
    'Floor',
    'Ceil',
    'Round',
    'ZerosLike',
    'OnesLike',
    'IsNan',
    'IsFinite',
    'LogicalNot',
  ].map(zero),
];
