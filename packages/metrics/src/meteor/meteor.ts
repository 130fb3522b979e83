import { type References, normalizeInputs } from '../shared/normalize-inputs.js';
import { numpyMean } from '../shared/numpy-mean.js';
import { PorterStemmer } from '../text/porter-stemmer.js';
import { wordTokenize } from '../text/word-tokenize.js';
import { sharedWordNet } from '../wordnet/load-wordnet.js';
import type { WordNet } from '../wordnet/wordnet.js';
import { alignWords } from './align-words.js';

/** Arguments of {@link meteor}, named after evaluate's `meteor.compute` in camelCase. */
export interface MeteorOptions {
  predictions: readonly string[];
  /** One reference per prediction, or a list of references (the best-scoring one counts). */
  references: References;
  /** Weight of precision vs recall in the harmonic mean, default 0.9. */
  alpha?: number;
  /** Exponent of the fragmentation penalty, default 3. */
  beta?: number;
  /** Maximum fragmentation penalty, default 0.5. */
  gamma?: number;
  /** A WordNet to use instead of the shared one loaded from `@t5sql/wordnet-data` (see {@link loadWordNet}). */
  wordnet?: WordNet;
}

/** evaluate's `meteor` output. */
export interface MeteorResult {
  meteor: number;
}

interface Params {
  alpha: number;
  beta: number;
  gamma: number;
}

/** nltk's `single_meteor_score` on lowercased tokens; 0 wherever nltk's arithmetic would divide by zero. */
function singleMeteor(
  ref: readonly string[],
  hyp: readonly string[],
  p: Params,
  stemmer: PorterStemmer,
  wn: WordNet,
): number {
  const translationLength = hyp.length;
  const referenceLength = ref.length;
  if (translationLength === 0 || referenceLength === 0) return 0;
  const { matches: matchesCount, chunks } = alignWords(hyp, ref, stemmer, wn);
  if (matchesCount === 0) return 0;
  const precision = matchesCount / translationLength;
  const recall = matchesCount / referenceLength;
  const denom = p.alpha * precision + (1 - p.alpha) * recall;
  if (denom === 0) return 0;
  const fmean = (precision * recall) / denom;
  const fragFrac = chunks / matchesCount;
  const penalty = p.gamma * fragFrac ** p.beta;
  return (1 - penalty) * fmean;
}

function checkParam(name: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TypeError(`meteor: ${name} must be a finite number, found ${String(value)}`);
  }
  return value;
}

/**
 * METEOR equal to Hugging Face evaluate's `meteor` (nltk 3.10 `meteor_score` with WordNet 3.0 synonyms, nltk's
 * Porter stemmer and `word_tokenize`), averaged over examples with NumPy's `mean`.
 *
 * Async because WordNet (about 30 MB) is read on the first call; it is then cached for the process. Call
 * {@link loadWordNet} / {@link preloadWordNet} up front to pay that cost outside a timed loop.
 *
 * @example
 * await meteor({ predictions: ['It is a cat.'], references: ['It is a cat.'] }) // { meteor: 0.996 }
 */
export async function meteor(options: MeteorOptions): Promise<MeteorResult> {
  if (options === null || typeof options !== 'object') {
    throw new TypeError('meteor: expected an options object { predictions, references }');
  }
  const params: Params = {
    alpha: checkParam('alpha', options.alpha ?? 0.9),
    beta: checkParam('beta', options.beta ?? 3),
    gamma: checkParam('gamma', options.gamma ?? 0.5),
  };
  const { predictions, references } = normalizeInputs('meteor', options.predictions, options.references);
  const wn = options.wordnet ?? (await sharedWordNet());
  const stemmer = new PorterStemmer();
  // evaluate tokenizes every string; corpora repeat strings, so each distinct one is tokenized once per call.
  const cache = new Map<string, string[]>();
  const tokens = (text: string): string[] => {
    let t = cache.get(text);
    if (t === undefined) {
      t = wordTokenize(text).map((w) => w.toLowerCase());
      cache.set(text, t);
    }
    return t;
  };
  const scores = predictions.map((pred, i) => {
    const hyp = tokens(pred);
    let best = Number.NEGATIVE_INFINITY;
    for (const ref of references[i])
      best = Math.max(best, singleMeteor(tokens(ref), hyp, params, stemmer, wn));
    return best;
  });
  return { meteor: numpyMean(scores) };
}

/**
 * Loads the shared WordNet now (the one-time cost METEOR otherwise pays on its first call) and resolves when ready.
 *
 * @example
 * await preloadWordNet(); // then time meteor() without the load
 */
export async function preloadWordNet(): Promise<void> {
  await sharedWordNet();
}
