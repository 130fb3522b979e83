/** Rows of token ids padded to one width, with the mask that marks the real tokens. */
export interface PaddedTokenRows {
  /** `[rows, width]`: each row followed by `padTokenId` up to the longest row. */
  inputIds: number[][];
  /** `[rows, width]`: 1 for a real token, 0 for padding. */
  attentionMask: number[][];
}

/**
 * Right-pads token id rows of different lengths to the longest (dynamic padding, as `DataCollatorForSeq2Seq` and
 * the tokenizer's `padding: 'longest'`), for `generateSequences` or `forward`.
 *
 * @example
 * ```ts
 * const { inputIds, attentionMask } = padTokenRows([[13, 27, 1], [64, 1]], model.padTokenId);
 * // inputIds [[13, 27, 1], [64, 1, 0]], attentionMask [[1, 1, 1], [1, 1, 0]]
 * const out = await model.generate(inputIds, { attentionMask, maxNewTokens: 32 });
 * ```
 */
export function padTokenRows(rows: readonly (readonly number[])[], padTokenId: number): PaddedTokenRows {
  const width = Math.max(0, ...rows.map((row) => row.length));
  return {
    inputIds: rows.map((row) => [...row, ...new Array<number>(width - row.length).fill(padTokenId)]),
    attentionMask: rows.map((row) => Array.from({ length: width }, (_, j) => (j < row.length ? 1 : 0))),
  };
}
