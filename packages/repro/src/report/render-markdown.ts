import type { TableSpec } from '../experiments/types.js';
import { formatValue } from './format-number.js';
import { type TableContext, compareTable } from './table-rows.js';

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/**
 * A results table in Markdown: each metric as a pair of columns, ours then reported, followed by the profile and
 * the model and data behind every row, so the table can never be read without knowing what produced it.
 *
 * @example
 * ```ts
 * const md = renderMarkdownTable(PAPER_TABLES[0], { profile: 'local', results });
 * ```
 */
export function renderMarkdownTable(table: TableSpec, ctx: TableContext): string {
  const rows = compareTable(table, ctx);
  const header = ['row'];
  for (const cell of rows[0]?.cells ?? []) {
    // Trainable shares: the reported figure, this run's (smaller) model, and the same method counted on the
    // reported model's real config (which must equal the reported figure).
    if (cell.column === 'trainable') header.push('trainable reported', 'trainable this run');
    else if (cell.column === 'trainable_paper_config') header.push(cell.label);
    else header.push(`${cell.label} ours`, `${cell.label} reported`);
  }
  const lines = [
    `### ${table.title}`,
    '',
    `Profile: **${ctx.profile}**. ${table.setup}`,
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
  ];
  for (const row of rows) {
    const cells = [escapeCell(row.label)];
    for (const cell of row.cells) {
      const kind = cell.column.startsWith('trainable') ? 'percent' : 'metric';
      if (cell.column === 'trainable')
        cells.push(formatValue(cell.reported, kind, true), formatValue(cell.ours, kind));
      else if (cell.column === 'trainable_paper_config') cells.push(formatValue(cell.ours, kind));
      else cells.push(formatValue(cell.ours, kind), formatValue(cell.reported, kind, true));
    }
    lines.push(`| ${cells.join(' | ')} |`);
  }
  const models = [...new Set(rows.filter((r) => r.result).map((r) => r.result!.modelDescription))];
  lines.push('');
  if (models.length === 1) lines.push(`Model (every row): ${models[0]}.`, '');
  lines.push('Produced by:', '');
  for (const row of rows) {
    if (!row.result) {
      lines.push(`- ${row.label}: not run in this profile yet.`);
      continue;
    }
    const r = row.result;
    const minutes = (r.timings.totalSeconds / 60).toFixed(1);
    const finalLoss =
      r.lossCurve.length > 0 ? `, final training loss ${r.lossCurve.at(-1)!.loss.toFixed(4)}` : '';
    const evalLoss = r.evalLoss !== undefined ? `, eval loss ${r.evalLoss.toFixed(4)}` : '';
    const model = models.length === 1 ? '' : `${r.modelDescription}; `;
    const method = r.methodDescription ? `${r.methodDescription}; ` : '';
    lines.push(
      `- ${escapeCell(row.label)}: ${model}${method}${r.dataDescription}; ${minutes} min${finalLoss}${evalLoss}.`,
    );
  }
  return `${lines.join('\n')}\n`;
}
