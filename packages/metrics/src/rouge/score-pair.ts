import { tokenizeRouge } from '../text/rouge-tokenizer.js';
import type { PorterStemmer } from '../text/porter-stemmer.js';

/** Precision, recall and F-measure of one ROUGE type for one prediction/reference pair (rouge_score's `Score`). */
export interface RougeScore {
  precision: number;
  recall: number;
  fmeasure: number;
}

const ZERO: RougeScore = { precision: 0, recall: 0, fmeasure: 0 };

/** rouge_score's `scoring.fmeasure`: the harmonic mean, 0 when both are 0. */
function fmeasure(precision: number, recall: number): number {
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  // Tokens are [a-z0-9]+, so a space joins them without ambiguity.
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = n === 1 ? tokens[i] : tokens.slice(i, i + n).join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** rouge_score's `_score_ngrams`: clipped n-gram overlap, denominators floored at 1. */
export function scoreNgrams(target: readonly string[], prediction: readonly string[], n: number): RougeScore {
  const t = ngramCounts(target, n);
  const p = ngramCounts(prediction, n);
  let overlap = 0;
  let targetCount = 0;
  let predictionCount = 0;
  for (const [k, c] of t) {
    overlap += Math.min(c, p.get(k) ?? 0);
    targetCount += c;
  }
  for (const c of p.values()) predictionCount += c;
  const precision = overlap / Math.max(predictionCount, 1);
  const recall = overlap / Math.max(targetCount, 1);
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

/** LCS dynamic-programming table, (rows+1) x (cols+1), flattened row-major. */
function lcsTable(ref: readonly string[], can: readonly string[]): Int32Array {
  const cols = can.length + 1;
  const t = new Int32Array((ref.length + 1) * cols);
  for (let i = 1; i <= ref.length; i++) {
    const r = ref[i - 1];
    for (let j = 1; j <= can.length; j++) {
      const up = t[(i - 1) * cols + j];
      const left = t[i * cols + j - 1];
      t[i * cols + j] = r === can[j - 1] ? t[(i - 1) * cols + j - 1] + 1 : up > left ? up : left;
    }
  }
  return t;
}

/** rouge_score's `_score_lcs` (rougeL). */
export function scoreLcs(target: readonly string[], prediction: readonly string[]): RougeScore {
  if (target.length === 0 || prediction.length === 0) return ZERO;
  const t = lcsTable(target, prediction);
  const lcs = t[t.length - 1];
  const precision = lcs / prediction.length;
  const recall = lcs / target.length;
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

/** Indices into `ref` of one LCS with `can`, chosen by rouge_score's `_backtrack_norec` tie-breaking. */
function lcsIndices(ref: readonly string[], can: readonly string[]): number[] {
  const t = lcsTable(ref, can);
  const cols = can.length + 1;
  let i = ref.length;
  let j = can.length;
  const out: number[] = [];
  while (i > 0 && j > 0) {
    if (ref[i - 1] === can[j - 1]) {
      out.push(i - 1);
      i--;
      j--;
    } else if (t[i * cols + j - 1] > t[(i - 1) * cols + j]) {
      j--;
    } else {
      i--;
    }
  }
  return out.reverse();
}

/** rouge_score's `_summary_level_lcs` (rougeLsum): union LCS per reference sentence, without double counting. */
export function scoreSummaryLcs(refSents: readonly string[][], canSents: readonly string[][]): RougeScore {
  if (refSents.length === 0 || canSents.length === 0) return ZERO;
  let m = 0;
  let n = 0;
  for (const s of refSents) m += s.length;
  for (const s of canSents) n += s.length;
  if (m === 0 || n === 0) return ZERO;
  const countsR = new Map<string, number>();
  const countsC = new Map<string, number>();
  for (const s of refSents) for (const tok of s) countsR.set(tok, (countsR.get(tok) ?? 0) + 1);
  for (const s of canSents) for (const tok of s) countsC.set(tok, (countsC.get(tok) ?? 0) + 1);
  let hits = 0;
  for (const r of refSents) {
    const union = new Set<number>();
    for (const c of canSents) for (const idx of lcsIndices(r, c)) union.add(idx);
    const sorted = [...union].sort((a, b) => a - b);
    for (const idx of sorted) {
      const tok = r[idx];
      const cc = countsC.get(tok) ?? 0;
      const cr = countsR.get(tok) ?? 0;
      if (cc > 0 && cr > 0) {
        hits++;
        countsC.set(tok, cc - 1);
        countsR.set(tok, cr - 1);
      }
    }
  }
  const recall = hits / m;
  const precision = hits / n;
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

/** rouge_score's sentence split for rougeLsum without `split_summaries`: newlines, empty lines dropped. */
function summarySentences(text: string, stemmer: PorterStemmer | undefined): string[][] {
  return text
    .split('\n')
    .filter((s) => s.length > 0)
    .map((s) => tokenizeRouge(s, stemmer));
}

/**
 * Scores one prediction against one reference for each requested ROUGE type, like `RougeScorer.score`.
 * `rougeN` (N in 1..9) counts n-grams, `rougeL` is sentence-level LCS, `rougeLsum` summary-level LCS over lines.
 */
export function scorePair(
  reference: string,
  prediction: string,
  rougeTypes: readonly string[],
  stemmer: PorterStemmer | undefined,
): Record<string, RougeScore> {
  let refTokens: string[] | undefined;
  let predTokens: string[] | undefined;
  const out: Record<string, RougeScore> = {};
  for (const type of rougeTypes) {
    if (type === 'rougeLsum') {
      out[type] = scoreSummaryLcs(summarySentences(reference, stemmer), summarySentences(prediction, stemmer));
      continue;
    }
    refTokens ??= tokenizeRouge(reference, stemmer);
    predTokens ??= tokenizeRouge(prediction, stemmer);
    out[type] =
      type === 'rougeL' ? scoreLcs(refTokens, predTokens) : scoreNgrams(refTokens, predTokens, Number(type.slice(5)));
  }
  return out;
}
