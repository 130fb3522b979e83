import { readFile } from 'node:fs/promises';
import { DatasetError } from '../errors/dataset-error.js';
import type { TableSamples } from './serialize-schema.js';
import type { SpiderSchema } from './spider-schema.js';

type SqlJs = Awaited<ReturnType<typeof import('sql.js')['default']>>;
let sqlJs: Promise<SqlJs> | undefined;

// sql.js (SQLite compiled to wasm) is loaded on first use only: most runs never ask for sample values.
async function loadSqlJs(): Promise<SqlJs> {
  sqlJs ??= import('sql.js').then((m) => m.default());
  return sqlJs;
}

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function clip(value: unknown, maxLength: number): unknown {
  return typeof value === 'string' && value.length > maxLength ? `${value.slice(0, maxLength)}...` : value;
}

/** Options of {@link readSampleValues}. */
export interface SampleValueOptions {
  /** Rows (CREATE TABLE form) and distinct values per column (compact form) to read. */
  count: number;
  /** Longer strings are clipped to this many characters plus `...`. Default 64. */
  maxValueLength?: number;
}

/**
 * Reads a few values of every table of a Spider SQLite database: the first `count` rows and, per column, the
 * first `count` distinct non-null values, in the database's storage order (deterministic for a given file).
 *
 * @example
 * const samples = await readSampleValues('spider/database/concert_singer/concert_singer.sqlite', schema, { count: 2 });
 */
export async function readSampleValues(
  dbPath: string,
  schema: SpiderSchema,
  options: SampleValueOptions,
): Promise<Map<string, TableSamples>> {
  let bytes: Buffer;
  try {
    bytes = await readFile(dbPath);
  } catch (error) {
    throw new DatasetError(
      { file: dbPath },
      `cannot read the SQLite database of '${schema.dbId}' for sample values`,
      {
        cause: error,
      },
    );
  }
  const SQL = await loadSqlJs();
  const db = new SQL.Database(bytes);
  const maxLength = options.maxValueLength ?? 64;
  const n = Math.max(0, Math.floor(options.count));
  const out = new Map<string, TableSamples>();
  try {
    for (const table of schema.tables) {
      const run = (sql: string) => {
        try {
          return db.exec(sql)[0]?.values ?? [];
        } catch (error) {
          throw new DatasetError(
            { file: dbPath, field: table.name },
            `query failed: ${sql} (${(error as Error).message})`,
          );
        }
      };
      const rows = run(`SELECT * FROM ${quote(table.name)} LIMIT ${n}`).map((r) =>
        r.map((v) => clip(v, maxLength)),
      );
      const columns: Record<string, unknown[]> = {};
      for (const column of table.columns) {
        columns[column.name] = run(
          `SELECT DISTINCT ${quote(column.name)} FROM ${quote(table.name)} WHERE ${quote(column.name)} IS NOT NULL LIMIT ${n}`,
        ).map((r) => clip(r[0], maxLength));
      }
      out.set(table.name, { rows, columns });
    }
  } finally {
    db.close();
  }
  return out;
}
