import { join } from 'node:path';
import type { TextToSqlRecord } from '@t5sql/datasets';
import { bleu, googleBleu, meteor, rouge } from '@t5sql/metrics';
import { exactMatch, executionAccuracy } from '@t5sql/sql-eval';
import { ReproDataError } from '../errors.js';
import type { MetricName } from '../experiments/types.js';

/**
 * Scores predictions against the records' gold SQL with the named metrics: ROUGE / BLEU / METEOR / Google BLEU
 * exactly as Hugging Face `evaluate` computes them (@t5sql/metrics), Spider's normalized exact match and
 * execution accuracy on the SQLite databases (@t5sql/sql-eval; needs `spiderDir`).
 */
export async function scorePredictions(
  predictions: readonly string[],
  records: readonly TextToSqlRecord[],
  metrics: readonly MetricName[],
  spiderDir: string | null,
): Promise<Partial<Record<MetricName, number>>> {
  const references = records.map((r) => r.sql);
  const preds = [...predictions];
  const out: Partial<Record<MetricName, number>> = {};
  const want = new Set(metrics);
  if (['rouge1', 'rouge2', 'rougeL', 'rougeLsum'].some((m) => want.has(m as MetricName))) {
    const r = rouge({ predictions: preds, references });
    for (const key of ['rouge1', 'rouge2', 'rougeL', 'rougeLsum'] as const)
      if (want.has(key)) out[key] = r[key];
  }
  if (want.has('bleu')) out.bleu = bleu({ predictions: preds, references }).bleu;
  if (want.has('google_bleu')) out.google_bleu = googleBleu({ predictions: preds, references }).google_bleu;
  if (want.has('meteor')) out.meteor = (await meteor({ predictions: preds, references })).meteor;
  if (want.has('exact_match')) {
    out.exact_match = preds.reduce((s, p, i) => s + exactMatch(p, references[i]), 0) / preds.length;
  }
  if (want.has('execution_accuracy')) {
    if (!spiderDir)
      throw new ReproDataError('execution_accuracy needs the Spider databases (spider/database/)');
    const dbIds = records.map((r, i) => {
      if (!r.dbId) throw new ReproDataError(`execution_accuracy: record ${i} (${r.id}) has no dbId`);
      return r.dbId;
    });
    const report = await executionAccuracy({
      predictions: preds,
      golds: references,
      dbIds,
      databaseDir: join(spiderDir, 'database'),
      timeoutMs: 5_000,
    });
    out.execution_accuracy = report.score;
  }
  return out;
}
