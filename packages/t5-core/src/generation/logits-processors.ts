// Per-row score transforms in transformers' order: processors (min length) first, then the sampling warpers
// temperature → top-k → top-p. Rows are float32 like torch's; filtered entries become -Infinity.

/** log_softmax of one row (max-shifted, as torch computes it), rounded to float32. */
export function logSoftmax(row: Float32Array): Float32Array {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of row) if (v > max) max = v;
  let sum = 0;
  for (const v of row) sum += Math.exp(v - max);
  const logSum = Math.log(sum);
  const out = new Float32Array(row.length);
  for (let i = 0; i < row.length; i++) out[i] = row[i] - max - logSum;
  return out;
}

/** HF MinNewTokensLength / MinLength processor: EOS gets -inf while fewer than `minNewTokens` were generated. */
export function suppressEosBeforeMinLength(
  row: Float32Array,
  generated: number,
  minNewTokens: number,
  eosTokenId: number,
): void {
  if (generated < minNewTokens) row[eosTokenId] = Number.NEGATIVE_INFINITY;
}

/** HF TemperatureLogitsWarper: scores / temperature. */
export function applyTemperature(row: Float32Array, temperature: number): void {
  if (temperature === 1) return;
  for (let i = 0; i < row.length; i++) row[i] = row[i] / temperature;
}

/** HF TopKLogitsWarper: everything strictly below the k-th largest score is removed (ties at the k-th stay). */
export function applyTopK(row: Float32Array, topK: number, minTokensToKeep = 1): void {
  if (topK === 0) return;
  const k = Math.min(Math.max(topK, minTokensToKeep), row.length);
  if (k >= row.length) return;
  const sorted = Float32Array.from(row).sort();
  const kth = sorted[row.length - k];
  for (let i = 0; i < row.length; i++) if (row[i] < kth) row[i] = Number.NEGATIVE_INFINITY;
}

/**
 * HF TopPLogitsWarper: sort ascending, softmax, cumulative sum; drop tokens whose cumulative probability is
 * <= 1 - topP, always keeping the `minTokensToKeep` most likely.
 */
export function applyTopP(row: Float32Array, topP: number, minTokensToKeep = 1): void {
  if (topP >= 1) return;
  const order = Array.from(row.keys()).sort((a, b) => row[a] - row[b] || a - b);
  const probs = softmax(Float32Array.from(order, (i) => row[i]));
  let cumulative = 0;
  const keepFrom = row.length - minTokensToKeep;
  for (let j = 0; j < order.length; j++) {
    cumulative = Math.fround(cumulative + probs[j]);
    if (j < keepFrom && cumulative <= 1 - topP) row[order[j]] = Number.NEGATIVE_INFINITY;
  }
}

/** softmax of one row (float64 internally). */
export function softmax(row: Float32Array): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of row) if (v > max) max = v;
  const out = new Float64Array(row.length);
  let sum = 0;
  for (let i = 0; i < row.length; i++) {
    out[i] = Math.exp(row[i] - max);
    sum += out[i];
  }
  for (let i = 0; i < row.length; i++) out[i] /= sum;
  return out;
}

/** Applies the warpers HF enables for sampling, in HF's order. */
export function applySamplingWarpers(
  row: Float32Array,
  options: { temperature: number; topK: number; topP: number },
  minTokensToKeep = 1,
): void {
  applyTemperature(row, options.temperature);
  applyTopK(row, options.topK, minTokensToKeep);
  applyTopP(row, options.topP, minTokensToKeep);
}

/** Index of the largest entry (first on ties, like torch.argmax). */
export function argmax(row: Float32Array): number {
  let best = 0;
  for (let i = 1; i < row.length; i++) if (row[i] > row[best]) best = i;
  return best;
}

/** One multinomial draw from `probs` (sums to 1) with a uniform `u` in [0, 1). */
export function sampleIndex(probs: Float64Array, u: number): number {
  let cumulative = 0;
  let last = -1;
  for (let i = 0; i < probs.length; i++) {
    if (probs[i] <= 0) continue;
    last = i;
    cumulative += probs[i];
    if (u < cumulative) return i;
  }
  // Rounding can leave u just above the total; the last token with mass takes it.
  return last;
}
