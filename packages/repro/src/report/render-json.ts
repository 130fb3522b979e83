import type { TableSpec } from '../experiments/types.js';
import { type ComparedRow, type TableContext, compareTable } from './table-rows.js';

/** The JSON form of the results tables. */
export interface TablesJson {
  profile: string;
  tables: Array<{
    id: string;
    title: string;
    setup: string;
    rows: Array<Omit<ComparedRow, 'result'> & { model: string | null; data: string | null }>;
  }>;
}

/** Every table with reported and obtained figures side by side, as plain data. */
export function renderTablesJson(tables: readonly TableSpec[], ctx: TableContext): TablesJson {
  return {
    profile: ctx.profile,
    tables: tables.map((table) => ({
      id: table.id,
      title: table.title,
      setup: table.setup,
      rows: compareTable(table, ctx).map(({ result, ...row }) => ({
        ...row,
        model: result?.modelDescription ?? null,
        data: result?.dataDescription ?? null,
      })),
    })),
  };
}
