import { type TextToSqlRecord, type TokenizedExample, getTemplate, tokenizeExamples } from '@t5sql/datasets';
import type { T5Tokenizer } from '@t5sql/t5-core';
import type { HyperParams } from '../experiments/types.js';

/** Renders and tokenizes records with the experiment's template and length limits; reports how many were cut. */
export function toTokenized(
  records: readonly TextToSqlRecord[],
  tokenizer: T5Tokenizer,
  template: string,
  hyper: Pick<HyperParams, 'maxSourceLength' | 'maxTargetLength'>,
): { examples: TokenizedExample[]; truncated: number } {
  const { examples, truncation } = tokenizeExamples(records, {
    tokenizer,
    template: getTemplate(template),
    maxSourceLength: hyper.maxSourceLength,
    maxTargetLength: hyper.maxTargetLength,
  });
  return { examples, truncated: truncation.truncatedEither };
}
