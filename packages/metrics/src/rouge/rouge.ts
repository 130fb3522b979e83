import { type References, normalizeInputs } from '../shared/normalize-inputs.js';
import { numpyMean } from '../shared/numpy-mean.js';
import { PorterStemmer } from '../text/porter-stemmer.js';
import { type BootstrapInterval, type BootstrapOptions, bootstrapMean } from './bootstrap.js';
import { Mt19937 } from './mt19937.js';
import { PairScorer, type RougeScore } from './score-pair.js';

/** A ROUGE variant: n-gram overlap `rouge1`..`rouge9`, sentence-level LCS `rougeL`, summary-level LCS `rougeLsum`. */
export type RougeType =
  | 'rouge1'
  | 'rouge2'
  | 'rouge3'
  | 'rouge4'
  | 'rouge5'
  | 'rouge6'
  | 'rouge7'
  | 'rouge8'
  | 'rouge9'
  | 'rougeL'
  | 'rougeLsum';

/** evaluate's default `rouge_types`. */
export const DEFAULT_ROUGE_TYPES = ['rouge1', 'rouge2', 'rougeL', 'rougeLsum'] as const;

type DefaultRougeType = (typeof DEFAULT_ROUGE_TYPES)[number];

/** Arguments of {@link rouge}, named after evaluate's `rouge.compute` in camelCase. */
export interface RougeOptions<T extends RougeType = DefaultRougeType> {
  predictions: readonly string[];
  /** One reference per prediction, or a list of references (the best-scoring one counts, per ROUGE type). */
  references: References;
  /** Which scores to compute; default `['rouge1', 'rouge2', 'rougeL', 'rougeLsum']`. */
  rougeTypes?: readonly T[];
  /** Porter-stem tokens longer than three characters before matching (rouge_score's `use_stemmer`). Default false. */
  useStemmer?: boolean;
  /** `false` returns one F-measure per example instead of the corpus aggregate. Default true. */
  useAggregator?: boolean;
  /**
   * Aggregate with rouge_score's bootstrap and return its median (`mid`) instead of the plain mean, as evaluate does.
   * `true` means the defaults (seed 42, 1000 samples, 95 %). Ignored when `useAggregator` is false.
   */
  bootstrap?: boolean | BootstrapOptions;
}

/** Corpus F-measures keyed by ROUGE type. */
export type RougeResult<T extends RougeType = DefaultRougeType> = { [K in T]: number };

/** Per-example F-measures keyed by ROUGE type (`useAggregator: false`). */
export type RougePerExampleResult<T extends RougeType = DefaultRougeType> = { [K in T]: number[] };

const ROUGE_TYPE = /^(rouge[1-9]|rougeL|rougeLsum)$/;

function checkTypes(types: readonly string[]): void {
  if (!Array.isArray(types) || types.length === 0) {
    throw new TypeError('rouge: rougeTypes must be a non-empty array such as ["rouge1", "rougeL"]');
  }
  types.forEach((t, i) => {
    if (typeof t !== 'string' || !ROUGE_TYPE.test(t)) {
      throw new RangeError(
        `rouge: rougeTypes[${i}] is ${JSON.stringify(t)}; expected rouge1..rouge9, rougeL or rougeLsum`,
      );
    }
  });
}

/** Per-type F-measure of every example; several references take rouge_score's `score_multi` maximum. */
function perExample(options: RougeOptions<RougeType>, types: readonly RougeType[]): Record<string, number[]> {
  const { predictions, references } = normalizeInputs('rouge', options.predictions, options.references);
  const scorer = new PairScorer(options.useStemmer ? new PorterStemmer() : undefined);
  const out: Record<string, number[]> = {};
  for (const t of types) out[t] = new Array(predictions.length);
  for (let i = 0; i < predictions.length; i++) {
    const scores: Record<string, RougeScore>[] = references[i].map((ref) =>
      scorer.score(ref, predictions[i], types),
    );
    for (const t of types) {
      // np.argmax: the first reference with the highest F-measure.
      let best = scores[0][t].fmeasure;
      for (let k = 1; k < scores.length; k++) if (scores[k][t].fmeasure > best) best = scores[k][t].fmeasure;
      out[t][i] = best;
    }
  }
  return out;
}

