// A tiny deterministic IncrementalSeq2Seq for generation tests: logits are a hash of (seed, source ids, the whole
// decoder prefix, candidate token), so a beam that carries the wrong history after a cache reorder produces
// different logits. The "self-attention cache" stores the token history itself: [batch, 1, pastLength, 1].
import * as tf from '@tensorflow/tfjs-core';
import type { DecoderCache, IncrementalSeq2Seq } from '../../src/contracts/index.js';

export interface ToyOptions {
  vocabSize: number;
  seed: number;
  /** EOS logit bonus per generated position, so sequences end (default 0.35). */
  eosRamp?: number;
  /** Logit scale; larger is more peaked (default 3). */
  scale?: number;
}

function hash(values: number[]): number {
  let h = 0x811c9dc5;
  for (const v of values) {
    h ^= v & 0xffff;
    h = Math.imul(h, 0x01000193) >>> 0;
    h ^= v >>> 16;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d) >>> 0;
  h ^= h >>> 12;
  return (h >>> 0) / 4294967296;
}

export class ToySeq2Seq implements IncrementalSeq2Seq {
  readonly decoderStartTokenId = 0;
  readonly eosTokenId = 1;
  readonly padTokenId = 0;
  readonly vocabSize: number;
  decodeCalls = 0;
  private readonly seed: number;
  private readonly eosRamp: number;
  private readonly scale: number;

  constructor(options: ToyOptions) {
    this.vocabSize = options.vocabSize;
    this.seed = options.seed;
    this.eosRamp = options.eosRamp ?? 0.35;
    this.scale = options.scale ?? 3;
  }

  /** The logits row after `prefix` (decoder tokens, start token first) for source ids `source`. */
  logitsFor(source: number[], prefix: number[]): Float32Array {
    const row = new Float32Array(this.vocabSize);
    const context = [this.seed, ...source.filter((t) => t !== this.padTokenId), -1, ...prefix];
    for (let v = 0; v < this.vocabSize; v++) row[v] = this.scale * (hash([...context, v]) * 2 - 1);
    row[this.eosTokenId] += this.eosRamp * (prefix.length - 1) - 1;
    return row;
  }

  /** Convenience for tests: the first step's logits for a source row. */
  firstStepLogits(source: number[]): Float32Array {
    return this.logitsFor(source, [this.decoderStartTokenId]);
  }

  encode(inputIds: tf.Tensor2D, attentionMask: tf.Tensor2D): tf.Tensor3D {
    return tf.tidy(() =>
      tf.expandDims(tf.mul(tf.cast(inputIds, 'float32'), tf.cast(attentionMask, 'float32')), 2),
    ) as tf.Tensor3D;
  }

  initDecoderCache(encoderHiddenStates: tf.Tensor3D): DecoderCache {
    const [batch, src] = encoderHiddenStates.shape;
    const cross = tf.reshape(encoderHiddenStates, [batch, 1, src, 1]) as tf.Tensor4D;
    return {
      layers: [
        {
          selfKey: tf.zeros([batch, 1, 0, 1]) as tf.Tensor4D,
          selfValue: tf.zeros([batch, 1, 0, 1]) as tf.Tensor4D,
          crossKey: cross,
          crossValue: tf.clone(cross),
        },
      ],
      length: 0,
    };
  }

  decodeStep(
    decoderInputIds: tf.Tensor2D,
    cache: DecoderCache,
    _encoderAttentionMask: tf.Tensor2D,
  ): { logits: tf.Tensor3D; cache: DecoderCache } {
    this.decodeCalls++;
    const [batch, n] = decoderInputIds.shape;
    const layer = cache.layers[0];
    const selfKey = tf.tidy(() =>
      tf.concat([layer.selfKey, tf.reshape(tf.cast(decoderInputIds, 'float32'), [batch, 1, n, 1])], 2),
    ) as tf.Tensor4D;
    const history = selfKey.arraySync() as number[][][][];
    const sources = (layer.crossKey.arraySync() as number[][][][]).map((b) => b[0].map((x) => x[0]));
    const past = layer.selfKey.shape[2];
    const data = new Float32Array(batch * n * this.vocabSize);
    for (let b = 0; b < batch; b++) {
      const tokens = history[b][0].map((x) => x[0]);
      for (let p = 0; p < n; p++) {
        data.set(this.logitsFor(sources[b], tokens.slice(0, past + p + 1)), (b * n + p) * this.vocabSize);
      }
    }
    return {
      logits: tf.tensor3d(data, [batch, n, this.vocabSize]),
      cache: {
        layers: [
          { selfKey, selfValue: tf.clone(selfKey), crossKey: layer.crossKey, crossValue: layer.crossValue },
        ],
        length: cache.length + n,
      },
    };
  }
}
