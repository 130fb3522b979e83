// The model's extension seams that @t5sql/peft plugs into: projections it wraps or replaces, and the decoder prefix
// of prefix tuning. The seq2seq seams (batches, TrainableSeq2Seq, IncrementalSeq2Seq) live in ../contracts/.
import type * as tf from '@tensorflow/tfjs-core';
import type { ForwardContext } from '../contracts/seq2seq.js';

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
  /**
   * Optional: the effective weight in HF's `[out, in]` layout (a new tensor the caller disposes). Saving a full
   * checkpoint and quantizing a layer need it; a layer without it can only be saved as an adapter.
   */
  hfWeight?(): tf.Tensor2D;
  /**
   * Optional: adds an `[out, in]` delta to the effective weight, for a layer whose weight is not a plain float32
   * variable (an NF4 layer dequantizes, adds and quantizes again). LoRA's `merge` / `unmerge` use it.
   */
  addDelta?(delta: tf.Tensor2D): Promise<void>;
  /**
   * Optional: how many weights the layer keeps quantized outside tfjs variables (4-bit packed codes), counted at
   * their unpacked size. Absent for float32 layers. PEFT's parameter counts add it to the total.
   */
  readonly quantizedParameters?: number;
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
