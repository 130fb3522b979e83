// Generation bookkeeping on a deterministic toy IncrementalSeq2Seq (test/support/toy-seq2seq.ts), on every test
// backend: the KV cache (with beam reordering) gives exactly the sequences of full re-decoding, returned beam
// scores equal sum(log-probs) / generated_length ** length_penalty recomputed by teacher forcing (1e-4),
// greedy padding and stopping, option validation, and no tensor leaks. HF parity itself is in
// generation-parity.test.ts and generation-reference.test.ts.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type GenerateOptions, generateSequences, generateWithScores } from '../src/generation/index.js';
import { logSoftmax } from '../src/generation/logits-processors.js';
import { TEST_BACKENDS, useBackend } from './support/backends.js';
import { ToySeq2Seq } from './support/toy-seq2seq.js';

const INPUT = [
  [5, 6, 7, 8, 1],
  [9, 3, 1, 0, 0],
  [11, 12, 13, 1, 0],
];
const MASK = INPUT.map((row) => row.map((t) => (t === 0 ? 0 : 1)));

/** Sum of the toy's log-probs along `seq` (after the start token, up to and including EOS). */
function teacherForcedLogProb(
  model: ToySeq2Seq,
  source: number[],
  seq: number[],
): { sum: number; length: number } {
  let sum = 0;
  let length = 0;
  for (let i = 1; i < seq.length; i++) {
    sum += logSoftmax(model.logitsFor(source, seq.slice(0, i)))[seq[i]];
    length++;
    if (seq[i] === model.eosTokenId) break;
  }
  return { sum, length };
}

