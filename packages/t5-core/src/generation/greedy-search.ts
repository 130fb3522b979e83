import * as tf from '@tensorflow/tfjs-core';
import { readTensorData } from '../backend/device-health.js';
// Greedy decoding and multinomial sampling (HF `_sample`): one token per row per step, finished rows get the pad
// id, stop when every row produced EOS or maxNewTokens were generated.
import { philoxRng } from '../backend/random/philox.js';
import type { DecoderSession } from './decoder-session.js';
import type { ResolvedGenerateOptions } from './generate-options.js';
import type { GenerationOutput } from './generation-output.js';
import {
  applySamplingWarpers,
  argmax,
  sampleIndex,
  softmax,
  suppressEosBeforeMinLength,
} from './logits-processors.js';

/** The model's decoder start, EOS and pad ids. */
export interface SpecialIds {
  decoderStartTokenId: number;
  eosTokenId: number;
  padTokenId: number;
}

/**
 * How many greedy steps run between two reads of the "every row finished" flag. Each read waits for the device;
 * the steps run past the last EOS are cut off afterwards, so the result does not depend on this number.
 */
export const GREEDY_STOP_CHECK_INTERVAL = 8;

/**
 * Runs greedy search (or sampling when `options.doSample`) over every row of `session`. Plain greedy decoding
 * without `returnScores` or a logits processor chooses tokens on the device ({@link greedySearchOnDevice});
 * sampling, score recording and a logits processor read each step's logits back.
 *
 * @returns sequences `[rows, 1 + steps]`
 */
export async function greedySearch(
  session: DecoderSession,
  ids: SpecialIds,
  options: ResolvedGenerateOptions,
): Promise<GenerationOutput> {
  const processor = options.logitsProcessor;
  if (!options.doSample && !options.returnScores && processor === null) {
    return greedySearchOnDevice(session, ids, options);
  }
  const rows = session.rows;
  const sequences = Array.from({ length: rows }, () => [ids.decoderStartTokenId]);
  const unfinished = new Array<boolean>(rows).fill(true);
  const expansion = options.doSample ? options.numReturnSequences : 1;
  const inputRows = Array.from({ length: rows }, (_, r) => Math.floor(r / expansion));
  const rng = options.doSample ? philoxRng(options.seed) : null;
  const stepLogits: Float32Array[][] = [];
  const stepScores: Float32Array[][] = [];
  for (let step = 0; step < options.maxNewTokens; step++) {
    const logits = await session.nextLogits(sequences);
    const scores = logits.map((row) => {
      const s = Float32Array.from(row);
      suppressEosBeforeMinLength(s, step, options.minNewTokens, ids.eosTokenId);
      return s;
    });
    if (processor !== null) {
      const finished = unfinished.map((open) => !open);
      await processor.process({
        sequences,
        inputRows,
        scores,
        step,
        maxNewTokens: options.maxNewTokens,
        finished,
      });
    }
    if (options.doSample) for (const s of scores) applySamplingWarpers(s, options);
    if (options.returnScores) {
      stepLogits.push(logits);
      stepScores.push(scores);
    }
    for (let r = 0; r < rows; r++) {
      // Every row draws (finished ones too) so a row's samples do not depend on when the others finish.
      const token = rng ? sampleIndex(softmax(scores[r]), rng()) : argmax(scores[r]);
      sequences[r].push(unfinished[r] ? token : ids.padTokenId);
      if (unfinished[r] && token === ids.eosTokenId) unfinished[r] = false;
    }
    if (!unfinished.some(Boolean)) break;
  }
  return options.returnScores ? { sequences, stepLogits, stepScores } : { sequences };
}

/**
 * Greedy decoding with the tokens kept on the device: each step's argmax feeds the next step without a read-back,
 * and the host reads one flag every {@link GREEDY_STOP_CHECK_INTERVAL} steps and the sequences once at the end.
 * Same tokens as the host loop (argmax of the same float32 logits, first index on ties).
 */
export async function greedySearchOnDevice(
  session: DecoderSession,
  ids: SpecialIds,
  options: ResolvedGenerateOptions,
): Promise<GenerationOutput> {
  const rows = session.rows;
  // The prefix as one [rows, 1] column per position: feeding only the newest keeps every step's shapes equal.
  const columns: tf.Tensor2D[] = [tf.fill([rows, 1], ids.decoderStartTokenId, 'int32') as tf.Tensor2D];
  let unfinished = tf.ones([rows], 'bool') as tf.Tensor1D; // [rows]
  let eosBias: tf.Tensor2D | null = null;
  try {
    for (let step = 0; step < options.maxNewTokens; step++) {
      const logits = session.nextLogitsOnDevice(columns); // [rows, vocab]
      if (step < options.minNewTokens && eosBias === null) eosBias = eosSuppressionBias(logits.shape[1], ids);
      const [column, stillOpen] = tf.tidy(() => {
        // suppressEosBeforeMinLength on the device: -inf added at the EOS column while step < minNewTokens.
        const scores = step < options.minNewTokens && eosBias !== null ? tf.add(logits, eosBias) : logits;
        const token = tf.cast(tf.argMax(scores, 1), 'int32') as tf.Tensor1D; // [rows]
        const chosen = tf.where(unfinished, token, tf.fill([rows], ids.padTokenId, 'int32')); // [rows]
        const open = tf.logicalAnd(unfinished, tf.notEqual(token, ids.eosTokenId)) as tf.Tensor1D;
        return [tf.reshape(chosen, [rows, 1]) as tf.Tensor2D, open] as const;
      });
      logits.dispose();
      unfinished.dispose();
      columns.push(column);
      unfinished = stillOpen;
      const last = step === options.maxNewTokens - 1;
      if (!last && (step + 1) % GREEDY_STOP_CHECK_INTERVAL === 0) {
        const open = tf.any(unfinished);
        const anyOpen = (await readTensorData(open))[0] === 1;
        open.dispose();
        if (!anyOpen) break;
      }
    }
    const prefix = tf.concat(columns, 1); // [rows, 1 + steps]
    const width = prefix.shape[1];
    const flat = (await readTensorData(prefix)) as Int32Array;
    prefix.dispose();
    const sequences = Array.from({ length: rows }, (_, r) =>
      Array.from(flat.subarray(r * width, (r + 1) * width)),
    );
    return { sequences: trimAfterLastEos(sequences, ids) };
  } finally {
    tf.dispose(columns);
    unfinished.dispose();
    eosBias?.dispose();
  }
}

/** `[1, vocab]`: -inf at EOS, 0 elsewhere (added to the logits while EOS is held back by `minNewTokens`). */
function eosSuppressionBias(vocab: number, ids: SpecialIds): tf.Tensor2D {
  const bias = new Float32Array(vocab);
  bias[ids.eosTokenId] = Number.NEGATIVE_INFINITY;
  return tf.tensor2d(bias, [1, vocab]);
}

/**
 * Cuts the steps decoded after every row had produced EOS (they hold only pad ids): the host loop stops right
 * after the step in which the last row finished.
 */
function trimAfterLastEos(sequences: number[][], ids: SpecialIds): number[][] {
  let keep = 0;
  for (const row of sequences) {
    const eos = row.indexOf(ids.eosTokenId, 1);
    if (eos === -1) return sequences; // a row ran to maxNewTokens: nothing was decoded past the end
    keep = Math.max(keep, eos + 1);
  }
  return sequences.map((row) => row.slice(0, keep));
}
