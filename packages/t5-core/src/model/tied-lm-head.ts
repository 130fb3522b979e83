// The v1.0 LM head: logits = x sharedᵀ, with sharedᵀ cached between calls.
import * as tf from '@tensorflow/tfjs-core';

/**
 * Multiplies by the transposed (tied) embedding without transposing `[vocab, d_model]` on every call: on wasm a
 * transpose of t5-small's table costs ~270 ms and matMul's `transposeB` flag ~145 ms per decoding step, against
 * ~17 ms for a plain matMul with a cached `sharedᵀ`. The cache is keyed on the variable's data id, which every
 * `assign` (optimizer step, load) replaces, so it is never stale. The gradient is written out (`dx = dy shared`,
 * `dshared = dyᵀ x`) so training sees the same values as through `matMul(x, shared, false, true)`.
 * Costs one extra copy of the embedding table while the model lives.
 */
export class TiedLmHead {
  private cached: { dataId: object; transposed: tf.Tensor2D } | null = null;
  private readonly project: (x: tf.Tensor2D, shared: tf.Tensor2D) => tf.Tensor2D;

  constructor(private readonly shared: tf.Variable) {
    this.project = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
      const [x, table, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
      save([x, table]);
      return {
        value: tf.matMul(x, this.transposed()), // [rows, vocab]
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
          const [xs, ws] = saved as tf.Tensor2D[];
          const dy2 = dy as tf.Tensor2D;
          // tidy: a customGrad's gradFunc runs outside any per-node scope (dyᵀ is vocab-sized).
          return tf.tidy(() => [tf.matMul(dy2, ws), tf.matMul(tf.transpose(dy2), xs)]); // [rows, d_model], [vocab, d_model]
        },
      };
    }) as unknown as (x: tf.Tensor2D, shared: tf.Tensor2D) => tf.Tensor2D;
  }

  /** `[rows, d_model]` → logits `[rows, vocab]`. */
  apply(x: tf.Tensor2D): tf.Tensor2D {
    return this.project(x, this.shared as tf.Tensor2D);
  }

  private transposed(): tf.Tensor2D {
    if (this.cached === null || this.cached.dataId !== this.shared.dataId) {
      this.cached?.transposed.dispose();
      // Kept past the caller's tidy; disposed on the next refresh or by dispose().
      this.cached = {
        dataId: this.shared.dataId,
        transposed: tf.keep(tf.transpose(this.shared) as tf.Tensor2D),
      };
    }
    return this.cached.transposed;
  }

  dispose(): void {
    this.cached?.transposed.dispose();
    this.cached = null;
  }
}
