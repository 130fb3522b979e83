// The seams between the T5 model, generation, training and @t5sql/peft.
// Every other module codes against these types, so the model can change inside without breaking its users.
import type * as tf from '@tensorflow/tfjs-core';

/** Token ids as users pass them: plain nested arrays or an int32 tensor, both `[batch, length]`. */
export type TokenIds = number[][] | tf.Tensor2D;

/** Per-call state a layer may need: whether dropout is active, and where its randomness comes from. */
export interface ForwardContext {
  readonly training: boolean;
  /**
   * Dropout that draws its mask from the run's seed (never `Math.random()`); identity when not training
   * or when `rate` is 0.
   */
  dropout(x: tf.Tensor, rate: number): tf.Tensor;
}

/**
 * A linear projection `y = x W`, the unit @t5sql/peft wraps (LoRA) or replaces (NF4).
 * Hugging Face stores `W` as `[out, in]`; an implementation may keep any layout, but `variables()` reports
 * each tensor under its HF state-dict suffix so checkpoints and adapters keep HF names.
 */
export interface LinearLayer {
  readonly inFeatures: number;
  readonly outFeatures: number;
  /** `[..., inFeatures]` → `[..., outFeatures]` */
  apply(x: tf.Tensor, ctx: ForwardContext): tf.Tensor;
  /** Every variable this layer owns keyed by HF suffix (`weight`, `lora_A.default.weight`, ...). */
  variables(): Map<string, tf.Variable>;
  dispose(): void;
}

/** Keys and values a prefix method prepends to each decoder self-attention layer. */
export interface DecoderPrefix {
  /** One per decoder layer, each `[batch, heads, prefixLength, d_kv]`. */
  keys: tf.Tensor4D[];
  values: tf.Tensor4D[];
}

/** Supplies the decoder prefix for a batch; set by prefix tuning through `setDecoderPrefixProvider`. */
export interface DecoderPrefixProvider {
  readonly prefixLength: number;
  prefix(batchSize: number, ctx: ForwardContext): DecoderPrefix;
  /** The provider's own trainable variables, keyed by their PEFT state-dict names. */
  variables(): Map<string, tf.Variable>;
}

/** Cached keys/values of one decoder layer during incremental decoding. */
export interface DecoderLayerCache {
  /** Self-attention keys/values so far, prefix included: `[batch, heads, pastLength, d_kv]`. */
  selfKey: tf.Tensor4D;
  selfValue: tf.Tensor4D;
  /** Cross-attention keys/values, computed once from the encoder output: `[batch, heads, srcLength, d_kv]`. */
  crossKey: tf.Tensor4D;
  crossValue: tf.Tensor4D;
}

export interface DecoderCache {
  layers: DecoderLayerCache[];
  /** Decoder tokens already consumed (prefix tokens not counted); the next token sits at this position. */
  length: number;
}

/** A supervised batch as the trainer feeds it. `labels` use -100 where no loss is taken. */
export interface Seq2SeqBatch {
  inputIds: TokenIds;
  attentionMask?: TokenIds;
  labels: TokenIds;
  /** Defaults to `labels` shifted right with the decoder start token (HF semantics). */
  decoderInputIds?: TokenIds;
}

export interface ForwardOptions {
  /** Enables dropout. Default false. */
  training?: boolean;
  /** Seed for this call's dropout masks; the trainer derives one per step from the run seed. */
  seed?: number;
}

export interface Seq2SeqOutput {
  /** `[batch, targetLength, vocab]` */
  logits: tf.Tensor3D;
  /** Mean cross-entropy over labels that are not -100; present when labels were given. */
  loss?: tf.Scalar;
}

/**
 * What the trainer needs from a model: a loss, and the variables to update under stable names.
 * `T5ForConditionalGeneration` and `PeftModel` both implement it.
 */
export interface TrainableSeq2Seq {
  forward(
    batch: Seq2SeqBatch | (Omit<Seq2SeqBatch, 'labels'> & { labels?: TokenIds }),
    options?: ForwardOptions,
  ): Seq2SeqOutput;
  /** Variables the optimizer updates, keyed by state-dict name (HF or PEFT naming). */
  namedTrainableVariables(): Map<string, tf.Variable>;
  /** Writes whatever a checkpoint of this model needs into `dir` (full weights, or only an adapter). */
  saveTrainable(dir: string): Promise<void>;
}

/**
 * The incremental-decoding surface generation uses. The encoder runs once; `decodeStep` consumes new decoder
 * tokens against a cache.
 *
 * Memory contract: `decodeStep` returns a cache whose `selfKey`/`selfValue` are new tensors and whose
 * `crossKey`/`crossValue` are the same tensor objects as in the cache passed in (computed once by
 * `initDecoderCache`). The caller disposes the old self-attention tensors after each step and the cross tensors
 * when generation ends.
 */
export interface IncrementalSeq2Seq {
  readonly decoderStartTokenId: number;
  readonly eosTokenId: number;
  readonly padTokenId: number;
  readonly vocabSize: number;
  /** Encoder last hidden state, `[batch, srcLength, d_model]`. */
  encode(inputIds: tf.Tensor2D, attentionMask: tf.Tensor2D): tf.Tensor3D;
  /** Cross-attention keys/values from the encoder output; self-attention starts empty (or with the decoder prefix). */
  initDecoderCache(encoderHiddenStates: tf.Tensor3D): DecoderCache;
  /** `decoderInputIds`: `[batch, newLength]` → logits `[batch, newLength, vocab]` and the extended cache. */
  decodeStep(
    decoderInputIds: tf.Tensor2D,
    cache: DecoderCache,
    encoderAttentionMask: tf.Tensor2D,
  ): { logits: tf.Tensor3D; cache: DecoderCache };
}
