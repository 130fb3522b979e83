// Greedy decoding and multinomial sampling (HF `_sample`): one token per row per step, finished rows get the pad
// id, stop when every row produced EOS or maxNewTokens were generated.
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
import { createSeededRng } from './seeded-rng.js';

/** The model's decoder start, EOS and pad ids. */
export interface SpecialIds {
  decoderStartTokenId: number;
  eosTokenId: number;
  padTokenId: number;
}

/**
 * Runs greedy search (or sampling when `options.doSample`) over every row of `session`.
 *
 * @returns sequences `[rows, 1 + steps]`
 */
export function greedySearch(
  session: DecoderSession,
  ids: SpecialIds,
  options: ResolvedGenerateOptions,
): GenerationOutput {
  const rows = session.rows;
  const sequences = Array.from({ length: rows }, () => [ids.decoderStartTokenId]);
  const unfinished = new Array<boolean>(rows).fill(true);
  const rng = options.doSample ? createSeededRng(options.seed) : null;
  const stepLogits: Float32Array[][] = [];
  const stepScores: Float32Array[][] = [];
  for (let step = 0; step < options.maxNewTokens; step++) {
    const logits = session.nextLogits(sequences);
    const scores = logits.map((row) => {
      const s = Float32Array.from(row);
      suppressEosBeforeMinLength(s, step, options.minNewTokens, ids.eosTokenId);
      if (options.doSample) applySamplingWarpers(s, options);
      return s;
    });
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
