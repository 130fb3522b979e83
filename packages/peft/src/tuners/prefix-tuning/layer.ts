// PEFT's PrefixEncoder for T5, and the decoder prefix it feeds: a [P, num_layers * 2 * token_dim] table (or the
// output of its two-layer tanh MLP) laid out exactly as PEFT hands it to transformers as past_key_values.
import type { DecoderPrefix, DecoderPrefixProvider, ForwardContext } from '@t5sql/t5-core';
import * as tf from '@tensorflow/tfjs-core';
import { AdapterFileError, PeftConfigError, PeftStateError } from '../../errors.js';
import { variableFrom } from '../../variable-from.js';
import { type ResolvedPrefixTuningConfig, prefixTableWidth } from './config.js';

/** PEFT's in-memory parameter names for adapter "default". */
const NAMES = {
  embedding: 'prompt_encoder.default.embedding.weight',
  w0: 'prompt_encoder.default.transform.0.weight',
  b0: 'prompt_encoder.default.transform.0.bias',
  w2: 'prompt_encoder.default.transform.2.weight',
  b2: 'prompt_encoder.default.transform.2.bias',
} as const;

/**
 * Which rows of the `[P, 2 * num_layers, heads, d_kv]` table decoder layer `i` uses for K and V. PEFT
 * concatenates the table with itself once per transformer submodule and splits it into chunks of
 * `2 * submodules` entries, one chunk per layer, whose first two entries become the self-attention K and V:
 * K = entry (2 * submodules * i) mod 2L, V = the next one. (The cross-attention pair is discarded for T5.)
 */
export function prefixEntriesForLayer(
  layer: number,
  c: ResolvedPrefixTuningConfig,
): { key: number; value: number } {
  const rows = 2 * c.num_layers;
  const start = 2 * c.num_transformer_submodules * layer;
  return { key: start % rows, value: (start + 1) % rows };
}

/**
 * Prefix tuning's trainable state and the {@link DecoderPrefixProvider} the model reads each forward pass.
 * Without projection it is the table itself (`prompt_encoder.default.embedding.weight`); with projection an
 * embedding `[P, token_dim]` and `transform.0` / `transform.2` Linear layers.
 *
 * @example
 * ```ts
 * const encoder = new PrefixEncoder(prefixTuningConfig({ num_virtual_tokens: 20 }, model.config), model.config.num_decoder_layers, 7);
 * model.setDecoderPrefixProvider(encoder);
 * ```
 */
export class PrefixEncoder implements DecoderPrefixProvider {
  readonly prefixLength: number;
  private readonly vars = new Map<string, tf.Variable>();
  private readonly projected: boolean;

  /**
   * @param decoderLayers the model's decoder depth; PEFT's table must cover it (`num_layers >= decoderLayers`).
   * @param seed initial values: the table ~ N(0, 1) like nn.Embedding, MLP layers like nn.Linear's default.
   * @param projection false to hold the (projected) table directly, as PEFT does in inference mode.
   */
  constructor(
    readonly config: ResolvedPrefixTuningConfig,
    readonly decoderLayers: number,
    seed: number,
    projection = config.prefix_projection,
  ) {
    if (config.num_layers < decoderLayers) {
      throw new PeftConfigError(
        'PrefixTuningConfig',
        `PrefixTuningConfig: num_layers ${config.num_layers} covers fewer layers than the decoder's ${decoderLayers} ` +
          `(PEFT defaults num_layers to the encoder depth; set num_layers: ${decoderLayers})`,
        { field: 'num_layers' },
      );
    }
    this.prefixLength = config.num_virtual_tokens;
    this.projected = projection;
    const p = config.num_virtual_tokens;
    const width = prefixTableWidth(config);
    const uniform = (shape: number[], fanIn: number, s: number) =>
      variableFrom(tf.randomUniform(shape, -1 / Math.sqrt(fanIn), 1 / Math.sqrt(fanIn), 'float32', s));
    if (!projection) {
      this.vars.set(NAMES.embedding, variableFrom(tf.randomNormal([p, width], 0, 1, 'float32', seed)));
    } else {
      const h = config.encoder_hidden_size;
      this.vars.set(
        NAMES.embedding,
        variableFrom(tf.randomNormal([p, config.token_dim], 0, 1, 'float32', seed)),
      );
      this.vars.set(NAMES.w0, uniform([h, config.token_dim], config.token_dim, seed + 1));
      this.vars.set(NAMES.b0, uniform([h], config.token_dim, seed + 2));
      this.vars.set(NAMES.w2, uniform([width, h], h, seed + 3));
      this.vars.set(NAMES.b2, uniform([width], h, seed + 4));
    }
  }

  /** True when the table is produced by the MLP. */
  get usesProjection(): boolean {
    return this.projected;
  }

  /** The prefix table `[P, num_layers * 2 * token_dim]` (what PEFT saves as `prompt_embeddings`). */
  table(): tf.Tensor2D {
    return tf.tidy(() => {
      const e = this.vars.get(NAMES.embedding)!;
      if (!this.projected) return e.clone() as tf.Tensor2D;
      const hidden = tf.tanh(
        tf.add(tf.matMul(e, this.vars.get(NAMES.w0)!, false, true), this.vars.get(NAMES.b0)!),
      ); // [P, h]
      return tf.add(
        tf.matMul(hidden, this.vars.get(NAMES.w2)!, false, true),
        this.vars.get(NAMES.b2)!,
      ) as tf.Tensor2D; // [P, width]
    });
  }

  /** Replaces the table with saved values (`prompt_embeddings`); only without projection. */
  loadTable(values: Float32Array, source: string): void {
    if (this.projected)
      throw new PeftStateError(`${source}: cannot load a prefix table into a projected PrefixEncoder`);
    const e = this.vars.get(NAMES.embedding)!;
    if (values.length !== e.size) {
      throw new AdapterFileError(
        source,
        `${source}: "prompt_embeddings" expected shape [${e.shape}] (${e.size} values), found ${values.length}`,
        { key: 'prompt_embeddings' },
      );
    }
    tf.tidy(() => e.assign(tf.tensor2d(values, e.shape as [number, number])));
  }

  prefix(batchSize: number, _ctx: ForwardContext): DecoderPrefix {
    const c = this.config;
    const heads = c.num_attention_heads;
    const dKv = c.token_dim / heads;
    return tf.tidy(() => {
      const view = tf.reshape(this.table(), [this.prefixLength, 2 * c.num_layers, heads, dKv]); // [P, 2L, heads, d_kv]
      const entry = (index: number) => {
        const one = tf.squeeze(tf.slice(view, [0, index, 0, 0], [-1, 1, -1, -1]), [1]); // [P, heads, d_kv]
        const perHead = tf.expandDims(tf.transpose(one, [1, 0, 2]), 0); // [1, heads, P, d_kv]
        return tf.tile(perHead, [batchSize, 1, 1, 1]) as tf.Tensor4D; // [batch, heads, P, d_kv]
      };
      const keys: tf.Tensor4D[] = [];
      const values: tf.Tensor4D[] = [];
      for (let i = 0; i < this.decoderLayers; i++) {
        const { key, value } = prefixEntriesForLayer(i, c);
        keys.push(entry(key));
        values.push(entry(value));
      }
      return { keys, values } as unknown as tf.TensorContainer;
    }) as unknown as DecoderPrefix;
  }

  variables(): Map<string, tf.Variable> {
    return new Map(this.vars);
  }

  dispose(): void {
    for (const v of this.vars.values()) v.dispose();
    this.vars.clear();
  }
}
