import type { TextTokenizer } from '../batching/text-tokenizer.js';
import { tokenizeExamples } from '../batching/tokenize-examples.js';
import { type PromptTemplate, getTemplate } from '../prompts/index.js';
import {
  DEFAULT_SQL_TARGET_ENCODING,
  type SqlTargetEncoding,
} from '../target-encoding/sql-target-encoding.js';
import type { TextToSqlRecord } from '../types.js';
import { percentile } from './percentile.js';

/** Token-length distribution of one side (before truncation). */
export interface LengthStats {
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
  /** Examples longer than the maximum length, and their share. */
  truncated: number;
  truncationRate: number;
  maxLength: number;
}

/** What {@link computeDataStats} reports. */
export interface DataStats {
  template: string;
  /** How the targets were spelled before tokenizing (the template's `sqlEncoding`). */
  sqlEncoding: SqlTargetEncoding;
  count: number;
  source: LengthStats;
  target: LengthStats;
  /** Examples cut on either side, and their share. */
  truncatedEither: number;
  truncationRateEither: number;
}

/** Inputs of {@link computeDataStats}. */
export interface DataStatsOptions {
  records: readonly TextToSqlRecord[];
  tokenizer: TextTokenizer;
  template: string | PromptTemplate;
  maxSourceLength: number;
  maxTargetLength: number;
}

function lengthStats(lengths: number[], maxLength: number): LengthStats {
  const truncated = lengths.filter((l) => l > maxLength).length;
  const n = lengths.length;
  return {
    mean: n ? lengths.reduce((a, b) => a + b, 0) / n : Number.NaN,
    p50: percentile(lengths, 50),
    p90: percentile(lengths, 90),
    p95: percentile(lengths, 95),
    p99: percentile(lengths, 99),
    max: n ? Math.max(...lengths) : Number.NaN,
    truncated,
    truncationRate: n ? truncated / n : 0,
    maxLength,
  };
}

/**
 * Counts, token-length percentiles (numpy `linear` method; lengths include the EOS token) and truncation rates
 * of a dataset rendered with a template and tokenized. What `t5sql data stats` prints. No records is a
 * `RangeError` (the percentiles would be NaN).
 *
 * @example
 * const stats = computeDataStats({ records, tokenizer, template: 'flan-t5', maxSourceLength: 512, maxTargetLength: 128 });
 * console.log(formatDataStats(stats));
 */
export function computeDataStats(options: DataStatsOptions): DataStats {
  if (options.records.length === 0) {
    throw new RangeError('computeDataStats: no records; an empty dataset has no token lengths to report');
  }
  const template = getTemplate(options.template);
  const { examples, truncation } = tokenizeExamples(options.records, { ...options, template });
  const n = examples.length;
  return {
    template: template.name,
    sqlEncoding: template.sqlEncoding ?? DEFAULT_SQL_TARGET_ENCODING,
    count: n,
    source: lengthStats(
      examples.map((e) => e.sourceLength),
      options.maxSourceLength,
    ),
    target: lengthStats(
      examples.map((e) => e.targetLength),
      options.maxTargetLength,
    ),
    truncatedEither: truncation.truncatedEither,
    truncationRateEither: n ? truncation.truncatedEither / n : 0,
  };
}
