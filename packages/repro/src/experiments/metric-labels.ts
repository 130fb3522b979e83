import type { MetricName } from './types.js';

/** Column headers as the reported tables spell them. */
export const METRIC_LABELS: Record<MetricName, string> = {
  rouge1: 'ROUGE-1',
  rouge2: 'ROUGE-2',
  rougeL: 'ROUGE-L',
  rougeLsum: 'ROUGE-Lsum',
  bleu: 'BLEU',
  meteor: 'METEOR',
  google_bleu: 'GLEU',
  exact_match: 'exact match',
  execution_accuracy: 'execution acc.',
  exact_match_constrained: 'exact match, constrained',
  execution_accuracy_constrained: 'execution acc., constrained',
};
