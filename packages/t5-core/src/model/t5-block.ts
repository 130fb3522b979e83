// One T5 block: pre-norm self-attention, (decoder only) cross-attention, feed-forward; each with a residual.
import * as tf from '@tensorflow/tfjs-core';
import type { Activation } from '../config/activations.js';
import type { ForwardContext } from '../contracts/index.js';
import type { LinearRegistry } from './linear-registry.js';
import { type AttentionDims, T5Attention } from './t5-attention.js';
import { T5FeedForward } from './t5-feed-forward.js';
import { t5LayerNorm } from './t5-layer-norm.js';

/** What a block needs besides its projections. */
export interface BlockSettings extends AttentionDims {
  act: Activation;
  gated: boolean;
  eps: number;
}

/** Keys/values of one attention, `[batch, heads, len, d_kv]` each. */
// A type alias (not an interface) so it fits tf.tidy's TensorContainer.
export type KeyValue = {
  key: tf.Tensor4D;
  value: tf.Tensor4D;
};

/** `encoder.block.<i>` or `decoder.block.<i>`, with HF's sub-layer numbering. */
export class T5Block {
  readonly selfAttention: T5Attention;
  readonly crossAttention: T5Attention | null;
  readonly feedForward: T5FeedForward;
  private readonly ffLayer: number;

  constructor(
    readonly path: string,
    readonly isDecoder: boolean,
    linears: LinearRegistry,
    private readonly norm: (name: string) => tf.Variable,
    private readonly settings: BlockSettings,
  ) {
    this.selfAttention = new T5Attention(`${path}.layer.0.SelfAttention`, linears, settings);
    this.crossAttention = isDecoder
      ? new T5Attention(`${path}.layer.1.EncDecAttention`, linears, settings)
      : null;
    this.ffLayer = isDecoder ? 2 : 1;
    this.feedForward = new T5FeedForward(
      `${path}.layer.${this.ffLayer}.DenseReluDense`,
      linears,
      settings.act,
      settings.gated,
      settings.dropoutRate,
    );
  }

  private layerNorm(x: tf.Tensor3D, layer: number): tf.Tensor3D {
    const weight = this.norm(`${this.path}.layer.${layer}.layer_norm.weight`) as tf.Tensor1D;
    return t5LayerNorm(x, weight, this.settings.eps) as tf.Tensor3D;
  }

  /** `x + dropout(sublayer(x))`, HF's residual around every sub-layer. */
  private residual(x: tf.Tensor3D, update: tf.Tensor3D, ctx: ForwardContext): tf.Tensor3D {
    return tf.add(x, ctx.dropout(update, this.settings.dropoutRate));
  }

  /**
   * Self-attention sub-layer. `past` (decoder cache or prefix) is prepended to this step's keys/values; the
   * returned keys/values include it. `bias`: `[batch|1, heads, q_len, past + q_len]`.
   */
  selfAttend(
    x: tf.Tensor3D,
    bias: tf.Tensor,
    past: KeyValue | null,
    ctx: ForwardContext,
  ): { hidden: tf.Tensor3D; kv: KeyValue } {
    const normed = this.layerNorm(x, 0);
    const q = this.selfAttention.projectHeads(normed, 'q', ctx);
    let key = this.selfAttention.projectHeads(normed, 'k', ctx); // [batch, heads, q_len, d_kv]
    let value = this.selfAttention.projectHeads(normed, 'v', ctx);
    if (past !== null) {
      key = tf.concat([past.key, key], 2); // [batch, heads, past + q_len, d_kv]
      value = tf.concat([past.value, value], 2);
    }
    const attended = this.selfAttention.attend(q, key, value, bias, ctx);
    return { hidden: this.residual(x, attended, ctx), kv: { key, value } };
  }

  /** Cross-attention keys/values from the encoder output (computed once per sequence). */
  crossKeyValue(encoderHidden: tf.Tensor3D, ctx: ForwardContext): KeyValue {
    const attention = this.crossAttention!;
    return {
      key: attention.projectHeads(encoderHidden, 'k', ctx),
      value: attention.projectHeads(encoderHidden, 'v', ctx),
    };
  }

  /** Cross-attention sub-layer over precomputed encoder keys/values; `bias` holds the encoder padding mask. */
  crossAttend(x: tf.Tensor3D, cross: KeyValue, bias: tf.Tensor, ctx: ForwardContext): tf.Tensor3D {
    const attention = this.crossAttention!;
    const q = attention.projectHeads(this.layerNorm(x, 1), 'q', ctx);
    return this.residual(x, attention.attend(q, cross.key, cross.value, bias, ctx), ctx);
  }

  /** Feed-forward sub-layer. */
  feedForwardLayer(x: tf.Tensor3D, ctx: ForwardContext): tf.Tensor3D {
    return this.residual(x, this.feedForward.apply(this.layerNorm(x, this.ffLayer), ctx), ctx);
  }
}