describe.each(TEST_BACKENDS)('generation bookkeeping on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  const beamSettings: [string, GenerateOptions][] = [
    ['beam 3', { maxNewTokens: 9, numBeams: 3 }],
    [
      'beam 4, lp 0.6, early true, 3 returned',
      { maxNewTokens: 12, numBeams: 4, lengthPenalty: 0.6, earlyStopping: true, numReturnSequences: 3 },
    ],
    [
      'beam 5, lp 2, never',
      { maxNewTokens: 10, numBeams: 5, lengthPenalty: 2, earlyStopping: 'never', numReturnSequences: 5 },
    ],
    ['beam 2, min 4 new tokens', { maxNewTokens: 8, numBeams: 2, minNewTokens: 4, numReturnSequences: 2 }],
  ];

  it.each(beamSettings)('%s: cached (reordered) decoding equals full re-decoding', async (_, options) => {
    const model = new ToySeq2Seq({ vocabSize: 16, seed: 3 });
    const cached = await generateWithScores(model, INPUT, { attentionMask: MASK, ...options });
    const full = await generateWithScores(model, INPUT, { attentionMask: MASK, ...options, useCache: false });
    expect(cached.sequences).toEqual(full.sequences);
    expect(cached.scores).toEqual(full.scores);
  });

  it.each(beamSettings)(
    '%s: scores are the length-penalised log-prob sums of the returned beams, best first',
    async (_, options) => {
      const model = new ToySeq2Seq({ vocabSize: 16, seed: 3 });
      const out = await generateWithScores(model, INPUT, { attentionMask: MASK, ...options });
      const perRow = options.numReturnSequences ?? 1;
      expect(out.sequences).toHaveLength(INPUT.length * perRow);
      out.sequences.forEach((seq, i) => {
        const source = INPUT[Math.floor(i / perRow)];
        const { sum, length } = teacherForcedLogProb(model, source, seq);
        expect(Math.abs((out.scores ?? [])[i] - sum / length ** (options.lengthPenalty ?? 1))).toBeLessThan(
          1e-4,
        );
        if (options.minNewTokens)
          expect(seq.indexOf(model.eosTokenId, 1) === -1 || seq.indexOf(1, 1) > options.minNewTokens).toBe(
            true,
          );
        if (i % perRow > 0) expect((out.scores ?? [])[i]).toBeLessThanOrEqual((out.scores ?? [])[i - 1]);
      });
    },
  );

  it('greedy: rows pad after EOS, output stops when every row finished, cache equals no cache', async () => {
    const model = new ToySeq2Seq({ vocabSize: 16, seed: 4, eosRamp: 0.8 });
    const out = await generateSequences(model, INPUT, { attentionMask: MASK, maxNewTokens: 30 });
    const nocache = await generateSequences(model, INPUT, {
      attentionMask: MASK,
      maxNewTokens: 30,
      useCache: false,
    });
    expect(out).toEqual(nocache);
    const ends = out.map((row) => row.indexOf(model.eosTokenId, 1));
    expect(ends.every((e) => e > 0)).toBe(true);
    expect(out[0].length).toBe(Math.max(...ends) + 1);
    out.forEach((row, r) => {
      expect(row[0]).toBe(model.decoderStartTokenId);
      expect(row.slice(ends[r] + 1).every((t) => t === model.padTokenId)).toBe(true);
      // Each step is the argmax of the toy's logits after the prefix.
      for (let i = 1; i <= ends[r]; i++) {
        const logits = model.logitsFor(INPUT[r], row.slice(0, i));
        expect(row[i]).toBe(logits.indexOf(Math.max(...logits)));
      }
    });
  });

  it('beam sampling is seeded: same seed repeats, cache equals no cache, another seed differs', async () => {
    const model = new ToySeq2Seq({ vocabSize: 16, seed: 6 });
    const options: GenerateOptions = {
      maxNewTokens: 8,
      numBeams: 3,
      numReturnSequences: 2,
      doSample: true,
      seed: 5,
    };
    const a = await generateWithScores(model, INPUT, { attentionMask: MASK, ...options });
    expect(await generateWithScores(model, INPUT, { attentionMask: MASK, ...options })).toEqual(a);
    expect(
      await generateWithScores(model, INPUT, { attentionMask: MASK, ...options, useCache: false }),
    ).toEqual(a);
    const others = await Promise.all(
      [7, 8, 9].map((seed) => generateSequences(model, INPUT, { attentionMask: MASK, ...options, seed })),
    );
    expect(others.some((o) => JSON.stringify(o) !== JSON.stringify(a.sequences))).toBe(true);
  });

  it('earlyStopping true never runs more decoder steps than false', async () => {
    const a = new ToySeq2Seq({ vocabSize: 16, seed: 8, eosRamp: 0.6 });
    const b = new ToySeq2Seq({ vocabSize: 16, seed: 8, eosRamp: 0.6 });
    await generateSequences(a, INPUT, {
      attentionMask: MASK,
      maxNewTokens: 25,
      numBeams: 4,
      earlyStopping: true,
    });
    await generateSequences(b, INPUT, {
      attentionMask: MASK,
      maxNewTokens: 25,
      numBeams: 4,
      earlyStopping: 'never',
    });
    expect(a.decodeCalls).toBeLessThanOrEqual(b.decodeCalls);
    expect(a.decodeCalls).toBeLessThan(25);
  });

  it('masks pads by default and accepts tensors', async () => {
    const model = new ToySeq2Seq({ vocabSize: 16, seed: 2 });
    const explicit = await generateSequences(model, INPUT, {
      attentionMask: MASK,
      maxNewTokens: 5,
      numBeams: 2,
    });
    const ids = tf.tensor2d(INPUT, undefined, 'int32');
    expect(await generateSequences(model, ids, { maxNewTokens: 5, numBeams: 2 })).toEqual(explicit);
    ids.dispose();
  });

  it('leaves no tensors behind (greedy, beams, no cache, sampling)', async () => {
    const model = new ToySeq2Seq({ vocabSize: 16, seed: 2 });
    const before = tf.memory().numTensors;
    await generateSequences(model, INPUT, { maxNewTokens: 6 });
    await generateSequences(model, INPUT, { maxNewTokens: 6, numBeams: 3, numReturnSequences: 2 });
    await generateSequences(model, INPUT, { maxNewTokens: 6, numBeams: 3, useCache: false });
    await generateSequences(model, INPUT, { maxNewTokens: 6, numBeams: 3, doSample: true, seed: 1 });
    await generateSequences(model, INPUT, {
      maxNewTokens: 6,
      doSample: true,
      seed: 1,
      numReturnSequences: 2,
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects invalid options with the option named', async () => {
    const model = new ToySeq2Seq({ vocabSize: 16, seed: 2 });
    await expect(
      generateSequences(model, INPUT, { maxNewTokens: 4, numBeams: 2, numReturnSequences: 3 }),
    ).rejects.toThrow(/numReturnSequences \(3\) must be <= numBeams \(2\)/);
    await expect(generateSequences(model, INPUT, { maxNewTokens: 4, numReturnSequences: 2 })).rejects.toThrow(
      /greedy/,
    );
    await expect(generateSequences(model, INPUT, { maxNewTokens: 0 })).rejects.toThrow(/maxNewTokens/);
    await expect(generateSequences(model, INPUT, { maxNewTokens: 3, attentionMask: [[1]] })).rejects.toThrow(
      /attentionMask/,
    );
    await expect(
      generateSequences(model, INPUT, { maxNewTokens: 3, earlyStopping: 'sometimes' as never }),
    ).rejects.toThrow(/earlyStopping/);
    const before = tf.memory().numTensors;
    await expect(
      generateSequences(model, INPUT, { maxNewTokens: 3, attentionMask: [[1]] }),
    ).rejects.toThrow();
    expect(tf.memory().numTensors).toBe(before);
  });
});
