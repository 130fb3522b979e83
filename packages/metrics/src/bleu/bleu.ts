import { GramCounts, NgramInterner, expectedNgrams, memoize } from '../shared/ngrams.js';
import { type References, normalizeInputs } from '../shared/normalize-inputs.js';
import { type TokenizeOption, resolveTokenizer } from './tokenizer-option.js';

/** Arguments of {@link bleu}, named after evaluate's `bleu.compute` in camelCase. */
export interface BleuOptions {
  predictions: readonly string[];
  /** One reference per prediction, or a list of references (n-gram counts clipped by their maximum). */
  references: References;
  /** Highest n-gram order, default 4. */
  maxOrder?: number;
  /** Add-one smoothing of every precision (Lin & Och 2004), default false. */
  smooth?: boolean;
  /** Tokenizer, default `'13a'` as in evaluate. */
  tokenize?: TokenizeOption;
}

/** evaluate's `bleu` output. */
export interface BleuResult {
  bleu: number;
  precisions: number[];
  brevity_penalty: number;
  length_ratio: number;
  translation_length: number;
  reference_length: number;
}

function checkOrder(maxOrder: number): void {
  if (!Number.isInteger(maxOrder) || maxOrder < 1) {
    throw new RangeError(`bleu: maxOrder must be a positive integer, found ${maxOrder}`);
  }
}

/**
 * Corpus BLEU equal to Hugging Face evaluate's `bleu`: tensorflow/nmt's `compute_bleu` over 13a tokens. The
 * reference length of an example is its shortest reference.
 *
 * Where the reference raises ZeroDivisionError we return values instead (sacrebleu's conventions): with no
 * prediction tokens the brevity penalty and BLEU are 0; with no reference tokens the length ratio is 0 and the
 * brevity penalty 1.
 *
 * @example
 * bleu({ predictions: ['SELECT name FROM users'], references: [['SELECT name FROM users', 'SELECT * FROM users']] })
 * // { bleu: 1, precisions: [1, 1, 1, 1], brevity_penalty: 1, length_ratio: 1, translation_length: 4, reference_length: 4 }
 */
export function bleu(options: BleuOptions): BleuResult {
  if (options === null || typeof options !== 'object') {
    throw new TypeError('bleu: expected an options object { predictions, references }');
  }
  const maxOrder = options.maxOrder ?? 4;
  checkOrder(maxOrder);
  const tokenize = resolveTokenizer('bleu', options.tokenize);
  const { predictions, references } = normalizeInputs('bleu', options.predictions, options.references);
  const interner = new NgramInterner(expectedNgrams(predictions) + expectedNgrams(references));
  // Token count and n-gram ids of each distinct string, computed once per call.
  const analyze = memoize((text: string) => {
    const tokens = tokenize(text);
    return { length: tokens.length, grams: interner.ids(tokens, 1, maxOrder) };
  });
  const refMax = new GramCounts();
  const tmp = new GramCounts();
  const matches = new Array<number>(maxOrder).fill(0);
  const possible = new Array<number>(maxOrder).fill(0);
  let referenceLength = 0;
  let translationLength = 0;
  for (let i = 0; i < predictions.length; i++) {
    const refs = references[i].map(analyze);
    const hyp = analyze(predictions[i]);
    let shortest = Number.POSITIVE_INFINITY;
    for (const r of refs) shortest = Math.min(shortest, r.length);
    referenceLength += shortest;
    translationLength += hyp.length;
    // Counter |= : the maximum count of each n-gram over the references; then the clipped overlap.
    for (const r of refs) {
      tmp.addAll(r.grams);
      for (let k = 0; k < tmp.length; k++) {
        const g = tmp.touched[k];
        const c = tmp.counts[g];
        const m = refMax.get(g);
        if (c > m) refMax.add(g, c - m);
      }
      tmp.clear();
    }
    tmp.addAll(hyp.grams);
    for (let k = 0; k < tmp.length; k++) {
      const g = tmp.touched[k];
      const r = refMax.get(g);
      if (r > 0) matches[interner.order[g] - 1] += Math.min(tmp.counts[g], r);
    }
    tmp.clear();
    refMax.clear();
    for (let order = 1; order <= maxOrder; order++) {
      const p = hyp.length - order + 1;
      if (p > 0) possible[order - 1] += p;
    }
  }
  const precisions = new Array<number>(maxOrder);
  for (let i = 0; i < maxOrder; i++) {
    if (options.smooth) precisions[i] = (matches[i] + 1) / (possible[i] + 1);
    else precisions[i] = possible[i] > 0 ? matches[i] / possible[i] : 0;
  }
  let geoMean = 0;
  if (Math.min(...precisions) > 0) {
    // Python's sum() from 0, adding (1/max_order) * log(p) in order.
    let logSum = 0;
    for (const p of precisions) logSum += (1 / maxOrder) * Math.log(p);
    geoMean = Math.exp(logSum);
  }
  let ratio: number;
  let bp: number;
  if (referenceLength === 0) {
    ratio = 0;
    bp = 1;
  } else {
    ratio = translationLength / referenceLength;
    if (ratio > 1) bp = 1;
    else bp = translationLength === 0 ? 0 : Math.exp(1 - 1 / ratio);
  }
  return {
    bleu: geoMean * bp,
    precisions,
    brevity_penalty: bp,
    length_ratio: ratio,
    translation_length: translationLength,
    reference_length: referenceLength,
  };
}
