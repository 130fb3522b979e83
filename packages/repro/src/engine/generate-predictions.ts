import type { SqlTargetEncoding, TokenizedExample } from '@t5sql/datasets';
import { type IncrementalSeq2Seq, type T5Tokenizer, generateSequences } from '@t5sql/t5-core';
import type { ProgressBar } from '../runner/progress-bar.js';
import { decodePredictions } from './decode-predictions.js';

/** Decoding settings for evaluation. */
export interface PredictOptions {
  batchSize: number;
  maxNewTokens: number;
  numBeams: number;
  /** The target encoding the model was trained with (the prompt template's); default `t5-escape`. */
  sqlEncoding?: SqlTargetEncoding;
  progress?: (total: number) => ProgressBar;
}

/**
 * Generates SQL for every example (greedy or beam search, as transformers' `generate`) and decodes it without
 * special tokens, undoing the template's target encoding ({@link decodePredictions}). Examples are processed in
 * length-sorted batches (less padding) and returned in input order.
 */
export async function generatePredictions(
  model: IncrementalSeq2Seq,
  tokenizer: T5Tokenizer,
  examples: readonly TokenizedExample[],
  options: PredictOptions,
): Promise<string[]> {
  const order = examples
    .map((_, i) => i)
    .sort((a, b) => examples[a].inputIds.length - examples[b].inputIds.length);
  const out = new Array<string>(examples.length);
  const batches = Math.ceil(order.length / options.batchSize);
  const bar = options.progress?.(batches);
  for (let start = 0; start < order.length; start += options.batchSize) {
    const idx = order.slice(start, start + options.batchSize);
    const width = Math.max(...idx.map((i) => examples[i].inputIds.length));
    const inputIds = idx.map((i) => [
      ...examples[i].inputIds,
      ...new Array(width - examples[i].inputIds.length).fill(0),
    ]);
    const attentionMask = idx.map((i) =>
      inputIds[0].map((_, j) => (j < examples[i].inputIds.length ? 1 : 0)),
    );
    const sequences = await generateSequences(model, inputIds, {
      attentionMask,
      maxNewTokens: options.maxNewTokens,
      numBeams: options.numBeams,
    });
    const texts = decodePredictions(tokenizer, sequences, options.sqlEncoding);
    idx.forEach((i, k) => {
      out[i] = texts[k];
    });
    bar?.tick(1);
  }
  bar?.done();
  return out;
}
