// The incremental-decoding seam generation drives: encode once, then decode step by step against a KV cache.
import type * as tf from '@tensorflow/tfjs-core';

/** Cached keys/values of one decoder layer during incremental decoding. */
export interface DecoderLayerCache {
  /** Self-attention keys/values so far, prefix included: `[batch, heads, pastLength, d_kv]`. */
  selfKey: tf.Tensor4D;
  selfValue: tf.Tensor4D;
  /** Cross-attention keys/values, computed once from the encoder output: `[batch, heads, srcLength, d_kv]`. */
  crossKey: tf.Tensor4D;
  crossValue: tf.Tensor4D;
}

/** Every decoder layer's cache, and how many decoder tokens it holds. */
export interface DecoderCache {
  layers: DecoderLayerCache[];
  /** Decoder tokens already consumed (prefix tokens not counted); the next token sits at this position. */
  length: number;
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
