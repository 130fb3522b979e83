// Cached decoding (the IncrementalSeq2Seq seam generation drives): encode once, compute every decoder layer's
// cross-attention keys/values once, then feed new decoder tokens against the growing self-attention cache.
import * as tf from '@tensorflow/tfjs-core';
import type { DecoderCache } from '../contracts/index.js';
import { toIdTensor } from '../contracts/token-ids.js';
import { createForwardContext } from './forward-context.js';
import { paddingMaskBias } from './t5-attention.js';
import type { KeyValue } from './t5-block.js';
import type { T5Modules } from './t5-modules.js';

/** Encoder last hidden state `[batch, src_len, d_model]` (eval mode). */
export function t5Encode(modules: T5Modules, inputIds: tf.Tensor2D, attentionMask: tf.Tensor2D): tf.Tensor3D {
  const ctx = createForwardContext(false, 0);
  return tf.tidy(() => {
    const ids = toIdTensor(inputIds, 'inputIds'); // [batch, src_len]
    return modules.encoder.forward(
      modules.embed(ids),
      paddingMaskBias(toIdTensor(attentionMask, 'attentionMask')), // [batch, 1, 1, src_len]
      ctx,
    );
  });
}

/**
 * Cross-attention keys/values of every decoder layer, computed once; self-attention starts empty, or with the
 * decoder prefix when a provider is set (the cache then owns copies of the prefix tensors).
 */
export function t5InitDecoderCache(modules: T5Modules, encoderHiddenStates: tf.Tensor3D): DecoderCache {
  const { config } = modules;
  const ctx = createForwardContext(false, 0);
  const batchSize = encoderHiddenStates.shape[0];
  const layers = tf.tidy(() => {
    const past = modules.prefixPast(batchSize, ctx);
    return modules.decoder.blocks.map((block, i) => {
      const cross = block.crossKeyValue(encoderHiddenStates, ctx); // [batch, heads, src_len, d_kv] each
      const empty = tf.zeros([batchSize, config.num_heads, 0, config.d_kv]) as tf.Tensor4D; // [batch, heads, 0, d_kv]
      return {
        selfKey: past === null ? empty : (tf.clone(past[i].key) as tf.Tensor4D),
        selfValue:
          past === null ? (tf.clone(empty) as tf.Tensor4D) : (tf.clone(past[i].value) as tf.Tensor4D),
        crossKey: cross.key,
        crossValue: cross.value,
      };
    });
  });
  return { layers, length: 0 };
}

/**
 * Runs `decoderInputIds` `[batch, new_len]` after the cached tokens: they sit at positions
 * `prefix + cache.length ..` for the relative bias and attend causally to the prefix, the cache and each other.
 * The returned cache has new self-attention tensors and the same cross-attention tensors.
 */
export function t5DecodeStep(
  modules: T5Modules,
  decoderInputIds: tf.Tensor2D,
  cache: DecoderCache,
  encoderAttentionMask: tf.Tensor2D,
): { logits: tf.Tensor3D; cache: DecoderCache } {
  const ctx = createForwardContext(false, 0);
  const { logits, selfKeyValues } = tf.tidy(() => {
    const ids = toIdTensor(decoderInputIds, 'decoderInputIds'); // [batch, new_len]
    const pastLength = cache.layers[0]?.selfKey.shape[2] ?? 0;
    const past = pastLength === 0 ? null : cache.layers.map((l) => ({ key: l.selfKey, value: l.selfValue }));
    const cross = cache.layers.map((l) => ({ key: l.crossKey, value: l.crossValue }));
    const maskBias = paddingMaskBias(toIdTensor(encoderAttentionMask, 'encoderAttentionMask')); // [batch, 1, 1, src_len]
    const result = modules.decoder.forward(modules.embed(ids), cross, maskBias, past, ctx);
    return { logits: modules.lmHead(result.hidden, ctx), selfKeyValues: result.selfKeyValues }; // logits [batch, new_len, vocab]
  }) as { logits: tf.Tensor3D; selfKeyValues: KeyValue[] };
  return {
    logits,
    cache: {
      layers: cache.layers.map((l, i) => ({
        selfKey: selfKeyValues[i].key,
        selfValue: selfKeyValues[i].value,
        crossKey: l.crossKey,
        crossValue: l.crossValue,
      })),
      length: cache.length + decoderInputIds.shape[1],
    },
  };
}