function bootstrapSettings(b: boolean | BootstrapOptions | undefined): Required<BootstrapOptions> {
  const o = typeof b === 'object' && b !== null ? b : {};
  const seed = o.seed ?? 42;
  const samples = o.samples ?? 1000;
  const confidence = o.confidence ?? 0.95;
  if (!Number.isInteger(samples) || samples < 1) {
    throw new RangeError(`rouge: bootstrap.samples must be a positive integer, found ${samples}`);
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(
      `rouge: bootstrap.confidence must lie strictly between 0 and 1, found ${confidence}`,
    );
  }
  return { seed, samples, confidence };
}

/**
 * ROUGE F-measures equal to Hugging Face evaluate's `rouge` (Google's rouge_score 0.1.2 with its default tokenizer).
 *
 * The corpus value is the plain mean of the per-example F-measures (NumPy's `mean`), which is deterministic.
 * evaluate itself reports the median of an unseeded 1,000-sample bootstrap of that mean; pass `bootstrap: { seed }`
 * to get exactly that median for `np.random.seed(seed)`, or call {@link rougeBootstrap} for low/mid/high.
 *
 * @example
 * rouge({ predictions: ['SELECT name FROM users'], references: ['SELECT name FROM user'] })
 * // { rouge1: 0.75, rouge2: 0.6666666666666666, rougeL: 0.75, rougeLsum: 0.75 }
 * rouge({ predictions, references, useAggregator: false }).rougeL // one number per example
 */
export function rouge<T extends RougeType = DefaultRougeType>(
  options: RougeOptions<T> & { useAggregator: false },
): RougePerExampleResult<T>;
export function rouge<T extends RougeType = DefaultRougeType>(options: RougeOptions<T>): RougeResult<T>;
export function rouge(options: RougeOptions<RougeType>): Record<string, number | number[]> {
  if (options === null || typeof options !== 'object') {
    throw new TypeError('rouge: expected an options object { predictions, references }');
  }
  const types = (options.rougeTypes ?? DEFAULT_ROUGE_TYPES) as readonly RougeType[];
  checkTypes(types);
  const per = perExample(options, types);
  if (options.useAggregator === false) return per;
  const out: Record<string, number> = {};
  if (options.bootstrap !== undefined && options.bootstrap !== false) {
    const intervals = aggregateBootstrap(per, types, bootstrapSettings(options.bootstrap));
    for (const t of types) out[t] = intervals[t].mid;
    return out;
  }
  for (const t of types) out[t] = numpyMean(per[t]);
  return out;
}

function aggregateBootstrap(
  per: Record<string, number[]>,
  types: readonly RougeType[],
  settings: Required<BootstrapOptions>,
): Record<string, BootstrapInterval> {
  // One generator for all types, consumed in type order, as rouge_score's aggregator does after np.random.seed.
  const rng = new Mt19937(settings.seed);
  const out: Record<string, BootstrapInterval> = {};
  for (const t of types) out[t] = bootstrapMean(per[t], rng, settings.samples, settings.confidence);
  return out;
}

/**
 * rouge_score's `BootstrapAggregator` result (F-measure low / mid / high per type), reproducing NumPy's random
 * stream for `np.random.seed(seed)` so the figures equal evaluate's when it is seeded the same way.
 *
 * @example
 * rougeBootstrap({ predictions, references, bootstrap: { seed: 42 } }).rougeL // { low, mid, high }
 */
export function rougeBootstrap<T extends RougeType = DefaultRougeType>(
  options: Omit<RougeOptions<T>, 'useAggregator'>,
): { [K in T]: BootstrapInterval } {
  const types = (options.rougeTypes ?? DEFAULT_ROUGE_TYPES) as readonly RougeType[];
  checkTypes(types);
  const per = perExample(options as RougeOptions<RougeType>, types);
  return aggregateBootstrap(per, types, bootstrapSettings(options.bootstrap)) as {
    [K in T]: BootstrapInterval;
  };
}
