// x W for the projections, with a hand-written gradient that never asks for transposed matMul operands.
import * as tf from '@tensorflow/tfjs-core';

/**
 * `x @ w` for 2-D `x` `[rows, in]` and `w` `[in, out]`. Its gradient, `dy @ wᵀ` and `xᵀ @ dy`, transposes
 * explicitly and then multiplies: tfjs-backend-wasm 4.22's matMul with `transposeA` / `transposeB` set is 8-30x
 * slower than a transpose plus a plain matMul (measured [256, 512] x [256, 4096]: 2162 ms vs 68 ms), and the
 * weight gradients of every projection would otherwise hit that path. Same values as the generic gradient.
 */
export const projectMatMul: (x: tf.Tensor2D, w: tf.Tensor2D) => tf.Tensor2D = tf.customGrad(
  (...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [x, w, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
    save([x, w]);
    return {
      value: tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ws] = saved as tf.Tensor2D[];
        // tidy: tfjs runs a customGrad's gradFunc outside any per-node scope, so without it the transposes
        // (a copy of every weight) would stay alive until the whole backward pass ends.
        return tf.tidy(() => [
          tf.matMul(dy as tf.Tensor2D, tf.transpose(ws)),
          tf.matMul(tf.transpose(xs), dy as tf.Tensor2D),
        ]);
      },
    };
  },
) as unknown as (x: tf.Tensor2D, w: tf.Tensor2D) => tf.Tensor2D;
