// T5's multi-head attention: no 1/sqrt(d) scaling, additive position bias (relative buckets + mask).
import * as tf from '@tensorflow/tfjs-core';
import { softmaxLastAxis } from '../backend/webgpu/register-row-kernels.js';
import type { ForwardContext } from '../contracts/index.js';
import type { LinearRegistry } from './linear-registry.js';
import { relativePositionBuckets } from './relative-position-bucket.js';

/** Shape settings shared by every attention layer. */
export interface AttentionDims {
  numHeads: number;
  dKv: number;
  dropoutRate: number;
}

/**
 * One T5 attention module (`SelfAttention` or `EncDecAttention`) addressed by its HF module path; its q/k/v/o
 * projections live in the {@link LinearRegistry} under `<path>.q` etc.
 */
export class T5Attention {
  constructor(
    /** HF module path, e.g. `decoder.block.0.layer.1.EncDecAttention`. */
    readonly path: string,
    private readonly linears: LinearRegistry,
    private readonly dims: AttentionDims,
  ) {}

  /** Projects `x` `[batch, len, d_model]` with `q`, `k` or `v` and splits heads: `[batch, heads, len, d_kv]`. */
  projectHeads(x: tf.Tensor3D, which: 'q' | 'k' | 'v', ctx: ForwardContext): tf.Tensor4D {
    const [batch, length] = x.shape;
    const projected = this.linears.get(`${this.path}.${which}`).apply(x, ctx); // [batch, len, heads * d_kv]
    const split = tf.reshape(projected, [batch, length, this.dims.numHeads, this.dims.dKv]); // [batch, len, heads, d_kv]
    return tf.transpose(split, [0, 2, 1, 3]) as tf.Tensor4D; // [batch, heads, len, d_kv]
  }

  /**
   * softmax(q kᵀ + bias) v, then the output projection. `bias` broadcasts to `[batch, heads, q_len, k_len]`
   * and already holds the masks (large negative where attention is not allowed).
   */
  attend(q: tf.Tensor4D, k: tf.Tensor4D, v: tf.Tensor4D, bias: tf.Tensor, ctx: ForwardContext): tf.Tensor3D {
    const [batch, , queryLength] = q.shape;
    const scores = tf.add(tf.matMul(q, k, false, true), bias); // [batch, heads, q_len, k_len]
    const weights = ctx.dropout(softmaxLastAxis(scores), this.dims.dropoutRate); // webgpu: a fused gradient
    const context = tf.matMul(weights, v); // [batch, heads, q_len, d_kv]
    const merged = tf.reshape(tf.transpose(context, [0, 2, 1, 3]), [
      batch,
      queryLength,
      this.dims.numHeads * this.dims.dKv,
    ]); // [batch, q_len, heads * d_kv]
    return this.linears.get(`${this.path}.o`).apply(merged, ctx) as tf.Tensor3D; // [batch, q_len, d_model]
  }
}

/** Settings of the relative position bias table owned by the first layer of a stack. */
export interface PositionBiasSettings {
  numBuckets: number;
  maxDistance: number;
  bidirectional: boolean;
}

/**
 * The relative position bias `[1, heads, q_len, k_len]` for queries at absolute positions
 * `queryOffset ..` against keys at `0 .. k_len - 1`, from the `[num_buckets, heads]` table.
 */
export function computePositionBias(
  table: tf.Tensor2D,
  queryLength: number,
  keyLength: number,
  queryOffset: number,
  settings: PositionBiasSettings,
): tf.Tensor4D {
  return tf.tidy(() => {
    const heads = table.shape[1];
    const buckets = relativePositionBuckets(
      queryLength,
      keyLength,
      queryOffset,
      settings.bidirectional,
      settings.numBuckets,
      settings.maxDistance,
    );
    const values = tf.gather(table, tf.tensor1d(buckets, 'int32')); // [q_len * k_len, heads]
    const grid = tf.reshape(values, [queryLength, keyLength, heads]); // [q_len, k_len, heads]
    return tf.expandDims(tf.transpose(grid, [2, 0, 1]), 0) as tf.Tensor4D; // [1, heads, q_len, k_len]
  });
}

/** The most negative float32, HF's additive mask value (`torch.finfo(float32).min`). */
export const MASK_VALUE = -3.4028234663852886e38;

/** Encoder padding mask `[batch, src_len]` (1 = attend) → additive `[batch, 1, 1, src_len]`. */
export function paddingMaskBias(attentionMask: tf.Tensor2D): tf.Tensor4D {
  return tf.tidy(() => {
    const [batch, length] = attentionMask.shape;
    const blocked = tf.sub(1, tf.cast(attentionMask, 'float32'));
    return tf.reshape(tf.mul(blocked, MASK_VALUE), [batch, 1, 1, length]) as tf.Tensor4D; // [batch, 1, 1, src_len]
  });
}

/**
 * Causal mask for queries at absolute positions `queryOffset + i` over keys `0 .. keyLength - 1`: key j is
 * visible when `j <= queryOffset + i` (prefix and past tokens always are). `[1, 1, q_len, k_len]`.
 */
export function causalMaskBias(queryLength: number, keyLength: number, queryOffset: number): tf.Tensor4D {
  const values = new Float32Array(queryLength * keyLength);
  for (let i = 0; i < queryLength; i++) {
    for (let j = queryOffset + i + 1; j < keyLength; j++) values[i * keyLength + j] = MASK_VALUE;
  }
  return tf.tensor4d(values, [1, 1, queryLength, keyLength]);
}
