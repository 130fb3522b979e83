import type { SpiderSchema } from './spider-schema.js';

/** The schema text forms: `create-table` statements, or the compact `table: col, col | table: ...`. */
export type SchemaFormat = 'create-table' | 'compact';

/** Sample values per table: `rows` for whole rows (CREATE TABLE form), `columns` for distinct values per column. */
export interface TableSamples {
  rows: unknown[][];
  columns: Record<string, unknown[]>;
}

/** Options of {@link serializeSchema}. */
export interface SerializeSchemaOptions {
  format?: SchemaFormat;
  /** Per-table samples read from the database (see `readSampleValues`); omitted → no values. */
  samples?: Map<string, TableSamples>;
}

function quoteIdent(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (value instanceof Uint8Array) return "X''";
  return `'${String(value).replace(/'/g, "''")}'`;
}

function compactValue(value: unknown): string {
  return value instanceof Uint8Array ? '<blob>' : String(value);
}

/**
 * Serializes a Spider schema for a prompt, deterministically (tables and columns in `tables.json` order).
 *
 * `create-table`: `CREATE TABLE singer (Singer_ID number, Name text, ..., PRIMARY KEY (Singer_ID),
 * FOREIGN KEY (x) REFERENCES t(y));` per table, one per line, with Spider's types; with samples, each table is
 * followed by `INSERT INTO t VALUES (...);` rows, as Gretel's contexts are.
 *
 * `compact`: `singer: Singer_ID, Name, ... | concert: ...`; with samples, `Name (Joe Sharp, Timbaland)`.
 *
 * @example
 * serializeSchema(schemas.get('concert_singer')!, { format: 'compact' });
 * // 'stadium: Stadium_ID, Location, ... | singer: Singer_ID, Name, ... | ...'
 */
export function serializeSchema(schema: SpiderSchema, options: SerializeSchemaOptions = {}): string {
  const format = options.format ?? 'create-table';
  if (format === 'compact') {
    return schema.tables
      .map((table) => {
        const samples = options.samples?.get(table.name);
        const columns = table.columns.map((c) => {
          const values = samples?.columns[c.name];
          return values && values.length > 0 ? `${c.name} (${values.map(compactValue).join(', ')})` : c.name;
        });
        return `${table.name}: ${columns.join(', ')}`;
      })
      .join(' | ');
  }
  const lines: string[] = [];
  for (const table of schema.tables) {
    const parts = table.columns.map((c) => `${quoteIdent(c.name)} ${c.type}`);
    if (table.primaryKey.length > 0)
      parts.push(`PRIMARY KEY (${table.primaryKey.map(quoteIdent).join(', ')})`);
    for (const fk of table.foreignKeys) {
      parts.push(
        `FOREIGN KEY (${quoteIdent(fk.column)}) REFERENCES ${quoteIdent(fk.refTable)}(${quoteIdent(fk.refColumn)})`,
      );
    }
    lines.push(`CREATE TABLE ${quoteIdent(table.name)} (${parts.join(', ')});`);
    for (const row of options.samples?.get(table.name)?.rows ?? []) {
      lines.push(`INSERT INTO ${quoteIdent(table.name)} VALUES (${row.map(sqlLiteral).join(', ')});`);
    }
  }
  return lines.join('\n');
}
