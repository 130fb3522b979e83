import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SqlEvalUsageError } from '../errors.js';
import { type Hardness, evalHardness } from '../hardness/hardness.js';
import { type ByHardness, scoreByHardness } from '../hardness/level-scores.js';
import { parseSpiderSql } from '../parse/parse-sql.js';
import { type SpiderSchema, type SpiderTableEntry, buildSchema } from '../parse/spider-schema.js';
import { prepareExecQuery } from './prepare-exec-query.js';
import { resultEq } from './result-eq.js';
import { SqliteExecutor } from './sqlite-executor.js';

/** Inputs of {@link executionAccuracy}: parallel arrays, one entry per example. */
export interface ExecutionAccuracyInput {
  predictions: readonly string[];
  golds: readonly string[];
  dbIds: readonly string[];
  /** Folder with `<db_id>/<db_id>.sqlite` (Spider's `database/`). */
  databaseDir: string;
  /**
   * `tables.json` entries, used only to tell each gold's hardness; without them the schema is read from the
   * database file, as the official script does.
   */
  tables?: readonly SpiderTableEntry[];
  /** Per-query wall-clock limit in ms (default 10,000). */
  timeoutMs?: number;
  /** Use this executor (and leave it open) instead of a private one. */
  executor?: SqliteExecutor;
}

/** A gold query that did not execute. */
export interface GoldFailure {
  index: number;
  dbId: string;
  error: string;
}

/** Result of {@link executionAccuracy}. */
export interface ExecutionAccuracyReport {
  /** Execution accuracy over all examples (examples without a database score 0). */
  score: number;
  /** 1 or 0 per example, in input order. */
  perExample: number[];
  byHardness: ByHardness;
  hardness: Array<Hardness | null>;
  /** Predictions that raised an error on the database (timeouts included). */
  failedPredictions: number;
  /** Indices of those predictions. */
  failedPredictionIndices: number[];
  /** Predictions stopped by the time limit. */
  timedOut: number;
  /** Gold queries that did not execute (each example scores 0). */
  goldFailures: GoldFailure[];
  /** Examples whose database folder has no `.sqlite` file (each scores 0). */
  missingDatabaseExamples: number;
  /** The db_ids that were missing. */
  missingDatabases: string[];
}

/**
 * Execution accuracy as the maintained official script (test-suite-sql-eval `exec_eval.py`, default options)
 * computes it: both queries get the official clean-up (DISTINCT dropped, first statement only, `> =` glued),
 * run on every `.sqlite` file of the example's database folder, and match when the results are equal up to a
 * column permutation — as lists if the gold contains `order by`, else as bags of rows.
 *
 * Unlike the official script, every query sees the database as it is on disk (only one read statement runs: a
 * predicted `DROP TABLE` or `PRAGMA` fails and changes nothing for the examples after it) and has a time limit.
 *
 * @throws {Error} when the SQLite worker cannot start or crashes: a scorer that cannot run gives no score.
 *
 * @example
 * const r = await executionAccuracy({
 *   predictions: ['SELECT count(*) FROM singer'],
 *   golds: ['SELECT count(*) FROM singer'],
 *   dbIds: ['concert_singer'],
 *   databaseDir: 'spider/database',
 * });
 * r.score; // 1
 */
export async function executionAccuracy(input: ExecutionAccuracyInput): Promise<ExecutionAccuracyReport> {
  const { predictions, golds, dbIds, databaseDir } = input;
  if (predictions.length !== golds.length || golds.length !== dbIds.length) {
    throw new SqlEvalUsageError(
      `executionAccuracy: predictions (${predictions.length}), golds (${golds.length}) and dbIds (${dbIds.length}) must have the same length`,
    );
  }
  const executor = input.executor ?? new SqliteExecutor({ timeoutMs: input.timeoutMs });
  const entries = new Map((input.tables ?? []).map((t) => [t.db_id, t]));
  const dbFiles = new Map<string, string[]>();
  const schemas = new Map<string, SpiderSchema | null>();

  const filesOf = (dbId: string): string[] => {
    let files = dbFiles.get(dbId);
    if (files === undefined) {
      const dir = join(databaseDir, dbId);
      // As the official script: every file of the folder whose name contains ".sqlite", in a stable order.
      files = existsSync(dir)
        ? readdirSync(dir)
            .filter((f) => f.includes('.sqlite'))
            .sort()
            .map((f) => join(dir, f))
        : [];
      dbFiles.set(dbId, files);
    }
    return files;
  };
  const schemaOf = async (dbId: string): Promise<SpiderSchema | null> => {
    if (!schemas.has(dbId)) {
      const entry = entries.get(dbId);
      let schema: SpiderSchema | null = null;
      if (entry !== undefined) schema = buildSchema(entry);
      else {
        const main = join(databaseDir, dbId, `${dbId}.sqlite`);
        if (existsSync(main)) schema = schemaFromDb(await executor.schema(main));
      }
      schemas.set(dbId, schema);
    }
    return schemas.get(dbId) ?? null;
  };

  const perExample: number[] = [];
  const hardness: Array<Hardness | null> = [];
  const failedPredictionIndices: number[] = [];
  const goldFailures: GoldFailure[] = [];
  const missing = new Set<string>();
  let missingDatabaseExamples = 0;
  let timedOut = 0;

  try {
    for (let i = 0; i < predictions.length; i++) {
      const dbId = dbIds[i];
      const schema = await schemaOf(dbId);
      let h: Hardness | null = null;
      if (schema !== null) {
        try {
          h = evalHardness(parseSpiderSql(schema, golds[i]));
        } catch {
          h = null;
        }
      }
      hardness.push(h);
      const files = filesOf(dbId);
      if (files.length === 0) {
        missing.add(dbId);
        missingDatabaseExamples += 1;
        perExample.push(0);
        continue;
      }
      const gold = prepareExecQuery(golds[i]);
      const pred = prepareExecQuery(predictions[i]);
      const orderMatters = gold.toLowerCase().includes('order by');
      let pass = 1;
      for (const file of files) {
        const g = await executor.query(file, gold);
        if (!g.ok) {
          goldFailures.push({ index: i, dbId, error: g.error });
          pass = 0;
          break;
        }
        const p = await executor.query(file, pred);
        if (!p.ok) {
          failedPredictionIndices.push(i);
          if (p.timedOut) timedOut += 1;
          pass = 0;
          break;
        }
        if (!resultEq(g.rows, p.rows, orderMatters)) {
          pass = 0;
          break;
        }
      }
      perExample.push(pass);
    }
  } finally {
    if (input.executor === undefined) await executor.close();
  }

  const byHardness = scoreByHardness(perExample, hardness);
  return {
    score: byHardness.all.score,
    perExample,
    byHardness,
    hardness,
    failedPredictions: failedPredictionIndices.length,
    failedPredictionIndices,
    timedOut,
    goldFailures,
    missingDatabaseExamples,
    missingDatabases: [...missing].sort(),
  };
}

function schemaFromDb(tables: Record<string, string[]>): SpiderSchema {
  const entry: SpiderTableEntry = {
    db_id: '',
    table_names_original: [],
    column_names_original: [],
    foreign_keys: [],
  };
  for (const [t, cols] of Object.entries(tables)) {
    const ti = entry.table_names_original.push(t) - 1;
    for (const c of cols) entry.column_names_original.push([ti, c]);
  }
  return buildSchema(entry);
}
