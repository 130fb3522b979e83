// The hook through which a caller edits each decoding step's scores before a token is chosen (transformers'
// `LogitsProcessor`): constrained decoding, banned words, schema-aware SQL (PICARD-style).

/** One decoding step, as a {@link LogitsProcessor} sees it. */
export interface LogitsProcessorStep {
  /** Tokens of each row so far, decoder start token first: `[rows][1 + step]`. Read only. */
  readonly sequences: readonly (readonly number[])[];
  /**
   * The input row (index into `inputIds`) each row decodes: rows are inputs × beams, or × returned samples,
   * example-major, so `inputRows[r] = floor(r / expansion)`.
   */
  readonly inputRows: readonly number[];
  /**
   * Next-token scores of each row, edited in place: greedy search and sampling see logits (before temperature,
   * top-k and top-p), beam search log-probabilities (HF applies processors to both at this point). Set a
   * rejected token to `-Infinity`. Leave every row at least one finite score: greedy search takes the argmax,
   * and a row with none would take token 0.
   */
  readonly scores: Float32Array[];
  /** Tokens generated before this step (0 at the first). */
  readonly step: number;
  /**
   * The call's `maxNewTokens`: a row that has not ended by step `maxNewTokens - 1` is cut there, so a processor
   * that must see its rows end (a grammar constraint) knows how many tokens are left.
   */
  readonly maxNewTokens: number;
  /** Rows that already produced EOS (greedy search and sampling: their next token is replaced by the pad id). */
  readonly finished: readonly boolean[];
}

/**
 * Edits each step's scores before the token choice of greedy search, beam search and sampling. Generation reads
 * every step's logits back to the host when a processor is given (greedy search then leaves its on-device loop).
 *
 * @example
 * const banUnk: LogitsProcessor = { process: ({ scores }) => scores.forEach((row) => { row[2] = -Infinity; }) };
 * await model.generate(batch.inputIds, { maxNewTokens: 64, logitsProcessor: banUnk });
 */
export interface LogitsProcessor {
  process(step: LogitsProcessorStep): void | Promise<void>;
}
