// The seams between a seq2seq model and the code that drives it: generation and training code against these
// types, the T5 model and @t5sql/peft's PeftModel implement them.
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

/** A supervised batch as the trainer feeds it. `labels` use -100 where no loss is taken. */
export interface Seq2SeqBatch {
  inputIds: TokenIds;
  attentionMask?: TokenIds;
  labels: TokenIds;
  /** Defaults to `labels` shifted right with the decoder start token (HF semantics). */
  decoderInputIds?: TokenIds;
}

/** Options of a model's `forward`: dropout on or off, and the seed of its masks. */
export interface ForwardOptions {
  /** Enables dropout. Default false. */
  training?: boolean;
  /** Seed for this call's dropout masks; the trainer derives one per step from the run seed. */
  seed?: number;
}

/** What `forward` returns: logits, and the loss when labels were given. */
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
