import { METRIC_LABELS } from '../experiments/metric-labels.js';
import type { ExperimentResult } from '../experiments/result.js';
import type { MetricName, ReportedValue, TableSpec } from '../experiments/types.js';

/** One cell pair: what was reported and what we got (`null` when the row has not run). */
export interface ComparedCell {
  column: MetricName | 'trainable' | 'trainable_paper_config';
  label: string;
  ours: number | null;
  reported: ReportedValue | null;
}

/** One table row with every column compared; the shared shape behind the Markdown, CSV and JSON outputs. */
export interface ComparedRow {
  experiment: string;
  label: string;
  cells: ComparedCell[];
  result: ExperimentResult | null;
}

/** Inputs every renderer shares. */
export interface TableContext {
  profile: string;
  /** Experiment results by id (missing ones render as empty cells). */
  results: ReadonlyMap<string, ExperimentResult>;
  /**
   * Trainable share (percent) of each experiment's method on the reported model's real configuration, from
   * countParameters; independent of what this profile trained.
   */
  paperTrainablePercent?: Readonly<Record<string, number>>;
}

/** Lines up reported figures and ours for each row of `table`. */
export function compareTable(table: TableSpec, ctx: TableContext): ComparedRow[] {
  return table.rows.map(({ experiment, label }) => {
    const result = ctx.results.get(experiment) ?? null;
    const reported = table.reported[experiment] ?? {};
    const cells: ComparedCell[] = table.columns.map((column) => ({
      column,
      label: METRIC_LABELS[column],
      ours: result?.metrics[column] ?? null,
      reported: reported[column] ?? null,
    }));
    if (table.showTrainable) {
      cells.push({
        column: 'trainable',
        label: 'trainable this run',
        ours: result ? result.trainablePercent : null,
        reported: reported.trainable ?? null,
      });
      cells.push({
        column: 'trainable_paper_config',
        label: 'trainable on reported config (computed)',
        ours: ctx.paperTrainablePercent?.[experiment] ?? null,
        reported: reported.trainable ?? null,
      });
    }
    return { experiment, label, cells, result };
  });
}
