import * as tf from '@tensorflow/tfjs-core';
import type { Activation } from '../config/activations.js';
import type { ForwardContext } from '../contracts/index.js';
import type { LinearRegistry } from './linear-registry.js';

/**
 * T5's `DenseReluDense`: `wo(dropout(act(wi x)))`, or the gated form `wo(dropout(act(wi_0 x) * wi_1 x))`
 * (v1.1 / flan `gated-*`).
 */
export class T5FeedForward {
  constructor(
    /** HF module path, e.g. `encoder.block.0.layer.1.DenseReluDense`. */
    readonly path: string,
    private readonly linears: LinearRegistry,
    private readonly act: Activation,
    private readonly gated: boolean,
    private readonly dropoutRate: number,
  ) {}

  apply(x: tf.Tensor3D, ctx: ForwardContext): tf.Tensor3D {
    let hidden: tf.Tensor; // [batch, len, d_ff]
    if (this.gated) {
      const gate = this.act(this.linears.get(`${this.path}.wi_0`).apply(x, ctx));
      hidden = tf.mul(gate, this.linears.get(`${this.path}.wi_1`).apply(x, ctx));
    } else {
      hidden = this.act(this.linears.get(`${this.path}.wi`).apply(x, ctx));
    }
    hidden = ctx.dropout(hidden, this.dropoutRate);
    return this.linears.get(`${this.path}.wo`).apply(hidden, ctx) as tf.Tensor3D; // [batch, len, d_model]
  }
}
