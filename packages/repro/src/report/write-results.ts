import { join } from 'node:path';
import { writeFileAtomicSync, writeJsonAtomicSync } from '@t5sql/common';
import type { TableSpec } from '../experiments/types.js';
import { renderCsv } from './render-csv.js';
import { renderTablesJson } from './render-json.js';
import { renderMarkdownTable } from './render-markdown.js';
import type { TableContext } from './table-rows.js';
import { writeCharts } from './write-charts.js';

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
  writeFileAtomicSync(out.markdown, md);
  writeFileAtomicSync(out.csv, renderCsv(tables, ctx));
  writeJsonAtomicSync(out.json, renderTablesJson(tables, ctx));
  out.charts = writeCharts(dir, tables, ctx);
  return out;
}
