import { GramCounts, NgramInterner, expectedNgrams, memoize } from '../shared/ngrams.js';
import { type References, normalizeInputs } from '../shared/normalize-inputs.js';
import { type TokenizeOption, resolveTokenizer } from './tokenizer-option.js';

/** Arguments of {@link googleBleu}, named after evaluate's `google_bleu.compute` in camelCase. */
export interface GoogleBleuOptions {
  predictions: readonly string[];
  /** One reference per prediction, or a list of references (the one with the best n-gram F-ratio counts). */
  references: References;
  /** Shortest n-gram order, default 1. */
  minLen?: number;
  /** Longest n-gram order, default 4. */
  maxLen?: number;
  /** Tokenizer, default `'13a'` as in evaluate. */
  tokenize?: TokenizeOption;
}

/** evaluate's `google_bleu` output. */
export interface GoogleBleuResult {
  google_bleu: number;
}

/**
 * Corpus GLEU equal to Hugging Face evaluate's `google_bleu` (nltk `corpus_gleu` over 13a tokens): matching n-grams
 * over max(hypothesis n-grams, reference n-grams), summed over the corpus. 0 when there is no n-gram at all.
 *
 * @example
 * googleBleu({ predictions: ['SELECT a FROM t'], references: ['SELECT a FROM t'] }) // { google_bleu: 1 }
 */
export function googleBleu(options: GoogleBleuOptions): GoogleBleuResult {
  if (options === null || typeof options !== 'object') {
    throw new TypeError('googleBleu: expected an options object { predictions, references }');
  }
  const minLen = options.minLen ?? 1;
  const maxLen = options.maxLen ?? 4;
  if (!Number.isInteger(minLen) || minLen < 1) {
    throw new RangeError(`googleBleu: minLen must be a positive integer, found ${minLen}`);
  }
  if (!Number.isInteger(maxLen) || maxLen < minLen) {
    throw new RangeError(`googleBleu: maxLen must be an integer >= minLen (${minLen}), found ${maxLen}`);
  }
  const tokenize = resolveTokenizer('googleBleu', options.tokenize);
  const { predictions, references } = normalizeInputs('googleBleu', options.predictions, options.references);
  const interner = new NgramInterner(expectedNgrams(predictions) + expectedNgrams(references));
  const gramsOf = memoize((text: string) => interner.ids(tokenize(text), minLen, maxLen));
  const hyp = new GramCounts();
  const ref = new GramCounts();
  let corpusMatch = 0;
  let corpusAll = 0;
  for (let i = 0; i < predictions.length; i++) {
    const hypGrams = gramsOf(predictions[i]);
    hyp.addAll(hypGrams);
    const tpfp = hypGrams.length;
    // nltk keeps the first reference with the highest tp / n_all (Python's max is first-wins on ties).
    let best: [number, number] | null = null;
    for (const refText of references[i]) {
      const refGrams = gramsOf(refText);
      ref.addAll(refGrams);
      const tpfn = refGrams.length;
      let tp = 0;
      for (let k = 0; k < ref.length; k++) {
        const g = ref.touched[k];
        tp += Math.min(ref.counts[g], hyp.get(g));
      }
      ref.clear();
      const nAll = Math.max(tpfp, tpfn);
      if (nAll > 0 && (best === null || tp / nAll > best[0] / best[1])) best = [tp, nAll];
    }
    hyp.clear();
    if (best !== null) {
      corpusMatch += best[0];
      corpusAll += best[1];
    }
  }
  return { google_bleu: corpusAll === 0 ? 0 : corpusMatch / corpusAll };
}
