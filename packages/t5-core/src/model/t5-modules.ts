// Build, step 2: the module tree over the variables, in HF's order: shared embedding, encoder stack, decoder stack
// (with the decoder prefix a prefix method installs), LM head.
import * as tf from '@tensorflow/tfjs-core';
import { getActivation } from '../config/activations.js';
import type { T5Config } from '../config/t5-config.js';
import type { ForwardContext } from '../contracts/index.js';
import { ModelUsageError, ShapeError } from '../errors/t5-core-error.js';
import type { DecoderPrefixProvider } from './contracts.js';
import { createT5Variables } from './create-t5-variables.js';
import type { LinearRegistry } from './linear-registry.js';
import { type KeyValue, T5Block } from './t5-block.js';
import { T5DecoderStack, T5EncoderStack } from './t5-stack.js';
import { TiedLmHead } from './tied-lm-head.js';

/**
 * The modules of one `T5ForConditionalGeneration`, built from initial weights (see {@link createT5Variables}).
 * `T5ForConditionalGeneration` runs them through `t5Forward` and the cached-decoding functions.
 */
export class T5Modules {
  /** Every projection by HF module path; `setLinear` swaps entries. */
  readonly linears: LinearRegistry;
  /** Non-linear parameters (embedding, norms, bias tables) by HF name. */
  readonly params: Map<string, tf.Variable>;
  readonly encoder: T5EncoderStack;
  readonly decoder: T5DecoderStack;
  /** v1.0's head over `shared` (null when `lm_head` is untied). */
  readonly tiedHead: TiedLmHead | null;
  /** Supplies keys/values prepended to every decoder self-attention (prefix tuning), or null. */
  prefixProvider: DecoderPrefixProvider | null = null;

  constructor(
    readonly config: T5Config,
    weights: Map<string, tf.Tensor>,
  ) {
    const c = config;
    const act = getActivation(c.dense_act_fn);
    const { linears, params } = createT5Variables(c, weights);
    this.linears = linears;
    this.params = params;
    this.tiedHead = c.tie_word_embeddings ? new TiedLmHead(params.get('shared.weight')!) : null;
    const param = (name: string) => {
      const v = params.get(name);
      if (v === undefined) throw new ModelUsageError(`T5ForConditionalGeneration: no parameter "${name}"`);
      return v;
    };
    const settings = {
      numHeads: c.num_heads,
      dKv: c.d_kv,
      dropoutRate: c.dropout_rate,
      act,
      gated: c.is_gated_act,
      eps: c.layer_norm_epsilon,
    };
    const blocks = (stack: 'encoder' | 'decoder', depth: number) =>
      Array.from(
        { length: depth },
        (_, i) => new T5Block(`${stack}.block.${i}`, stack === 'decoder', linears, param, settings),
      );
    const bias = {
      numBuckets: c.relative_attention_num_buckets,
      maxDistance: c.relative_attention_max_distance,
    };
    this.encoder = new T5EncoderStack(
      'encoder',
      blocks('encoder', c.num_layers),
      param,
      c.layer_norm_epsilon,
      c.dropout_rate,
      { ...bias, bidirectional: true },
    );
    this.decoder = new T5DecoderStack(
      'decoder',
      blocks('decoder', c.num_decoder_layers),
      param,
      c.layer_norm_epsilon,
      c.dropout_rate,
      { ...bias, bidirectional: false },
    );
  }

  /** Token ids `[batch, len]` → embeddings `[batch, len, d_model]` (the `shared` table). */
  embed(ids: tf.Tensor2D): tf.Tensor3D {
    return tf.gather(this.params.get('shared.weight')!, ids) as tf.Tensor3D; // [batch, len, d_model]
  }

  /**
   * Decoder output → logits. v1.0 scales by `d_model^-0.5` (`scale_decoder_outputs`); a tied head multiplies by
   * `shared`ᵀ, an untied one goes through `lm_head`.
   */
  lmHead(hidden: tf.Tensor3D, ctx: ForwardContext): tf.Tensor3D {
    const [batch, length, dModel] = hidden.shape;
    const scaled = this.config.scale_decoder_outputs ? tf.mul(hidden, dModel ** -0.5) : hidden;
    if (!this.config.tie_word_embeddings)
      return this.linears.get('lm_head').apply(scaled, ctx) as tf.Tensor3D;
    const flat = tf.reshape(scaled, [-1, dModel]) as tf.Tensor2D; // [batch * len, d_model]
    const logits = this.tiedHead!.apply(flat); // [batch * len, vocab]
    return tf.reshape(logits, [batch, length, this.config.vocab_size]) as tf.Tensor3D; // [batch, len, vocab]
  }

  /** The decoder prefix as per-layer past keys/values `[batch, heads, prefix, d_kv]`, or null without a provider. */
  prefixPast(batchSize: number, ctx: ForwardContext): KeyValue[] | null {
    if (this.prefixProvider === null) return null;
    const { keys, values } = this.prefixProvider.prefix(batchSize, ctx);
    const depth = this.config.num_decoder_layers;
    if (keys.length !== depth || values.length !== depth) {
      throw new ShapeError(
        `decoder prefix: expected ${depth} key and value tensors, found ${keys.length} / ${values.length}`,
      );
    }
    const expected = [batchSize, this.config.num_heads, this.prefixProvider.prefixLength, this.config.d_kv];
    for (const t of [...keys, ...values]) {
      if (t.shape.some((d, i) => d !== expected[i])) {
        throw new ShapeError(
          `decoder prefix: expected [${expected}] (batch, heads, prefix, d_kv), found [${t.shape}]`,
        );
      }
    }
    return keys.map((key, i) => ({ key, value: values[i] }));
  }

  /** Frees every variable, swapped-in layers included. */
  dispose(): void {
    for (const [, layer] of this.linears.entries()) layer.dispose();
    for (const variable of this.params.values()) variable.dispose();
    this.tiedHead?.dispose();
  }
}
