import { parseArgs } from 'node:util';
import { writeJsonAtomicSync } from '@t5sql/common';
import { SqlEvalInputError } from '../errors.js';
import { type ExactSetMatchReport, spiderExactSetMatch } from '../exact-match/spider-exact-set-match.js';
import { type ExecutionAccuracyReport, executionAccuracy } from '../execution/execution-accuracy.js';
import { formatOfficialReport } from '../report/format-report.js';
import { readGoldFile, readPredictionFile, readTablesFile } from './read-eval-files.js';

const USAGE = `Usage: t5sql eval-sql --gold dev.json|gold.sql --pred preds.txt --table tables.json --db database_dir
                     [--etype all|match|exec] [--json report.json] [--timeout-ms 10000]

Scores predictions as the official Spider evaluation does: exact-set match (etype match) and/or execution
accuracy (etype exec), broken down by hardness. Predictions: one query per line (or a JSON array of strings),
in the order of the gold file.`;

/** Exit codes of {@link runEvalSqlCommand}. */
export const EVAL_SQL_EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/**
 * `t5sql eval-sql`: reads gold, predictions, tables and databases, prints the official report table (counts and
 * scores per hardness level, partial matching per component) and the wall time, and optionally writes the full
 * report (per-example scores included) as JSON. Returns the exit code: 0 done, 1 bad input, 2 bad arguments.
 *
 * @example
 * const code = await runEvalSqlCommand([
 *   '--gold', 'spider/dev.json', '--pred', 'preds.txt', '--table', 'spider/tables.json',
 *   '--db', 'spider/database', '--etype', 'all', '--json', 'report.json',
 * ]);
 */
export async function runEvalSqlCommand(
  argv: string[],
  io: { out: (s: string) => void; err: (s: string) => void } = {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
  },
): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        gold: { type: 'string' },
        pred: { type: 'string' },
        db: { type: 'string' },
        table: { type: 'string' },
        etype: { type: 'string', default: 'all' },
        json: { type: 'string' },
        'timeout-ms': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (e) {
    io.err(`eval-sql: ${(e as Error).message}\n${USAGE}\n`);
    return EVAL_SQL_EXIT.usage;
  }
  if (values.help === true) {
    io.out(`${USAGE}\n`);
    return EVAL_SQL_EXIT.ok;
  }
  const etype = values.etype as string;
  if (!['all', 'match', 'exec'].includes(etype)) {
    io.err(`eval-sql: --etype must be all, match or exec, found "${etype}"\n`);
    return EVAL_SQL_EXIT.usage;
  }
  const needed = [
    'gold',
    'pred',
    ...(etype !== 'exec' ? ['table'] : []),
    ...(etype !== 'match' ? ['db'] : []),
  ];
  const missing = needed.filter((k) => typeof values[k] !== 'string');
  if (missing.length > 0) {
    io.err(
      `eval-sql: missing ${missing.map((k) => `--${k}`).join(', ')} (needed for --etype ${etype})\n${USAGE}\n`,
    );
    return EVAL_SQL_EXIT.usage;
  }
  let timeoutMs: number | undefined;
  if (typeof values['timeout-ms'] === 'string') {
    timeoutMs = Number(values['timeout-ms']);
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
      io.err(`eval-sql: --timeout-ms must be a positive number, found "${values['timeout-ms']}"\n`);
      return EVAL_SQL_EXIT.usage;
    }
  }

  try {
    const start = performance.now();
    const gold = readGoldFile(values.gold as string);
    const predictions = readPredictionFile(values.pred as string);
    if (predictions.length !== gold.length) {
      throw new SqlEvalInputError(
        values.pred as string,
        `${values.pred}: ${predictions.length} predictions for ${gold.length} gold queries in ${values.gold} (blank lines are skipped, as in the official script)`,
      );
    }
    const tables = typeof values.table === 'string' ? readTablesFile(values.table) : undefined;
    const input = { predictions, golds: gold.map((g) => g.query), dbIds: gold.map((g) => g.dbId) };
    const match: ExactSetMatchReport | null =
      etype === 'exec' ? null : spiderExactSetMatch({ ...input, tables: tables ?? [] });
    const exec: ExecutionAccuracyReport | null =
      etype === 'match'
        ? null
        : await executionAccuracy({ ...input, databaseDir: values.db as string, tables, timeoutMs });
    const wallMs = performance.now() - start;

    io.out(formatOfficialReport(match, exec));
    const notes: string[] = [];
    if (match !== null) notes.push(`predictions that did not parse: ${match.parseErrors}`);
    if (exec !== null) {
      notes.push(
        `predictions that failed to execute: ${exec.failedPredictions} (${exec.timedOut} timed out)`,
      );
      notes.push(`gold queries that failed to execute: ${exec.goldFailures.length}`);
      if (exec.missingDatabases.length > 0) {
        notes.push(
          `examples without a database: ${exec.missingDatabaseExamples} (${exec.missingDatabases.join(', ')}), scored 0`,
        );
      }
    }
    notes.push(`wall time: ${(wallMs / 1000).toFixed(2)} s for ${gold.length} examples`);
    io.out(`\n${notes.join('\n')}\n`);

    if (typeof values.json === 'string') {
      const report = { etype, count: gold.length, wallTimeMs: wallMs, exactSetMatch: match, execution: exec };
      writeJsonAtomicSync(values.json, report, { indent: 0 });
    }
    return EVAL_SQL_EXIT.ok;
  } catch (e) {
    io.err(`eval-sql: ${(e as Error).message}\n`);
    return EVAL_SQL_EXIT.failed;
  }
}
