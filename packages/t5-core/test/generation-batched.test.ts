// generateBatched on the toy IncrementalSeq2Seq (test/support/toy-seq2seq.ts, whose logits ignore padding): every
// input gets the sequences generateSequences gives it alone (up to the padding a batch adds after EOS), in input
// order, from length-sorted batches; padTokenRows pads and masks as the tokenizer does.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { GenerationError } from '../src/errors/index.js';
import {
  type GenerateOptions,
  type LogitsProcessor,
  generateBatched,
  generateSequences,
  padTokenRows,
} from '../src/generation/index.js';
import { useBackend } from './support/backends.js';
import { ToySeq2Seq } from './support/toy-seq2seq.js';

// Unpadded inputs of different lengths, not in length order.
const INPUTS = [
  [5, 6, 7, 8, 1],
  [9, 3, 1],
  [11, 12, 13, 1],
  [4, 1],
  [14, 2, 6, 7, 9, 10, 1],
];

/** A sequence up to and including its first EOS: what remains once a batch's fill after EOS is dropped. */
function upToEos(seq: number[], eos: number): number[] {
  const end = seq.indexOf(eos, 1);
  return end === -1 ? seq : seq.slice(0, end + 1);
}

describe('padTokenRows', () => {
  it('right-pads to the longest row with the pad id, mask 0 on the padding', () => {
    expect(padTokenRows([[13, 27, 1], [64, 1], []], 7)).toEqual({
      inputIds: [
        [13, 27, 1],
        [64, 1, 7],
        [7, 7, 7],
      ],
      attentionMask: [
        [1, 1, 1],
        [1, 1, 0],
        [0, 0, 0],
      ],
    });
    expect(padTokenRows([], 0)).toEqual({ inputIds: [], attentionMask: [] });
  });
});

describe('generateBatched', () => {
  beforeAll(() => useBackend('cpu'));

  const settings: [string, GenerateOptions][] = [
    ['greedy', { maxNewTokens: 9 }],
    ['beam 3, 2 returned', { maxNewTokens: 9, numBeams: 3, numReturnSequences: 2 }],
    ['sampling, 2 returned', { maxNewTokens: 6, doSample: true, seed: 5, numReturnSequences: 2 }],
  ];

  it.each(settings)(
    '%s: each input gets its own generateSequences result, in input order',
    async (name, options) => {
      const model = new ToySeq2Seq({ vocabSize: 16, seed: 3 });
      const perInput = options.numReturnSequences ?? 1;
      const batched = await generateBatched(model, INPUTS, { ...options, batchSize: 2 });
      expect(batched).toHaveLength(INPUTS.length * perInput);
      if (options.doSample) return; // one seeded stream per batch: draws depend on the batch, not only the input
      for (let i = 0; i < INPUTS.length; i++) {
        const alone = await generateSequences(model, [INPUTS[i]], options);
        const mine = batched.slice(i * perInput, (i + 1) * perInput);
        expect(
          mine.map((s) => upToEos(s, model.eosTokenId)),
          `${name}, input ${i}`,
        ).toEqual(alone.map((s) => upToEos(s, model.eosTokenId)));
      }
    },
  );

  it('batches are length-sorted slices, reported after each batch, each with its own logits processor', async () => {
    const model = new ToySeq2Seq({ vocabSize: 16, seed: 3 });
    const progress: { completedBatches: number; totalBatches: number; inputIndices: readonly number[] }[] =
      [];
    const processorInputs: (readonly number[])[] = [];
    const banToken5 = (inputIndices: readonly number[]): LogitsProcessor => {
      processorInputs.push(inputIndices);
      return {
        process: ({ scores }) => {
          for (const row of scores) row[5] = Number.NEGATIVE_INFINITY;
        },
      };
    };
    const out = await generateBatched(model, INPUTS, {
      maxNewTokens: 9,
      batchSize: 2,
      logitsProcessor: banToken5,
      onProgress: (p) => progress.push(p),
    });
    // Lengths 5, 3, 4, 2, 7: sorted (stable) 3, 1, 2, 0, 4.
    expect(progress).toEqual([
      { completedBatches: 1, totalBatches: 3, inputIndices: [3, 1] },
      { completedBatches: 2, totalBatches: 3, inputIndices: [2, 0] },
      { completedBatches: 3, totalBatches: 3, inputIndices: [4] },
    ]);
    expect(processorInputs).toEqual([[3, 1], [2, 0], [4]]);
    for (const seq of out) expect(seq.slice(1)).not.toContain(5);
  });

  it('takes one logits processor for every batch as well', async () => {
    const model = new ToySeq2Seq({ vocabSize: 16, seed: 3 });
    const banToken5: LogitsProcessor = {
      process: ({ scores }) => {
        for (const row of scores) row[5] = Number.NEGATIVE_INFINITY;
      },
    };
    const out = await generateBatched(model, INPUTS, {
      maxNewTokens: 9,
      batchSize: 2,
      logitsProcessor: banToken5,
    });
    for (const seq of out) expect(seq.slice(1)).not.toContain(5);
  });

  it('keeps input order without sorting, pads with the given id, and leaks no tensors', async () => {
    const model = new ToySeq2Seq({ vocabSize: 16, seed: 3 });
    const sorted = await generateBatched(model, INPUTS, { maxNewTokens: 9, batchSize: 2 });
    const before = tf.memory().numTensors;
    const seen: (readonly number[])[] = [];
    const unsorted = await generateBatched(model, INPUTS, {
      maxNewTokens: 9,
      batchSize: 2,
      padTokenId: 15,
      sortByLength: false,
      onProgress: ({ inputIndices }) => seen.push(inputIndices),
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(seen).toEqual([[0, 1], [2, 3], [4]]);
    expect(unsorted.map((s) => upToEos(s, 1))).toEqual(sorted.map((s) => upToEos(s, 1)));
    expect(await generateBatched(model, [], { maxNewTokens: 9, batchSize: 2 })).toEqual([]);
  });

  it('rejects a batch size that is not a positive integer', async () => {
    const model = new ToySeq2Seq({ vocabSize: 16, seed: 3 });
    for (const batchSize of [0, 1.5]) {
      await expect(generateBatched(model, INPUTS, { maxNewTokens: 4, batchSize })).rejects.toThrow(
        GenerationError,
      );
    }
    await expect(generateBatched(model, INPUTS, { maxNewTokens: 4, batchSize: 0 })).rejects.toThrow(
      'generateBatched: batchSize must be an integer >= 1, found 0',
    );
  });
});
