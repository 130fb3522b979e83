import { readFileSync } from 'node:fs';
import { parseJsonText } from '@t5sql/common';
import { SqlEvalInputError } from '../errors.js';
import type { SpiderTableEntry } from '../parse/spider-schema.js';

/** One gold example: its SQL and database. */
export interface GoldExample {
  query: string;
  dbId: string;
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new SqlEvalInputError(path, `cannot read ${what} file ${path}: ${(e as Error).message}`, {
      cause: e,
    });
  }
}

/**
 * Reads gold examples from Spider's `dev.json` / `train_spider.json` (a JSON array of objects with `query` and
 * `db_id`) or from an official gold file (`.sql`/`.txt`: one `SQL<TAB>db_id` per line, blank lines skipped).
 *
 * @throws {SqlEvalInputError} naming the file, line / row and the missing field.
 */
export function readGoldFile(path: string): GoldExample[] {
  const text = readText(path, 'gold');
  if (path.endsWith('.json')) {
    const data = parseJsonText(text, path);
    if (!Array.isArray(data))
      throw new SqlEvalInputError(
        path,
        `${path}: expected a JSON array of {query, db_id}, found ${typeof data}`,
      );
    return data.map((row, i) => {
      const r = row as Record<string, unknown>;
      if (typeof r?.query !== 'string')
        throw new SqlEvalInputError(path, `${path}: row ${i}: expected a string "query"`);
      if (typeof r.db_id !== 'string')
        throw new SqlEvalInputError(path, `${path}: row ${i}: expected a string "db_id"`);
      return { query: r.query, dbId: r.db_id };
    });
  }
  const out: GoldExample[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim().length === 0) return;
    const parts = line.trim().split('\t');
    if (parts.length < 2 || parts[1].length === 0) {
      throw new SqlEvalInputError(
        path,
        `${path}: line ${i + 1}: expected "SQL<TAB>db_id", found no tab-separated db_id`,
      );
    }
    out.push({ query: parts[0], dbId: parts[1] });
  });
  return out;
}

/**
 * Reads predictions: a JSON array of strings (`.json`), or one query per line as the official script reads them
 * (each line stripped, anything after a tab ignored, blank lines skipped).
 */
export function readPredictionFile(path: string): string[] {
  const text = readText(path, 'prediction');
  if (path.endsWith('.json')) {
    const data = parseJsonText(text, path);
    if (!Array.isArray(data))
      throw new SqlEvalInputError(path, `${path}: expected a JSON array of strings, found ${typeof data}`);
    return data.map((p, i) => {
      if (typeof p !== 'string')
        throw new SqlEvalInputError(path, `${path}: item ${i}: expected a string, found ${typeof p}`);
      return p;
    });
  }
  return text
    .split(/\r?\n/)
    .filter((l) => l.trim().length > 0)
    .map((l) => l.trim().split('\t')[0]);
}

/** Reads Spider's `tables.json`, checking the fields the evaluation uses. */
export function readTablesFile(path: string): SpiderTableEntry[] {
  const data = parseJsonText(readText(path, 'tables'), path);
  if (!Array.isArray(data))
    throw new SqlEvalInputError(path, `${path}: expected a JSON array of schemas, found ${typeof data}`);
  for (const [i, e] of data.entries()) {
    const entry = e as Record<string, unknown>;
    for (const key of ['table_names_original', 'column_names_original', 'foreign_keys']) {
      if (!Array.isArray(entry?.[key]))
        throw new SqlEvalInputError(path, `${path}: entry ${i}: expected an array "${key}"`);
    }
    if (typeof entry.db_id !== 'string')
      throw new SqlEvalInputError(path, `${path}: entry ${i}: expected a string "db_id"`);
  }
  return data as SpiderTableEntry[];
}
