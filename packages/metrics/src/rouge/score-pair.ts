import { GramCounts, NgramInterner } from '../shared/ngrams.js';
import type { PorterStemmer } from '../text/porter-stemmer.js';
import { tokenizeRouge } from '../text/rouge-tokenizer.js';
import { BitParallelLcs } from './lcs.js';

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

function score(hits: number, predictionCount: number, targetCount: number): RougeScore {
  const precision = hits / predictionCount;
  const recall = hits / targetCount;
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

/** One text as the scorer needs it, computed once per distinct string and call. */
interface Analyzed {
  /** Token ids of the whole text. */
  tokens: Int32Array;
  /** Token ids per non-empty line (rougeLsum), or null when the text has no newline (then it is `[tokens]`). */
  lines: Int32Array[] | null;
  /** N-gram ids by order. */
  grams: Map<number, Int32Array>;
}

/**
 * Scores prediction/reference pairs like rouge_score's `RougeScorer.score`, with the tokens of one call interned to
 * integers: n-gram overlap counted in typed arrays, bit-parallel LCS over integer tokens (memory linear in the
 * text, not quadratic), each distinct text tokenized once.
 */
export class PairScorer {
  private readonly interner = new NgramInterner();
  private readonly cache = new Map<string, Analyzed>();
  private readonly counts = new GramCounts();
  private readonly predCounts = new GramCounts();
  private readonly lcs = new BitParallelLcs();

  constructor(private readonly stemmer: PorterStemmer | undefined) {}

  private analyze(text: string): Analyzed {
    let a = this.cache.get(text);
    if (a === undefined) {
      const ids = (s: string) => this.interner.tokenIdsOf(tokenizeRouge(s, this.stemmer));
      // rougeLsum splits on "\n" and drops empty lines (rouge_score without split_summaries).
      const lines = text.includes('\n')
        ? text
            .split('\n')
            .filter((l) => l.length > 0)
            .map(ids)
        : null;
      a = { tokens: ids(text), lines, grams: new Map() };
      this.cache.set(text, a);
    }
    return a;
  }

  private gramsOf(a: Analyzed, n: number): Int32Array {
    let g = a.grams.get(n);
    if (g === undefined) {
      g = this.interner.gramIds(a.tokens, n, n);
      a.grams.set(n, g);
    }
    return g;
  }

  /** rouge_score's `_score_ngrams`: clipped n-gram overlap, denominators floored at 1. */
  private scoreNgrams(target: Analyzed, prediction: Analyzed, n: number): RougeScore {
    const t = this.gramsOf(target, n);
    const p = this.gramsOf(prediction, n);
    this.counts.addAll(t);
    this.predCounts.addAll(p);
    let overlap = 0;
    for (let k = 0; k < this.counts.length; k++) {
      const g = this.counts.touched[k];
      overlap += Math.min(this.counts.counts[g], this.predCounts.get(g));
    }
    this.counts.clear();
    this.predCounts.clear();
    return score(overlap, Math.max(p.length, 1), Math.max(t.length, 1));
  }

  /** rouge_score's `_score_lcs` (rougeL). */
  private scoreLcs(target: Int32Array, prediction: Int32Array): RougeScore {
    if (target.length === 0 || prediction.length === 0) return ZERO;
    return score(this.lcs.length(target, prediction), prediction.length, target.length);
  }

  /** rouge_score's `_summary_level_lcs` (rougeLsum): union LCS per reference line, without double counting. */
  private scoreSummaryLcs(refSents: readonly Int32Array[], canSents: readonly Int32Array[]): RougeScore {
    if (refSents.length === 0 || canSents.length === 0) return ZERO;
    let m = 0;
    let n = 0;
    for (const s of refSents) m += s.length;
    for (const s of canSents) n += s.length;
    if (m === 0 || n === 0) return ZERO;
    const cr = this.counts;
    const cc = this.predCounts;
    for (const s of refSents) cr.addAll(s);
    for (const s of canSents) cc.addAll(s);
    let hits = 0;
    for (const r of refSents) {
      const union = new Set<number>();
      for (const c of canSents) this.lcs.addLcsIndices(r, c, union);
      for (const idx of [...union].sort((a, b) => a - b)) {
        const tok = r[idx];
        if (cc.get(tok) > 0 && cr.get(tok) > 0) {
          hits++;
          cc.add(tok, -1);
          cr.add(tok, -1);
        }
      }
    }
    cr.clear();
    cc.clear();
    return score(hits, n, m);
  }

  /**
   * Scores one prediction against one reference for each requested type: `rougeN` (N in 1..9) counts n-grams,
   * `rougeL` is sentence-level LCS, `rougeLsum` summary-level LCS over lines.
   */
  score(reference: string, prediction: string, rougeTypes: readonly string[]): Record<string, RougeScore> {
    const ref = this.analyze(reference);
    const pred = this.analyze(prediction);
    const out: Record<string, RougeScore> = {};
    for (const type of rougeTypes) {
      if (type === 'rougeL') {
        out[type] = this.scoreLcs(ref.tokens, pred.tokens);
      } else if (type === 'rougeLsum') {
        // With a single line on each side the union LCS is the LCS itself and no count can run out, so
        // rougeLsum equals rougeL; a text with no newline is one line (or none, when it is empty).
        if (ref.lines === null && pred.lines === null) {
          out[type] =
            reference.length === 0 || prediction.length === 0 ? ZERO : this.scoreLcs(ref.tokens, pred.tokens);
        } else {
          const lines = (a: Analyzed, text: string) => a.lines ?? (text.length > 0 ? [a.tokens] : []);
          out[type] = this.scoreSummaryLcs(lines(ref, reference), lines(pred, prediction));
        }
      } else {
        out[type] = this.scoreNgrams(ref, pred, Number(type.slice(5)));
      }
    }
    return out;
  }
}
