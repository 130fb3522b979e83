// Beam search with transformers 4.57's semantics (GenerationMixin._beam_search, the vectorised rewrite of
// BeamSearchScorer): log-softmax scores, the top 2 × numBeams continuations, finished hypotheses scored by
// sum_logprobs / generated_length ** lengthPenalty, the early-stopping heuristics, and sequence scores.
// Scores are kept in float32 (Math.fround) like torch's tensors so ties and -1e9 masks behave the same.
import { philoxRng } from '../backend/random/philox.js';
import { GenerationError } from '../errors/t5-core-error.js';
import type { DecoderSession } from './decoder-session.js';
import type { ResolvedGenerateOptions } from './generate-options.js';
import type { GenerationOutput } from './generation-output.js';
import type { SpecialIds } from './greedy-search.js';
import { applySamplingWarpers, logSoftmax, suppressEosBeforeMinLength } from './logits-processors.js';
import { topKIndices } from './top-k.js';

const f32 = Math.fround;
const MASK = -1.0e9;

interface Hypothesis {
  tokens: number[];
  score: number;
  /** Tokens generated after the decoder start token (HF counts these through beam_indices). */
  generated: number;
}

interface Candidate extends Hypothesis {
  beam: number;
  hitsStop: boolean;
}

/**
 * Runs beam search (beam sampling when `options.doSample`) for `session.rows / numBeams` examples.
 *
 * @returns `numReturnSequences` rows per example, best first, and their sequence scores
 */
