// T5's pre-training objective (Raffel et al. 2020, section 3.1.4; `random_spans_noise_mask` in the T5 codebase):
// about 15% of the tokens, in spans of mean length 3, are dropped from the input and replaced by one sentinel
// each; the target lists each sentinel followed by the tokens it hides.
import type { Mulberry32 } from '@t5sql/common';

/** Settings of the span-corruption objective; defaults are T5's. */
export interface SpanCorruptionOptions {
  /** Fraction of tokens hidden. T5: 0.15. */
  noiseDensity?: number;
  /** Mean hidden-span length. T5: 3. */
  meanNoiseSpanLength?: number;
  /** Id of `<extra_id_0>`; the i-th sentinel is `firstSentinelId - i` (T5's vocabulary counts them downwards). */
  firstSentinelId?: number;
  /** Appended to inputs and targets. T5: `</s>` = 1. */
  eosId?: number;
}

/** One pre-training example. */
export interface SpanCorruptedExample {
  inputIds: number[];
  labels: number[];
}

/** Splits `numItems` into `numSegments` non-empty runs whose lengths are random (uniform over compositions). */
function randomSegmentation(numItems: number, numSegments: number, rng: Mulberry32): number[] {
  // Choose numSegments-1 distinct cut points among the numItems-1 gaps.
  const cuts = rng
    .sample(numItems - 1, numSegments - 1)
    .map((c) => c + 1)
    .sort((a, b) => a - b);
  const lengths: number[] = [];
  let prev = 0;
  for (const c of [...cuts, numItems]) {
    lengths.push(c - prev);
    prev = c;
  }
  return lengths;
}

/**
 * The noise mask of T5's `random_spans_noise_mask`: `true` where a token is hidden. The sequence starts with a
 * kept span and alternates kept/hidden spans.
 */
export function randomSpansNoiseMask(
  length: number,
  rng: Mulberry32,
  noiseDensity = 0.15,
  meanNoiseSpanLength = 3,
): boolean[] {
  if (length < 2) return new Array<boolean>(length).fill(false);
  const numNoise = Math.min(Math.max(Math.round(length * noiseDensity), 1), length - 1);
  const numSpans = Math.max(Math.round(numNoise / meanNoiseSpanLength), 1);
  // Each kept and each hidden span needs at least one token.
  const spans = Math.min(numSpans, numNoise, length - numNoise);
  const noiseLengths = randomSegmentation(numNoise, spans, rng);
  const keepLengths = randomSegmentation(length - numNoise, spans, rng);
  const mask: boolean[] = [];
  for (let i = 0; i < spans; i++) {
    for (let k = 0; k < keepLengths[i]; k++) mask.push(false);
    for (let k = 0; k < noiseLengths[i]; k++) mask.push(true);
  }
  return mask;
}

/**
 * Applies span corruption to one token sequence (without a trailing `</s>`).
 *
 * @example
 * ```ts
 * const rng = new Mulberry32(derivePurposeSeed(seed, 'pretrain'));
 * const { inputIds, labels } = spanCorrupt(tokenizer.encode(text).slice(0, -1), rng);
 * ```
 */
export function spanCorrupt(
  ids: readonly number[],
  rng: Mulberry32,
  options: SpanCorruptionOptions = {},
): SpanCorruptedExample {
  const { noiseDensity = 0.15, meanNoiseSpanLength = 3, firstSentinelId = 32099, eosId = 1 } = options;
  const mask = randomSpansNoiseMask(ids.length, rng, noiseDensity, meanNoiseSpanLength);
  const inputIds: number[] = [];
  const labels: number[] = [];
  let sentinel = 0;
  for (let i = 0; i < ids.length; i++) {
    const startsSpan = mask[i] && (i === 0 || !mask[i - 1]);
    if (mask[i]) {
      if (startsSpan) {
        inputIds.push(firstSentinelId - sentinel);
        labels.push(firstSentinelId - sentinel);
        sentinel++;
      }
      labels.push(ids[i]);
    } else {
      inputIds.push(ids[i]);
    }
  }
  inputIds.push(eosId);
  labels.push(eosId);
  return { inputIds, labels };
}

/**
 * Concatenates token streams and cuts them into chunks of `chunkLength` tokens, as T5's pre-training packs its
 * corpus (the last, short chunk is dropped).
 */
export function packTokenStreams(streams: readonly (readonly number[])[], chunkLength: number): number[][] {
  const chunks: number[][] = [];
  let current: number[] = [];
  for (const s of streams) {
    for (const id of s) {
      current.push(id);
      if (current.length === chunkLength) {
        chunks.push(current);
        current = [];
      }
    }
  }
  return chunks;
}
