// The logits-processor hook (GenerateOptions.logitsProcessor) on the toy seq2seq: it is called once per step with
// every row's prefix, its input row and its scores, before the token is chosen, in greedy search (which then
// leaves the on-device loop), beam search and sampling; a processor that changes nothing changes no result, and
// one that allows a single token per step forces exactly that sequence in every mode.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type GenerateOptions,
  type LogitsProcessor,
  type LogitsProcessorStep,
  generateWithScores,
} from '../src/generation/index.js';
import { TEST_BACKENDS, useBackend } from './support/backends.js';
import { ToySeq2Seq } from './support/toy-seq2seq.js';

const INPUT = [
  [5, 6, 7, 8, 1],
  [9, 3, 1, 0, 0],
];
const MASK = INPUT.map((row) => row.map((t) => (t === 0 ? 0 : 1)));
const VOCAB = 16;

/** Records every call (copies) and changes nothing. */
function recorder(): LogitsProcessor & { calls: LogitsProcessorStep[] } {
  const calls: LogitsProcessorStep[] = [];
  return {
    calls,
    process(step) {
      calls.push({
        sequences: step.sequences.map((s) => [...s]),
        inputRows: [...step.inputRows],
        scores: step.scores.map((s) => Float32Array.from(s)),
        step: step.step,
        maxNewTokens: step.maxNewTokens,
        finished: [...step.finished],
      });
    },
  };
}

/** Allows only `forced[input][step]` (EOS once the list is used up). */
function forcing(forced: number[][], eos: number): LogitsProcessor {
  return {
    async process({ scores, inputRows, step }) {
      await Promise.resolve(); // an asynchronous processor is awaited
      scores.forEach((row, r) => {
        const allowed = forced[inputRows[r]][step] ?? eos;
        for (let t = 0; t < row.length; t++) if (t !== allowed) row[t] = Number.NEGATIVE_INFINITY;
      });
    },
  };
}

const MODES: [string, GenerateOptions][] = [
  ['greedy', { maxNewTokens: 8 }],
  ['beam 3', { maxNewTokens: 8, numBeams: 3, numReturnSequences: 2 }],
  ['sampling', { maxNewTokens: 8, doSample: true, seed: 11, numReturnSequences: 2, topK: 0 }],
  ['beam sampling', { maxNewTokens: 8, numBeams: 2, doSample: true, seed: 5, topK: 0 }],
];

describe.each(TEST_BACKENDS)('logits processor on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it.each(MODES)('%s: a processor that changes nothing changes no result', async (_, options) => {
    const model = new ToySeq2Seq({ vocabSize: VOCAB, seed: 4 });
    const plain = await generateWithScores(model, INPUT, { attentionMask: MASK, ...options });
    const rec = recorder();
    const hooked = await generateWithScores(model, INPUT, {
      attentionMask: MASK,
      ...options,
      logitsProcessor: rec,
    });
    expect(hooked.sequences).toEqual(plain.sequences);
    expect(hooked.scores).toEqual(plain.scores);
    expect(rec.calls.length).toBeGreaterThan(0);
    rec.calls.forEach((call, i) => {
      expect(call.step).toBe(i);
      expect(call.maxNewTokens).toBe(options.maxNewTokens);
      const rows = call.sequences.length;
      const expansion = rows / INPUT.length;
      expect(call.inputRows).toEqual(Array.from({ length: rows }, (_, r) => Math.floor(r / expansion)));
      expect(call.scores).toHaveLength(rows);
      for (const s of call.sequences) expect(s).toHaveLength(1 + i);
    });
  });

  it('greedy: the processor sees the logits and the finished rows, and its edits decide the argmax', async () => {
    const model = new ToySeq2Seq({ vocabSize: VOCAB, seed: 9 });
    const plain = await generateWithScores(model, INPUT, {
      attentionMask: MASK,
      maxNewTokens: 6,
      returnScores: true,
    });
    const rec = recorder();
    await generateWithScores(model, INPUT, { attentionMask: MASK, maxNewTokens: 6, logitsProcessor: rec });
    rec.calls.forEach((call, i) => {
      // Same step logits as the unprocessed run (greedy takes them as they are).
      call.scores.forEach((row, r) =>
        expect(Array.from(row)).toEqual(Array.from(plain.stepLogits?.[i][r] ?? [])),
      );
      call.finished.forEach((done, r) =>
        expect(done).toBe(call.sequences[r].slice(1).includes(model.eosTokenId)),
      );
    });
    // Banning each row's first greedy token makes greedy take the second best instead.
    const first = plain.sequences.map((s) => s[1]);
    const ban: LogitsProcessor = {
      process: ({ scores, step }) => {
        if (step !== 0) return;
        scores.forEach((row, r) => {
          row[first[r]] = Number.NEGATIVE_INFINITY;
        });
      },
    };
    const banned = await generateWithScores(model, INPUT, {
      attentionMask: MASK,
      maxNewTokens: 6,
      logitsProcessor: ban,
    });
    banned.sequences.forEach((s, r) => {
      const logits = Array.from(plain.stepLogits?.[0][r] ?? []);
      logits[first[r]] = Number.NEGATIVE_INFINITY;
      expect(s[1]).toBe(logits.indexOf(Math.max(...logits)));
    });
  });

  it.each(MODES)('%s: allowing one token per step forces that sequence', async (_, options) => {
    const model = new ToySeq2Seq({ vocabSize: VOCAB, seed: 2 });
    const forced = [
      [7, 3, 12, 4],
      [9, 9, 2],
    ];
    const out = await generateWithScores(model, INPUT, {
      attentionMask: MASK,
      ...options,
      logitsProcessor: forcing(forced, model.eosTokenId),
    });
    const perInput = out.sequences.length / INPUT.length;
    out.sequences.forEach((seq, r) => {
      const want = [model.decoderStartTokenId, ...forced[Math.floor(r / perInput)], model.eosTokenId];
      expect(seq.slice(0, want.length)).toEqual(want);
    });
  });

  it('rejects a processor without process()', async () => {
    const model = new ToySeq2Seq({ vocabSize: VOCAB, seed: 2 });
    const bad = { proces: () => {} } as unknown as LogitsProcessor;
    await expect(generateWithScores(model, INPUT, { maxNewTokens: 3, logitsProcessor: bad })).rejects.toThrow(
      /logitsProcessor must be an object with a process\(step\) method/,
    );
  });

  it('leaks no tensors', async () => {
    const model = new ToySeq2Seq({ vocabSize: VOCAB, seed: 2 });
    const before = tf.memory().numTensors;
    for (const [, options] of MODES) {
      await generateWithScores(model, INPUT, {
        attentionMask: MASK,
        ...options,
        logitsProcessor: recorder(),
      });
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