export async function beamSearch(
  session: DecoderSession,
  ids: SpecialIds,
  options: ResolvedGenerateOptions,
): Promise<GenerationOutput> {
  const { numBeams, lengthPenalty, earlyStopping } = options;
  const batch = session.rows / numBeams;
  const promptLength = 1; // the decoder start token
  const maxLength = promptLength + options.maxNewTokens;
  const keep = 2 * numBeams; // HF: max(2, 1 + number of EOS ids) × numBeams
  const minTokensToKeep = 2; // HF keeps EOS + 1 when warping beam scores
  // HF fills unused positions with `pad_token_id or eos_token_id`: a pad id of 0 is falsy, so EOS it is.
  const fill = ids.padTokenId || ids.eosTokenId;
  const rng = options.doSample ? philoxRng(options.seed) : null;

  const running: Hypothesis[][] = Array.from({ length: batch }, () =>
    Array.from({ length: numBeams }, (_, j) => ({
      tokens: [ids.decoderStartTokenId],
      // Only the first beam is live at the start, so the first step does not pick the same token numBeams times.
      score: j === 0 ? 0 : MASK,
      generated: 0,
    })),
  );
  const finished: Hypothesis[][] = Array.from({ length: batch }, () =>
    Array.from({ length: numBeams }, () => ({ tokens: [], score: MASK, generated: 0 })),
  );
  const isFinished: boolean[][] = Array.from({ length: batch }, () => new Array(numBeams).fill(false));
  const improvable = new Array<boolean>(batch).fill(true);
  const stepLogits: Float32Array[][] = [];
  const stepScores: Float32Array[][] = [];
  const processor = options.logitsProcessor;
  const inputRows = Array.from({ length: batch * numBeams }, (_, r) => Math.floor(r / numBeams));
  const noneFinished = new Array<boolean>(batch * numBeams).fill(false);

  for (let curLength = promptLength; ; ) {
    const prefixes = running.flatMap((beams) => beams.map((h) => h.tokens));
    const logits = await session.nextLogits(prefixes);
    const logProbs = logits.map((row) => {
      const s = logSoftmax(row);
      suppressEosBeforeMinLength(s, curLength - promptLength, options.minNewTokens, ids.eosTokenId);
      return s;
    });
    if (processor !== null) {
      const step = curLength - promptLength;
      await processor.process({
        sequences: prefixes,
        inputRows,
        scores: logProbs,
        step,
        maxNewTokens: options.maxNewTokens,
        finished: noneFinished,
      });
    }
    if (options.doSample) for (const s of logProbs) applySamplingWarpers(s, options, minTokensToKeep);
    if (options.returnScores) {
      stepLogits.push(logits);
      stepScores.push(logProbs);
    }
    const rowSources: number[] = [];
    let allHit = true;
    for (let b = 0; b < batch; b++) {
      const vocab = logProbs[0].length;
      const accumulated = new Float32Array(numBeams * vocab);
      for (let j = 0; j < numBeams; j++) {
        const row = logProbs[b * numBeams + j];
        const base = running[b][j].score;
        for (let t = 0; t < vocab; t++) accumulated[j * vocab + t] = row[t] + base;
      }
      const picked = rng ? sampleWithoutReplacement(accumulated, keep, rng) : topKIndices(accumulated, keep);
      if (picked.length < keep && processor !== null) {
        // A logits processor (constrained decoding) may leave fewer tokens than slots: the rest are filled with
        // the best rejected (-Infinity) candidates, which never beat a real one, instead of refusing.
        const taken = new Set(picked);
        const rest = accumulated.map((v, i) => (taken.has(i) ? Number.NEGATIVE_INFINITY : v));
        for (const index of topKIndices(rest, 2 * keep)) {
          if (picked.length === keep) break;
          if (!taken.has(index)) picked.push(index);
        }
      }
      if (picked.length < keep) {
        // torch.multinomial refuses the same way: too few tokens survive the warpers to fill 2 x numBeams slots.
        throw new GenerationError(
          `generate: beam sampling needs ${keep} candidate tokens for example ${b} but only ${picked.length} have non-zero probability; raise topK/topP`,
        );
      }
      const candidates: Candidate[] = picked.map((index) => {
        const beam = Math.floor(index / vocab);
        const token = index % vocab;
        return {
          tokens: [...running[b][beam].tokens, token],
          score: accumulated[index],
          generated: curLength + 1 - promptLength,
          beam,
          hitsStop: token === ids.eosTokenId || curLength + 1 >= maxLength,
        };
      });
      if (!candidates.every((c) => c.hitsStop)) allHit = false;

      // Next running beams: the best candidates that did not stop.
      const runScores = candidates.map((c) => f32(c.score + (c.hitsStop ? MASK : 0)));
      const nextRunning = topKIndices(runScores, numBeams).map((c) => ({
        tokens: candidates[c].tokens,
        score: runScores[c],
        generated: candidates[c].generated,
        beam: candidates[c].beam,
      }));

      // Finished hypotheses: only candidates among the top numBeams that just stopped may enter.
      const full = isFinished[b].every(Boolean) && earlyStopping === true;
      const penalty = (curLength + 1 - promptLength) ** lengthPenalty;
      const finScores = candidates.map((c, i) => {
        let s = f32(c.score / penalty);
        if (full) s = f32(s + MASK);
        if (!improvable[b]) s = f32(s + MASK);
        if (!(c.hitsStop && i < numBeams)) s = f32(s + MASK);
        return s;
      });
      const merged = [...finished[b].map((h) => h.score), ...finScores];
      const mergedFlags = [...isFinished[b], ...candidates.map((c, i) => c.hitsStop && i < numBeams)];
      const chosen = topKIndices(merged, numBeams);
      finished[b] = chosen.map((m) =>
        m < numBeams
          ? finished[b][m]
          : {
              tokens: candidates[m - numBeams].tokens,
              score: merged[m],
              generated: candidates[m - numBeams].generated,
            },
      );
      isFinished[b] = chosen.map((m) => mergedFlags[m]);

      running[b] = nextRunning.map(({ beam: _beam, ...h }) => h);
      for (const h of nextRunning) rowSources.push(b * numBeams + h.beam);
    }
    session.reorder(rowSources);
    curLength += 1;

    // Early-stopping heuristic: can the best running beam still beat the worst finished hypothesis?
    const bestLength =
      earlyStopping === 'never' && lengthPenalty > 0 ? maxLength - promptLength : curLength - promptLength;
    for (let b = 0; b < batch; b++) {
      const bestPossible = f32(running[b][0].score / bestLength ** lengthPenalty);
      const worstFinished = Math.min(...finished[b].map((h) => h.score));
      improvable[b] =
        improvable[b] && isFinished[b].some((done) => bestPossible > (done ? worstFinished : MASK));
    }
    const improvementPossible = improvable.some(Boolean);
    const openBeam = !(isFinished.every((flags) => flags.every(Boolean)) && earlyStopping === true);
    if (!(improvementPossible && openBeam && !allHit)) break;
  }

  const returned = finished.flatMap((hyps) => hyps.slice(0, options.numReturnSequences));
  const outputLength = promptLength + Math.max(...returned.map((h) => h.generated));
  const sequences = returned.map((h) => {
    const row = h.tokens.slice(0, outputLength);
    while (row.length < outputLength) row.push(fill);
    return row;
  });
  const scores = returned.map((h) => h.score);
  return options.returnScores ? { sequences, scores, stepLogits, stepScores } : { sequences, scores };
}

/** torch.multinomial(softmax(scores), k) without replacement: k successive draws, each renormalised. */
function sampleWithoutReplacement(scores: Float32Array, k: number, rng: () => number): number[] {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of scores) if (v > max) max = v;
  const weights = new Float64Array(scores.length);
  let total = 0;
  for (let i = 0; i < scores.length; i++) {
    weights[i] = Math.exp(scores[i] - max);
    total += weights[i];
  }
  const picked: number[] = [];
  for (let n = 0; n < k; n++) {
    let u = rng() * total;
    let choice = -1;
    for (let i = 0; i < weights.length; i++) {
      if (weights[i] <= 0) continue;
      choice = i;
      u -= weights[i];
      if (u < 0) break;
    }
    if (choice === -1) break;
    picked.push(choice);
    total -= weights[choice];
    weights[choice] = 0;
  }
  return picked;
}
