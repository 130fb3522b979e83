import { join } from 'node:path';
import { METRIC_LABELS } from '../experiments/metric-labels.js';
import type { TableSpec } from '../experiments/types.js';
import { writeFileAtomic, writeJsonAtomic } from '../io/write-file-atomic.js';
import { renderCsv } from './render-csv.js';
import { renderTablesJson } from './render-json.js';
import { renderMarkdownTable } from './render-markdown.js';
import { renderBarChartSvg } from './svg-bar-chart.js';
import { renderLineChartSvg } from './svg-line-chart.js';
import { type TableContext, compareTable } from './table-rows.js';

/** Paths written by {@link writeResults}. */
export interface WrittenResults {
  markdown: string;
  csv: string;
  json: string;
  charts: string[];
}

/**
 * Writes the results of one profile into `dir`: `results.md` (every table, ours beside reported), `results.csv`,
 * `results.json`, and per table `<table>-metrics.svg` (grouped bars) and `<table>-loss.svg` (loss curves).
 */
export function writeResults(
  dir: string,
  tables: readonly TableSpec[],
  ctx: TableContext,
  preamble = '',
): WrittenResults {
  const md = [
    `# t5sql results — profile \`${ctx.profile}\``,
    '',
    preamble,
    ...tables.flatMap((t) => [
      renderMarkdownTable(t, ctx),
      `![${t.id} metrics](${t.id}-metrics.svg)`,
      '',
      `![${t.id} loss](${t.id}-loss.svg)`,
      '',
    ]),
  ].join('\n');
  const out: WrittenResults = {
    markdown: join(dir, 'results.md'),
    csv: join(dir, 'results.csv'),
    json: join(dir, 'results.json'),
    charts: [],
  };
  writeFileAtomic(out.markdown, md);
  writeFileAtomic(out.csv, renderCsv(tables, ctx));
  writeJsonAtomic(out.json, renderTablesJson(tables, ctx));
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
    writeFileAtomic(barsPath, bars);
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
    writeFileAtomic(lossPath, loss);
    out.charts.push(barsPath, lossPath);
  }
  return out;
}
