import {
  type SqlTargetEncoding,
  type TextToSqlRecord,
  type TokenizedExample,
  getTemplate,
  tokenizeExamples,
} from '@t5sql/datasets';
import type { T5Tokenizer } from '@t5sql/t5-core';
import type { HyperParams } from '../experiments/types.js';

/**
 * Renders and tokenizes records with the experiment's template and length limits; reports how many were cut.
 * Targets are spelled with `sqlEncoding` when given, else with the template's (`t5-escape` for every built-in).
 */
export function toTokenized(
  records: readonly TextToSqlRecord[],
  tokenizer: T5Tokenizer,
  template: string,
  hyper: Pick<HyperParams, 'maxSourceLength' | 'maxTargetLength'>,
  sqlEncoding?: SqlTargetEncoding,
): { examples: TokenizedExample[]; truncated: number } {
  const { examples, truncation } = tokenizeExamples(records, {
    tokenizer,
    template: getTemplate(template, { sqlEncoding }),
    maxSourceLength: hyper.maxSourceLength,
    maxTargetLength: hyper.maxTargetLength,
  });
  return { examples, truncated: truncation.truncatedEither };
}
