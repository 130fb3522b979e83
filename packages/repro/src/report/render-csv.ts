import type { TableSpec } from '../experiments/types.js';
import { type TableContext, compareTable } from './table-rows.js';

function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Long-format CSV (one line per row and column) of one or more tables: easy to load in any spreadsheet. */
export function renderCsv(tables: readonly TableSpec[], ctx: TableContext): string {
  const lines = ['profile,table,row,experiment,column,ours,reported,model,data'];
  for (const table of tables) {
    for (const row of compareTable(table, ctx)) {
      for (const cell of row.cells) {
        lines.push(
          [
            ctx.profile,
            table.id,
            row.label,
            row.experiment,
            cell.column,
            cell.ours,
            cell.reported,
            row.result?.modelDescription ?? null,
            row.result?.dataDescription ?? null,
          ]
            .map(csvField)
            .join(','),
        );
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
