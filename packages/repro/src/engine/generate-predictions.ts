import type { ProgressReporter } from '@t5sql/common';
import type { SqlTargetEncoding, TokenizedExample } from '@t5sql/datasets';
import type { SpiderTableEntry } from '@t5sql/sql-eval';
import { type IncrementalSeq2Seq, type T5Tokenizer, generateBatched } from '@t5sql/t5-core';
import { SchemaConstraint, type SchemaConstraintStats } from '../constrain/schema-constraint.js';
import { type TokenTexts, tokenTexts } from '../constrain/token-texts.js';
import { ReproConfigError } from '../errors.js';
import { decodePredictions } from './decode-predictions.js';

/** Decoding settings for evaluation. */
export interface PredictOptions {
  batchSize: number;
  maxNewTokens: number;
  numBeams: number;
  /** The target encoding the model was trained with (the prompt template's); default `t5-escape`. */
  sqlEncoding?: SqlTargetEncoding;
  progress?: (total: number) => ProgressReporter;
  /**
   * Schema-constrained decoding ({@link SchemaConstraint}): each example's schema (parallel to `examples`; null
   * leaves one free), the top-k to check (default 8), whether to finish queries (SchemaConstraint's
   * `endWithinBudget` and `finishOnEos`, default true; false: PICARD's behaviour), and a callback that receives the
   * summed counters.
   */
  constrain?: {
    schemas: readonly (SpiderTableEntry | null)[];
    topK?: number;
    finishQueries?: boolean;
    onStats?: (stats: SchemaConstraintStats) => void;
  };
}

const textsCache = new WeakMap<T5Tokenizer, TokenTexts>();

/**
 * Generates SQL for every example (greedy or beam search, as transformers' `generate`) and decodes it without
 * special tokens, undoing the template's target encoding ({@link decodePredictions}). Batching (length-sorted,
 * padded with the tokenizer's pad id, returned in input order) is t5-core's `generateBatched`; this adds the
 * decoding and, with `constrain`, a {@link SchemaConstraint} per batch that keeps each example to its schema.
 */
export async function generatePredictions(
  model: IncrementalSeq2Seq,
  tokenizer: T5Tokenizer,
  examples: readonly TokenizedExample[],
  options: PredictOptions,
): Promise<string[]> {
  const constrain = options.constrain;
  if (constrain !== undefined && constrain.schemas.length !== examples.length) {
    throw new ReproConfigError(
      `generatePredictions: constrain.schemas has ${constrain.schemas.length} entries for ${examples.length} examples`,
    );
  }
  let pieces: TokenTexts | undefined;
  if (constrain !== undefined) {
    pieces = textsCache.get(tokenizer) ?? tokenTexts(tokenizer);
    textsCache.set(tokenizer, pieces);
  }
  const constraints: SchemaConstraint[] = [];
  const bar = options.progress?.(Math.ceil(examples.length / options.batchSize));
  const sequences = await generateBatched(
    model,
    examples.map((e) => e.inputIds),
    {
      batchSize: options.batchSize,
      maxNewTokens: options.maxNewTokens,
      numBeams: options.numBeams,
      padTokenId: tokenizer.padTokenId,
      logitsProcessor:
        constrain === undefined
          ? undefined
          : (inputIndices) => {
              const constraint = new SchemaConstraint({
                schemas: inputIndices.map((i) => constrain.schemas[i]),
                tokens: pieces as TokenTexts,
                topK: constrain.topK,
                endWithinBudget: constrain.finishQueries,
                finishOnEos: constrain.finishQueries,
                sqlEncoding: options.sqlEncoding,
              });
              constraints.push(constraint);
              return constraint;
            },
      onProgress: () => bar?.tick(1),
    },
  );
  bar?.done();
  if (constrain !== undefined) {
    const total: SchemaConstraintStats = {
      rowSteps: 0,
      bestRejected: 0,
      fallbacks: 0,
      deadEnds: 0,
      invalidPrefixes: 0,
      budgetForced: 0,
      noCompletion: 0,
      finishedOnEos: 0,
    };
    for (const constraint of constraints) {
      for (const key of Object.keys(total) as (keyof SchemaConstraintStats)[])
        total[key] += constraint.stats[key];
    }
    constrain.onStats?.(total);
  }
  return decodePredictions(tokenizer, sequences, options.sqlEncoding);
}
