// The T5 target encoding in the pipeline: tokenizeExamples trains on the encoded SQL, and generatePredictions /
// decodePredictions read a model's output back. The encoding itself (through the real tokenizer ids, every Spider
// gold query, random strings) is tested where it lives, in @t5sql/datasets' test/target-encoding*.test.ts.
import '@tensorflow/tfjs-backend-cpu';
import { join, resolve } from 'node:path';
import { type TextToSqlRecord, canonicalSqlSpacing, tokenizeExamples } from '@t5sql/datasets';
import { type DecoderCache, type IncrementalSeq2Seq, T5Tokenizer } from '@t5sql/t5-core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodePredictions, generatePredictions } from '../src/index.js';

const DATA_DIR = join(process.env.T5SQL_SHARED_DIR ?? resolve(__dirname, '../../../../shared'), 'data');
const UNK = 2; // <unk> in t5-small's vocabulary

let t5: T5Tokenizer;
beforeAll(async () => {
  t5 = await T5Tokenizer.fromPretrained(join(DATA_DIR, 't5-small-tokenizer'));
  await tf.setBackend('cpu');
});

/**
 * A model that answers every source with the labels it was trained on: the logits put all weight on the next
 * label. Generation then shows what decoding does with a perfectly trained model's output.
 */
class ScriptedSeq2Seq implements IncrementalSeq2Seq {
  readonly decoderStartTokenId = 0;
  readonly eosTokenId = 1;
  readonly padTokenId = 0;
  private readonly answers = new Map<string, number[]>();

  constructor(
    readonly vocabSize: number,
    examples: readonly { inputIds: number[]; labels: number[] }[],
  ) {
    for (const e of examples) this.answers.set(e.inputIds.join(','), e.labels);
  }

  encode(inputIds: tf.Tensor2D, attentionMask: tf.Tensor2D): tf.Tensor3D {
    return tf.tidy(() =>
      tf.expandDims(tf.mul(tf.cast(inputIds, 'float32'), tf.cast(attentionMask, 'float32')), 2),
    );
  }

  initDecoderCache(encoderHiddenStates: tf.Tensor3D): DecoderCache {
    const [batch, src] = encoderHiddenStates.shape;
    const cross = tf.reshape(encoderHiddenStates, [batch, 1, src, 1]) as tf.Tensor4D;
    const empty = () => tf.zeros([batch, 1, 0, 1]) as tf.Tensor4D;
    return {
      layers: [{ selfKey: empty(), selfValue: empty(), crossKey: cross, crossValue: tf.clone(cross) }],
      length: 0,
    };
  }

  decodeStep(ids: tf.Tensor2D, cache: DecoderCache): { logits: tf.Tensor3D; cache: DecoderCache } {
    const [batch, n] = ids.shape;
    const layer = cache.layers[0];
    // The self-attention "cache" holds the decoder tokens so far: [batch, 1, length, 1].
    const history = tf.tidy(() =>
      tf.concat([layer.selfKey, tf.reshape(tf.cast(ids, 'float32'), [batch, 1, n, 1])], 2),
    ) as tf.Tensor4D;
    const sources = (layer.crossKey.arraySync() as number[][][][]).map((row) =>
      row[0].map((x) => x[0]).filter((id) => id !== this.padTokenId),
    );
    const past = layer.selfKey.shape[2];
    const logits = new Float32Array(batch * n * this.vocabSize);
    for (let b = 0; b < batch; b++) {
      const answer = this.answers.get(sources[b].join(','));
      if (answer === undefined)
        throw new Error(`ScriptedSeq2Seq: no answer for source ${sources[b].join(',')}`);
      for (let p = 0; p < n; p++) {
        const next = answer[past + p] ?? this.eosTokenId; // position past + p predicts label past + p
        logits[(b * n + p) * this.vocabSize + next] = 100;
      }
    }
    return {
      logits: tf.tensor3d(logits, [batch, n, this.vocabSize]),
      cache: {
        layers: [
          {
            selfKey: history,
            selfValue: tf.clone(history),
            crossKey: layer.crossKey,
            crossValue: layer.crossValue,
          },
        ],
        length: cache.length + n,
      },
    };
  }
}

describe('training targets and generated predictions', () => {
  const records: TextToSqlRecord[] = [
    ['How many heads are younger than 56?', 'SELECT count(*) FROM head WHERE age  <  56'],
    ['Which singers are not from "Tokyo , Japan"?', "SELECT name FROM singer WHERE city != 'Tokyo ,  Japan'"],
    ['Which names start with a brace?', "SELECT name FROM t WHERE name LIKE '{%' AND n <= 3"],
    ['How many are there?', 'SELECT count(*) FROM t'],
  ].map(([question, sql], i) => ({ id: `q${i}`, question, sql, context: 't(name, age, city, n)' }));
  const hyper = { maxSourceLength: 64, maxTargetLength: 64 };
  const decoding = { batchSize: 3, maxNewTokens: 64, numBeams: 1 };

  it('tokenizeExamples trains on the escaped SQL by default, and generatePredictions reads it back', async () => {
    const { examples } = tokenizeExamples(records, { tokenizer: t5, template: 't5-instruct', ...hyper });
    expect(examples[0].labels).toEqual(t5.encode('SELECT count(*) FROM head WHERE age #lt 56'));
    for (const e of examples) expect(e.labels).not.toContain(UNK);
    const model = new ScriptedSeq2Seq(t5.vocabSize, examples);
    const predictions = await generatePredictions(model, t5, examples, decoding);
    expect(predictions).toEqual(records.map((r) => canonicalSqlSpacing(r.sql)));
    expect(predictions[0]).toBe('SELECT count(*) FROM head WHERE age < 56');
    expect(predictions[1]).toBe("SELECT name FROM singer WHERE city!= 'Tokyo ,  Japan'");
  });

  it('with sqlEncoding none the model is trained on <unk> and cannot write < back', async () => {
    const { examples } = tokenizeExamples(records, {
      tokenizer: t5,
      template: 't5-instruct',
      sqlEncoding: 'none',
      ...hyper,
    });
    expect(examples[0].labels).toContain(UNK);
    const model = new ScriptedSeq2Seq(t5.vocabSize, examples);
    const predictions = await generatePredictions(model, t5, examples, { ...decoding, sqlEncoding: 'none' });
    expect(predictions[0]).toBe('SELECT count(*) FROM head WHERE age  56');
    expect(predictions[3]).toBe('SELECT count(*) FROM t');
  });

  it('decodePredictions reads generated text without the clean-up, so spaces inside literals stay', () => {
    // A model output that is not in the canonical spelling: a raw space before a closing quote.
    const ids = [[0, ...t5.encode("SELECT a FROM t WHERE b = 'x ' AND c = 1")]];
    expect(t5.decode(ids[0], { skipSpecialTokens: true })).toBe("SELECT a FROM t WHERE b = 'x'AND c = 1");
    expect(decodePredictions(t5, ids)).toEqual(["SELECT a FROM t WHERE b = 'x ' AND c = 1"]);
    expect(decodePredictions(t5, ids, 'none')).toEqual(["SELECT a FROM t WHERE b = 'x'AND c = 1"]);
  });
});
