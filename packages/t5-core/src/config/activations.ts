// Hugging Face's ACT2FN table on tfjs: each name means exactly what it means in transformers/activations.py.
import * as tf from '@tensorflow/tfjs-core';
import { T5ConfigError } from '../errors/t5-core-error.js';

/** An elementwise activation. */
export type Activation = (x: tf.Tensor) => tf.Tensor;

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/** Exact GELU: `x/2 (1 + erf(x / sqrt 2))` (torch's default `F.gelu`). */
const geluErf: Activation = (x) => tf.mul(tf.mul(x, 0.5), tf.add(1, tf.erf(tf.mul(x, Math.SQRT1_2))));

/** Tanh approximation `x/2 (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))` (gelu_new, gelu_pytorch_tanh, ...). */
const geluTanh: Activation = (x) =>
  tf.mul(
    tf.mul(x, 0.5),
    tf.add(1, tf.tanh(tf.mul(SQRT_2_OVER_PI, tf.add(x, tf.mul(0.044715, tf.pow(x, 3)))))),
  );

// biome-ignore lint/suspicious/noApproximativeNumericConstant: transformers' literal, kept for parity
const LAPLACE_MU = 0.707107;

const silu: Activation = (x) => tf.mul(x, tf.sigmoid(x));

const ACTIVATIONS: Record<string, Activation> = {
  gelu: geluErf,
  gelu_python: geluErf,
  gelu_10: (x) => tf.clipByValue(geluErf(x), -10, 10),
  gelu_new: geluTanh,
  gelu_accurate: geluTanh,
  gelu_pytorch_tanh: geluTanh,
  gelu_python_tanh: geluTanh,
  // FastGELU writes the same polynomial with the constant rounded: x * 0.7978845608 * (1 + 0.044715 x^2).
  gelu_fast: (x) =>
    tf.mul(
      tf.mul(x, 0.5),
      tf.add(1, tf.tanh(tf.mul(tf.mul(x, 0.7978845608), tf.add(1, tf.mul(0.044715, tf.square(x)))))),
    ),
  quick_gelu: (x) => tf.mul(x, tf.sigmoid(tf.mul(x, 1.702))),
  relu: (x) => tf.relu(x),
  relu2: (x) => tf.square(tf.relu(x)),
  relu6: (x) => tf.relu6(x),
  leaky_relu: (x) => tf.leakyRelu(x, 0.01), // nn.LeakyReLU's default slope
  hardswish: (x) => tf.div(tf.mul(x, tf.relu6(tf.add(x, 3))), 6),
  silu,
  swish: silu,
  mish: (x) => tf.mul(x, tf.tanh(tf.softplus(x))),
  sqrtsoftplus: (x) => tf.sqrt(tf.softplus(x)),
  // MEGA's Laplace attention function with transformers' fixed mu / sigma (mu is 0.707107 as written there,
  // not exactly sqrt(1/2)).
  laplace: (x) => tf.mul(0.5, tf.add(1, tf.erf(tf.div(tf.sub(x, LAPLACE_MU), 0.282095 * Math.SQRT2)))),
  linear: (x) => x,
  sigmoid: (x) => tf.sigmoid(x),
  tanh: (x) => tf.tanh(x),
};

/** ACT2FN names this library implements. */
export const ACTIVATION_NAMES: readonly string[] = Object.keys(ACTIVATIONS);

/**
 * The activation HF's `ACT2FN[name]` builds: `"gelu"` is the exact erf GELU, `"gelu_new"` the tanh
 * approximation, `"swish"` = `"silu"`, ...
 *
 * @example
 * ```ts
 * const act = getActivation(config.dense_act_fn);
 * const y = act(x);
 * ```
 */
export function getActivation(name: string): Activation {
  const act = ACTIVATIONS[name];
  if (act === undefined) {
    throw new T5ConfigError(
      `activation "${name}" is not an ACT2FN name this library supports (${ACTIVATION_NAMES.join(', ')})`,
    );
  }
  return act;
}
