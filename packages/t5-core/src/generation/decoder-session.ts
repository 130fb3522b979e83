// Runs an IncrementalSeq2Seq step by step for generation: encodes once, keeps the decoder KV cache, reorders the
// self-attention cache when beams move, and disposes every tensor it created.
import * as tf from '@tensorflow/tfjs-core';
import { readTensorData } from '../backend/device-health.js';
import type { DecoderCache, IncrementalSeq2Seq } from '../contracts/index.js';
import { GenerationError } from '../errors/t5-core-error.js';

/**
 * The model side of one generation call. Rows are `batch × expand`, example-major. Call {@link dispose} when done
 * (generateSequences does).
 */
export class DecoderSession {
  /** Rows the decoder runs on: batch × expansion (beams or returned samples). */
  readonly rows: number;
  private readonly encoderOut: tf.Tensor3D;
  private readonly mask: tf.Tensor2D;
  private cache: DecoderCache | null = null;

  /**
   * @param model the seq2seq model
   * @param inputIds `[batch, srcLength]` int32 (not disposed here)
   * @param attentionMask `[batch, srcLength]` int32 (not disposed here)
   * @param expand each row is repeated this many times in place (HF `repeat_interleave`): rows b*expand .. are
   *   copies of example b, so beams of one example sit next to each other
   * @param useCache false re-runs the whole decoder prefix every step (fresh cache each time)
   */
  constructor(
    private readonly model: IncrementalSeq2Seq,
    inputIds: tf.Tensor2D,
    attentionMask: tf.Tensor2D,
    expand: number,
    private readonly useCache: boolean,
  ) {
    const batch = inputIds.shape[0];
    this.rows = batch * expand;
    const encoded = model.encode(inputIds, attentionMask);
    if (expand === 1) {
      this.encoderOut = encoded;
      this.mask = tf.clone(attentionMask);
    } else {
      // Encoding once and repeating the output is the same as HF encoding the repeated input.
      const index = tf.tensor1d(
        Array.from({ length: this.rows }, (_, r) => Math.floor(r / expand)),
        'int32',
      );
      this.encoderOut = tf.gather(encoded, index, 0); // [batch * expand, srcLength, d_model]
      this.mask = tf.gather(attentionMask, index, 0); // [batch * expand, srcLength]
      index.dispose();
      encoded.dispose();
    }
  }

  /**
   * Logits of the next token for every row, given each row's full decoder prefix (`[rows][curLen]`, all rows the
   * same length), read back to the host. With the cache only the new tokens are fed; without it the whole prefix.
   */
  async nextLogits(prefixes: number[][]): Promise<Float32Array[]> {
    if (prefixes[0].length === 0) throw new GenerationError('generate: empty decoder prefix');
    const fed = this.useCache && this.cache !== null ? this.cache.length : 0;
    const width = prefixes[0].length - fed;
    const ids = tf.tensor2d(
      prefixes.flatMap((p) => p.slice(fed)),
      [this.rows, width],
      'int32',
    );
    const last = this.step(ids);
    ids.dispose();
    const data = (await readTensorData(last)) as Float32Array;
    last.dispose();
    const vocab = last.shape[1];
    return Array.from({ length: this.rows }, (_, r) => data.slice(r * vocab, (r + 1) * vocab));
  }

  /**
   * Logits of the next token for every row, kept on the device. `columns` are the decoder prefix so far as
   * `[rows, 1]` int32 tensors, one per position; with the cache only the columns not yet fed are fed (usually the
   * last one, so every step has the same shapes and reuses the same GPU programs). The caller owns `columns`.
   *
   * @returns `[rows, vocab]` float32
   */
  nextLogitsOnDevice(columns: readonly tf.Tensor2D[]): tf.Tensor2D {
    const fed = this.useCache && this.cache !== null ? this.cache.length : 0;
    const fresh = columns.slice(fed);
    if (fresh.length === 0) throw new GenerationError('generate: no new decoder token to feed');
    if (fresh.length === 1) return this.step(fresh[0]);
    const ids = tf.concat(fresh, 1) as tf.Tensor2D; // [rows, new tokens]
    const logits = this.step(ids);
    ids.dispose();
    return logits;
  }

  /** Moves the cached self-attention keys/values to follow the chosen beams (`rowSources[r]` = old row). */
  reorder(rowSources: number[]): void {
    if (this.cache === null) return;
    if (rowSources.every((s, r) => s === r)) return;
    const index = tf.tensor1d(rowSources, 'int32');
    this.cache = {
      length: this.cache.length,
      layers: this.cache.layers.map((layer) => {
        // Cross keys/values are identical for every beam of an example, so only self-attention moves.
        const selfKey = tf.gather(layer.selfKey, index, 0) as tf.Tensor4D;
        const selfValue = tf.gather(layer.selfValue, index, 0) as tf.Tensor4D;
        layer.selfKey.dispose();
        layer.selfValue.dispose();
        return { ...layer, selfKey, selfValue };
      }),
    };
    index.dispose();
  }

  /** Releases the encoder output, the mask and the cache. */
  dispose(): void {
    if (this.cache !== null) disposeCache(this.cache);
    this.cache = null;
    this.encoderOut.dispose();
    this.mask.dispose();
  }

  /** Feeds `ids` (`[rows, width]`: new tokens with the cache, the whole prefix without), returns the last logits. */
  private step(ids: tf.Tensor2D): tf.Tensor2D {
    if (this.useCache && this.cache === null) this.cache = this.model.initDecoderCache(this.encoderOut);
    const cache = this.useCache ? this.cache! : this.model.initDecoderCache(this.encoderOut);
    const width = ids.shape[1];
    const { logits, cache: next } = this.model.decodeStep(ids, cache, this.mask);
    // The step returns new self-attention tensors; the old ones are ours to free (memory contract).
    for (const [i, layer] of cache.layers.entries()) {
      if (next.layers[i].selfKey !== layer.selfKey) layer.selfKey.dispose();
      if (next.layers[i].selfValue !== layer.selfValue) layer.selfValue.dispose();
    }
    if (this.useCache) this.cache = next;
    else disposeCache(next);
    const vocab = logits.shape[2];
    const last = tf.tidy(
      () =>
        tf.reshape(tf.slice(logits, [0, width - 1, 0], [this.rows, 1, vocab]), [
          this.rows,
          vocab,
        ]) as tf.Tensor2D,
    );
    logits.dispose();
    return last; // [rows, vocab]
  }
}

function disposeCache(cache: DecoderCache): void {
  for (const layer of cache.layers) {
    layer.selfKey.dispose();
    layer.selfValue.dispose();
    layer.crossKey.dispose();
    layer.crossValue.dispose();
  }
}
