import type { Mt19937 } from './mt19937.js';

/** Low / mid / high percentiles of the bootstrap distribution of the mean. */
export interface BootstrapInterval {
  low: number;
  mid: number;
  high: number;
}

/** Options of rouge_score's `BootstrapAggregator`. */
export interface BootstrapOptions {
  /** NumPy legacy seed (`np.random.seed(seed)`); evaluate leaves it unseeded, so pick one. Default 42. */
  seed?: number;
  /** Number of resamples, default 1000 as in rouge_score. */
  samples?: number;
  /** Confidence interval, default 0.95: low/high are its 2.5th and 97.5th percentiles. */
  confidence?: number;
}

/**
 * NumPy's `percentile(values, 100 * q)` with the default linear method, including its `_lerp` rounding
 * (interpolating from the upper neighbour when the fraction is at least 0.5).
 */
function percentileLinear(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  // numpy: n * q + (alpha + q * (1 - alpha - beta)) - 1 with alpha = beta = 1.
  const virtual = n * q + (1 + q * -1) - 1;
  if (virtual >= n - 1) return sorted[n - 1];
  if (virtual < 0) return sorted[0];
  const prev = Math.floor(virtual);
  const gamma = virtual - prev;
  const a = sorted[prev];
  const b = sorted[prev + 1];
  const diff = b - a;
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}

/**
 * rouge_score's bootstrap of the mean, reproducing NumPy's arithmetic: `samples` resamples with replacement drawn by
 * `np.random.choice`, each mean summed row by row then divided by n, then the linear percentiles.
 * `rng` is shared across calls so that several score types consume one stream in order, as rouge_score does.
 */
export function bootstrapMean(
  values: readonly number[],
  rng: Mt19937,
  samples: number,
  confidence: number,
): BootstrapInterval {
  const n = values.length;
  const means = new Float64Array(samples);
  for (let s = 0; s < samples; s++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[rng.randbelow(n)];
    means[s] = sum / n;
  }
  means.sort();
  const delta = (1 - confidence) / 2;
  // numpy receives q in percent (100 * [delta, 0.5, 1 - delta]) and divides by 100 again.
  const q = [(100 * delta) / 100, (100 * 0.5) / 100, (100 * (1 - delta)) / 100];
  return {
    low: percentileLinear(means, q[0]),
    mid: percentileLinear(means, q[1]),
    high: percentileLinear(means, q[2]),
  };
}
