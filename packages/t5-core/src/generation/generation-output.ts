// What a generation run returns.

/** Sequences plus the optional per-step tensors HF returns with `output_scores` / `output_logits`. */
export interface GenerationOutput {
  /** `[rows, length]`: decoder start token first; finished rows padded (greedy/sampling: pad id; beams: HF's fill). */
  sequences: number[][];
  /** Beam search: HF `sequences_scores` (length-penalised sum of log-probabilities), one per returned row. */
  scores?: number[];
  /** With `returnScores`: raw logits of every step, `[step][row][vocab]` (rows = batch × beams or × samples). */
  stepLogits?: Float32Array[][];
  /** With `returnScores`: the processed scores HF records as `scores` (log-probs for beams), `[step][row][vocab]`. */
  stepScores?: Float32Array[][];
}
