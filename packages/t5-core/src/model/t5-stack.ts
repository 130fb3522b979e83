// The encoder and decoder stacks: embeddings in, blocks, final norm. The first block's relative position bias
// table serves every layer of its stack.
import * as tf from '@tensorflow/tfjs-core';
import type { ForwardContext } from '../contracts/index.js';
import { type PositionBiasSettings, causalMaskBias, computePositionBias } from './t5-attention.js';
import type { KeyValue, T5Block } from './t5-block.js';
import { t5LayerNorm } from './t5-layer-norm.js';

/** Hidden states as HF's `output_hidden_states` lists them: input embeddings, every block's output but the
 * last, then the final-norm output. */
export interface StackTrace {
  hiddenStates: tf.Tensor3D[];
  /** Layer 0's relative position bias without masks, `[1, heads, q_len, k_len]` (set by `forward`). */
  positionBias?: tf.Tensor4D;
}

/** Shared plumbing of both stacks. */
abstract class T5StackBase {
  constructor(
    readonly name: 'encoder' | 'decoder',
    readonly blocks: T5Block[],
    protected readonly param: (name: string) => tf.Variable,
    protected readonly eps: number,
    protected readonly dropoutRate: number,
    protected readonly biasSettings: PositionBiasSettings,
  ) {}

  protected positionBias(queryLength: number, keyLength: number, queryOffset: number): tf.Tensor4D {
    const table = this.param(`${this.name}.block.0.layer.0.SelfAttention.relative_attention_bias.weight`);
    return computePositionBias(table as tf.Tensor2D, queryLength, keyLength, queryOffset, this.biasSettings);
  }

  protected finalNorm(x: tf.Tensor3D, ctx: ForwardContext): tf.Tensor3D {
    const weight = this.param(`${this.name}.final_layer_norm.weight`) as tf.Tensor1D;
    return ctx.dropout(t5LayerNorm(x, weight, this.eps), this.dropoutRate) as tf.Tensor3D;
  }
}

/** `encoder.*`: bidirectional self-attention over the padded source. */
export class T5EncoderStack extends T5StackBase {
  /**
   * @param embeds `[batch, src_len, d_model]` token embeddings
   * @param maskBias additive padding mask `[batch, 1, 1, src_len]`
   */
  forward(embeds: tf.Tensor3D, maskBias: tf.Tensor4D, ctx: ForwardContext, trace?: StackTrace): tf.Tensor3D {
    const length = embeds.shape[1];
    const positionBias = this.positionBias(length, length, 0); // [1, heads, src, src]
    const bias = tf.add(positionBias, maskBias); // [batch, heads, src, src]
    let x = ctx.dropout(embeds, this.dropoutRate) as tf.Tensor3D;
    for (const block of this.blocks) {
      trace?.hiddenStates.push(x);
      x = block.selfAttend(x, bias, null, ctx).hidden;
      x = block.feedForwardLayer(x, ctx);
    }
    x = this.finalNorm(x, ctx);
    if (trace) {
      trace.hiddenStates.push(x);
      trace.positionBias = positionBias;
    }
    return x;
  }
}

/** `decoder.*`: causal self-attention (after an optional prefix / cache) and cross-attention. */
export class T5DecoderStack extends T5StackBase {
  /**
   * @param embeds `[batch, tgt_len, d_model]` embeddings of the new decoder tokens
   * @param cross per layer, encoder keys/values `[batch, heads, src_len, d_kv]`
   * @param crossBias additive encoder padding mask `[batch, 1, 1, src_len]`
   * @param past per layer, keys/values before these tokens (prefix and/or cache), or null; the new tokens sit at
   *   positions `past length ..` for the relative bias.
   * @returns final hidden states and each layer's self-attention keys/values including `past`.
   */
  forward(
    embeds: tf.Tensor3D,
    cross: KeyValue[],
    crossBias: tf.Tensor4D,
    past: KeyValue[] | null,
    ctx: ForwardContext,
    trace?: StackTrace,
  ): { hidden: tf.Tensor3D; selfKeyValues: KeyValue[] } {
    const length = embeds.shape[1];
    const pastLength = past === null ? 0 : past[0].key.shape[2];
    const keyLength = pastLength + length;
    const positionBias = this.positionBias(length, keyLength, pastLength); // [1, heads, tgt, past + tgt]
    const selfBias = tf.add(positionBias, causalMaskBias(length, keyLength, pastLength));
    let x = ctx.dropout(embeds, this.dropoutRate) as tf.Tensor3D;
    const selfKeyValues: KeyValue[] = [];
    this.blocks.forEach((block, i) => {
      trace?.hiddenStates.push(x);
      const attended = block.selfAttend(x, selfBias, past === null ? null : past[i], ctx);
      selfKeyValues.push(attended.kv);
      x = block.crossAttend(attended.hidden, cross[i], crossBias, ctx);
      x = block.feedForwardLayer(x, ctx);
    });
    x = this.finalNorm(x, ctx);
    if (trace) {
      trace.hiddenStates.push(x);
      trace.positionBias = positionBias;
    }
    return { hidden: x, selfKeyValues };
  }
}
