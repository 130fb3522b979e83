// Generation over many inputs of different lengths: length-sorted batches (less padding), each padded with the
// pad id and decoded by generateSequences, the sequences returned in input order.
import type { IncrementalSeq2Seq } from '../contracts/index.js';
import { GenerationError } from '../errors/t5-core-error.js';
import type { GenerateOptions } from './generate-options.js';
import { generateSequences } from './generate-sequences.js';
import type { LogitsProcessor } from './logits-processor.js';
import { padTokenRows } from './pad-token-rows.js';

/** What {@link GenerateBatchedOptions.onProgress} hears after each batch. */
export interface GenerateBatchedProgress {
  /** Batches finished so far, this one included. */
  completedBatches: number;
  /** Batches in the whole call: `ceil(inputs / batchSize)`. */
  totalBatches: number;
  /** The inputs (indices into `inputIds`) of the batch just finished, in the order they were decoded. */
  inputIndices: readonly number[];
}

/** Options of {@link generateBatched}: the decoding settings of `generateSequences`, plus the batching. */
export interface GenerateBatchedOptions extends Omit<GenerateOptions, 'attentionMask' | 'logitsProcessor'> {
  /** Inputs decoded together in one `generateSequences` call. */
  batchSize: number;
  /**
   * The id short inputs are padded with (masked out, so it changes no result). Default: `model.padTokenId`, the
   * config's `pad_token_id`; pass the tokenizer's `padTokenId` when the ids came from it.
   */
  padTokenId?: number;
  /** Sort inputs by length (stable) before batching, so each batch pads less. Default true. */
  sortByLength?: boolean;
  /**
   * Edits each step's scores (see `GenerateOptions.logitsProcessor`): one processor for every batch, or a function
   * that makes one per batch from the inputs its rows decode (row `r` decodes input `inputIndices[inputRows[r]]`),
   * for a processor that needs something per input, such as a schema constraint. The function may return
   * undefined to leave that batch unconstrained.
   */
  logitsProcessor?: LogitsProcessor | ((inputIndices: readonly number[]) => LogitsProcessor | undefined);
  /** Called after each batch, for a progress display. */
  onProgress?: (progress: GenerateBatchedProgress) => void;
}

/**
 * Generates for every input row (unpadded token ids, `</s>` included, as the tokenizer's `encode` gives them) in
 * batches of `batchSize`, exactly as `generateSequences` on each batch. Returns `numReturnSequences` sequences per
 * input (default 1), in input order: input `i`'s are rows `i * n .. i * n + n - 1`. Sequences of different
 * batches may have different lengths (each batch is padded to its longest, as `generate` does).
 *
 * @example
 * ```ts
 * const rows = ['how many singers?', 'list all names.'].map((q) => tokenizer.encode(`translate English to SQL: ${q}`));
 * const sequences = await generateBatched(model, rows, {
 *   batchSize: 16,
 *   maxNewTokens: 64,
 *   numBeams: 4,
 *   padTokenId: tokenizer.padTokenId,
 *   onProgress: ({ completedBatches, totalBatches }) => console.log(`${completedBatches}/${totalBatches}`),
 * });
 * tokenizer.batchDecode(sequences, { skipSpecialTokens: true });
 * ```
 */
export async function generateBatched(
  model: IncrementalSeq2Seq,
  inputIds: readonly (readonly number[])[],
  options: GenerateBatchedOptions,
): Promise<number[][]> {
  const {
    batchSize,
    padTokenId = model.padTokenId,
    sortByLength = true,
    logitsProcessor,
    onProgress,
    ...decoding
  } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new GenerationError(`generateBatched: batchSize must be an integer >= 1, found ${batchSize}`);
  }
  const perInput = options.numReturnSequences ?? 1;
  const order = inputIds.map((_, i) => i);
  if (sortByLength) order.sort((a, b) => inputIds[a].length - inputIds[b].length);
  const out = new Array<number[]>(inputIds.length * perInput);
  const totalBatches = Math.ceil(order.length / batchSize);
  for (let start = 0; start < order.length; start += batchSize) {
    const inputIndices = order.slice(start, start + batchSize);
    const padded = padTokenRows(
      inputIndices.map((i) => inputIds[i]),
      padTokenId,
    );
    const sequences = await generateSequences(model, padded.inputIds, {
      ...decoding,
      attentionMask: padded.attentionMask,
      logitsProcessor:
        typeof logitsProcessor === 'function' ? logitsProcessor(inputIndices) : logitsProcessor,
    });
    inputIndices.forEach((input, k) => {
      for (let j = 0; j < perInput; j++) out[input * perInput + j] = sequences[k * perInput + j];
    });
    onProgress?.({ completedBatches: start / batchSize + 1, totalBatches, inputIndices });
  }
  return out;
}
