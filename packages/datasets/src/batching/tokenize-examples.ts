import { DatasetOptionError } from '../errors/datasets-error.js';
import { getTemplate } from '../prompts/builtin-templates.js';
import type { PromptTemplate } from '../prompts/prompt-template.js';
import { renderPrompt } from '../prompts/prompt-template.js';
import type { SqlTargetEncoding } from '../target-encoding/index.js';
import type { TextToSqlRecord } from '../types.js';
import type { TextTokenizer } from './text-tokenizer.js';

/** One tokenized example: unpadded source and target ids, each ending in EOS. */
export interface TokenizedExample {
  id: string;
  inputIds: number[];
  labels: number[];
  /** Lengths before truncation. */
  sourceLength: number;
  targetLength: number;
}

/** How many examples truncation cut (either side). */
export interface TruncationReport {
  total: number;
  truncatedSource: number;
  truncatedTarget: number;
  truncatedEither: number;
}

/** Options of {@link tokenizeExamples}. */
export interface TokenizeOptions {
  tokenizer: TextTokenizer;
  /** A template, or a name {@link getTemplate} resolves (a built-in, or a custom `{question}` string). */
  template: PromptTemplate | string;
  /** Spells the SQL targets this way instead of the template's own encoding (`t5-escape` for every built-in). */
  sqlEncoding?: SqlTargetEncoding;
  maxSourceLength: number;
  maxTargetLength: number;
}

/**
 * Cuts to `max` tokens the way HF's `truncation=True` does for T5: the text is shortened and the EOS the
 * tokenizer appends is kept as the last token.
 */
export function truncateIds(ids: number[], max: number): number[] {
  if (ids.length <= max) return ids;
  if (max < 1) throw new DatasetOptionError(`truncateIds: max length must be at least 1, got ${max}.`);
  return [...ids.slice(0, max - 1), ids[ids.length - 1]];
}

/**
 * Renders every record with the template, tokenizes source and target, truncates them to the maximum
 * lengths and reports how many examples were cut.
 *
 * @example
 * const { examples, truncation } = tokenizeExamples(records, {
 *   tokenizer, template: 'flan-t5', maxSourceLength: 512, maxTargetLength: 128,
 * });
 * console.log(`${truncation.truncatedEither} of ${truncation.total} examples cut`);
 */
export function tokenizeExamples(
  records: readonly TextToSqlRecord[],
  options: TokenizeOptions,
): { examples: TokenizedExample[]; truncation: TruncationReport } {
  const { tokenizer, maxSourceLength, maxTargetLength, sqlEncoding } = options;
  const template =
    typeof options.template === 'string' || sqlEncoding !== undefined
      ? getTemplate(options.template, { sqlEncoding })
      : options.template;
  const truncation: TruncationReport = {
    total: records.length,
    truncatedSource: 0,
    truncatedTarget: 0,
    truncatedEither: 0,
  };
  const examples = records.map((record) => {
    const { source, target } = renderPrompt(template, record);
    const src = tokenizer.encode(source);
    const tgt = tokenizer.encode(target);
    const cutSource = src.length > maxSourceLength;
    const cutTarget = tgt.length > maxTargetLength;
    if (cutSource) truncation.truncatedSource++;
    if (cutTarget) truncation.truncatedTarget++;
    if (cutSource || cutTarget) truncation.truncatedEither++;
    return {
      id: record.id,
      inputIds: truncateIds(src, maxSourceLength),
      labels: truncateIds(tgt, maxTargetLength),
      sourceLength: src.length,
      targetLength: tgt.length,
    };
  });
  return { examples, truncation };
}
