import { join } from 'node:path';
import { writeFileAtomicSync } from '@t5sql/common';
import { METRIC_LABELS } from '../experiments/metric-labels.js';
import type { TableSpec } from '../experiments/types.js';
import { renderBarChartSvg } from './svg-bar-chart.js';
import { renderLineChartSvg } from './svg-line-chart.js';
import { type TableContext, compareTable } from './table-rows.js';

/**
 * Writes per table `<table>-metrics.svg` (grouped bars, ours vs reported) and `<table>-loss.svg` (loss curves)
 * into `dir` and returns their paths. Only the results in `ctx` are drawn, so a results folder's charts can be
 * redrawn from its `result.json` files without running anything.
 *
 * @example
 * ```ts
 * writeCharts('benchmarks/results/local', PAPER_TABLES, { profile: 'local', results });
 * ```
 */
export function writeCharts(dir: string, tables: readonly TableSpec[], ctx: TableContext): string[] {
  const charts: string[] = [];
  for (const table of tables) {
    const rows = compareTable(table, ctx);
    const metricCols = table.columns;
    const bars = renderBarChartSvg(
      `${table.title.split(' — ')[0]} (${ctx.profile}): ours (bars) vs reported (ticks)`,
      metricCols.map((c) => METRIC_LABELS[c]),
      rows.map((row) => ({
        name: row.label,
        values: metricCols.map((c) => row.cells.find((cell) => cell.column === c)?.ours ?? null),
        reported: metricCols.map((c) => {
          const r = row.cells.find((cell) => cell.column === c)?.reported;
          return typeof r === 'number' ? r : null;
        }),
      })),
    );
    const barsPath = join(dir, `${table.id}-metrics.svg`);
    writeFileAtomicSync(barsPath, bars);
    const loss = renderLineChartSvg(
      `${table.title.split(' — ')[0]} (${ctx.profile}): training loss`,
      rows
        .filter((r) => r.result && r.result.lossCurve.length > 0)
        .map((r) => ({
          name: r.label,
          points: r.result!.lossCurve,
        })),
    );
    const lossPath = join(dir, `${table.id}-loss.svg`);
    writeFileAtomicSync(lossPath, loss);
    charts.push(barsPath, lossPath);
  }
  return charts;
}
