"""Throughput of the Python reference metrics on the benchmark's SQL pairs (not run by tests).

Usage:
  node benchmarks/dist/micro/metrics.js --write-pairs /tmp/metric-pairs.json
  python3 packages/metrics/scripts/bench_python_reference.py /tmp/metric-pairs.json [repeats] [--cpu]

Each metric is computed the way Hugging Face evaluate's metric scripts compute it:
  rouge       rouge_score.RougeScorer(["rouge1","rouge2","rougeL","rougeLsum"]).score per pair, then either the
              per-example F-measures (use_aggregator=False, what @t5sql/metrics' mean is computed from) or
              BootstrapAggregator (evaluate's default)
  bleu        13a tokenization (sacrebleu's Tokenizer13a, which evaluate's tokenizer_13a.py copies) + nmt compute_bleu
  google_bleu 13a tokenization + nltk.translate.gleu_score.corpus_gleu
  meteor      nltk word_tokenize + meteor_score.single_meteor_score per pair, np.mean; the WordNet load is
              timed separately (first synsets() call)
Needs: rouge_score, nltk (with wordnet and punkt_tab data), sacrebleu, numpy.
"""
import collections
import json
import math
import sys
import time

import numpy as np


def _ngrams(tokens, max_order):
    counts = collections.Counter()
    for order in range(1, max_order + 1):
        for i in range(len(tokens) - order + 1):
            counts[tuple(tokens[i:i + order])] += 1
    return counts


def nmt_compute_bleu(reference_corpus, translation_corpus, max_order=4):
    """tensorflow/nmt's corpus BLEU without smoothing (the arithmetic evaluate's bleu.py runs)."""
    matches = [0] * max_order
    possible = [0] * max_order
    ref_len = 0
    trans_len = 0
    for references, translation in zip(reference_corpus, translation_corpus):
        ref_len += min(len(r) for r in references)
        trans_len += len(translation)
        merged = collections.Counter()
        for r in references:
            merged |= _ngrams(r, max_order)
        overlap = _ngrams(translation, max_order) & merged
        for ngram, count in overlap.items():
            matches[len(ngram) - 1] += count
        for order in range(1, max_order + 1):
            if len(translation) - order + 1 > 0:
                possible[order - 1] += len(translation) - order + 1
    precisions = [matches[i] / possible[i] if possible[i] > 0 else 0.0 for i in range(max_order)]
    geo = math.exp(sum((1.0 / max_order) * math.log(p) for p in precisions)) if min(precisions) > 0 else 0
    ratio = trans_len / ref_len
    bp = 1.0 if ratio > 1.0 else math.exp(1 - 1.0 / ratio)
    return geo * bp


def timed(fn, repeats, clock):
    best = float("inf")
    for _ in range(repeats):
        t0 = clock()
        fn()
        best = min(best, clock() - t0)
    return best


def main():
    pairs = json.load(open(sys.argv[1]))
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2].isdigit() else 3
    # --cpu: process CPU time instead of wall-clock, steadier on a shared machine.
    clock = time.process_time if "--cpu" in sys.argv else time.perf_counter
    preds, refs = pairs["predictions"], pairs["references"]
    n = len(preds)

    from rouge_score import rouge_scorer, scoring
    from sacrebleu.tokenizers.tokenizer_13a import Tokenizer13a
    from nltk.corpus import wordnet
    from nltk.tokenize import word_tokenize
    from nltk.translate import gleu_score, meteor_score

    types = ["rouge1", "rouge2", "rougeL", "rougeLsum"]

    def rouge_per_example(use_stemmer=False):
        scorer = rouge_scorer.RougeScorer(types, use_stemmer=use_stemmer)
        scores = [scorer.score(r, p) for r, p in zip(refs, preds)]
        return {k: float(np.mean([s[k].fmeasure for s in scores])) for k in types}

    def rouge_bootstrap():
        scorer = rouge_scorer.RougeScorer(types)
        agg = scoring.BootstrapAggregator()
        for r, p in zip(refs, preds):
            agg.add_scores(scorer.score(r, p))
        return {k: v.mid.fmeasure for k, v in agg.aggregate().items()}

    def tok13():
        # A fresh tokenizer per run, so its lru_cache helps within one run (repeated strings) but not across runs.
        tok = Tokenizer13a()
        return lambda s: tok(s).split()

    def bleu():
        t = tok13()
        return nmt_compute_bleu([[t(r)] for r in refs], [t(p) for p in preds])

    def google_bleu():
        t = tok13()
        return gleu_score.corpus_gleu([[t(r)] for r in refs], [t(p) for p in preds])

    t0 = time.perf_counter()
    wordnet.synsets("dog")  # forces the lazy WordNet load
    wordnet_load = time.perf_counter() - t0

    def meteor():
        return float(np.mean([
            meteor_score.single_meteor_score(word_tokenize(r), word_tokenize(p)) for r, p in zip(refs, preds)
        ]))

    rows = [
        ("rouge (use_aggregator=False, mean)", rouge_per_example),
        ("rouge (use_stemmer=True, mean)", lambda: rouge_per_example(True)),
        ("rouge (evaluate default: bootstrap)", rouge_bootstrap),
        ("bleu", bleu),
        ("google_bleu", google_bleu),
        ("meteor (WordNet loaded)", meteor),
    ]
    print(f"Python reference, {n} pairs, best of {repeats}, {'CPU' if clock is time.process_time else 'wall'} time")
    for name, fn in rows:
        seconds = timed(fn, repeats, clock)
        print(f"{name:40s} {n / seconds:10.0f} pairs/s  ({seconds * 1000:.1f} ms)")
    print(f"WordNet load (one-time): {wordnet_load * 1000:.0f} ms")


if __name__ == "__main__":
    main()
