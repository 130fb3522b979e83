import { resolve } from 'node:path';
import { runEvalSqlCommand } from '@t5sql/sql-eval';
import { COMMON_OPTIONS, type Command } from '../command.js';
import { optStr } from '../parse-values.js';
import { UsageError } from '../usage-error.js';
import { runPackageCommand } from './run-package-command.js';

const HELP = `t5sql eval-sql — score SQL predictions as the official Spider evaluation does.

Usage: t5sql eval-sql --gold dev.json|gold.sql --pred preds.txt --table tables.json --db database
                      [--etype all|match|exec] [--json [report.json]] [--timeout-ms 10000]

Exact-set match (official evaluation.py) and execution accuracy (test-suite-sql-eval exec_eval.py) on the
SQLite databases, by hardness level, with the official report table. Predictions run read-only: a prediction
that is not one read statement fails and changes nothing for the others.

Options:
  --gold <file>           Spider's dev.json (objects with query and db_id) or an official gold file
                          (SQL<TAB>db_id per line)
  --pred <file>           one query per line (text after a tab ignored, blank lines skipped), or a JSON array
                          of strings; as many as gold queries
  --table <file>          Spider's tables.json (needed unless --etype exec)
  --db <dir>              the folder with <db_id>/<db_id>.sqlite (needed unless --etype match)
  --etype <type>          all (default), match (exact-set match only) or exec (execution only)
  --timeout-ms <n>        time limit per query (default 10000)
  --json [file]           with a file: write the full report there (per-example scores included) and print the
                          table; alone: print the full report as JSON on stdout (the table goes to stderr)
  -h, --help              this help

Exit codes: 0 done, 1 bad input (the message names the file and line / row) or the scorer could not run,
2 bad arguments.

Examples:
  t5sql eval-sql --gold spider/dev.json --pred preds.txt --table spider/tables.json --db spider/database
  t5sql eval-sql --gold dev_gold.sql --pred preds.txt --table tables.json --db database --json report.json
  t5sql eval-sql --gold spider/dev.json --pred preds.txt --table spider/tables.json --etype match --json
`;

/** `t5sql eval-sql`: `runEvalSqlCommand` of `@t5sql/sql-eval`, with the options its README documents. */
export const evalSqlCommand: Command = {
  path: ['eval-sql'],
  summary: 'Spider exact-set match and execution accuracy of SQL predictions, by hardness',
  help: HELP,
  options: {
    ...COMMON_OPTIONS,
    gold: { type: 'string' },
    pred: { type: 'string' },
    table: { type: 'string' },
    db: { type: 'string' },
    etype: { type: 'string' },
    'timeout-ms': { type: 'string' },
  },
  // The only positional is the file of `--json <file>`.
  allowPositionals: true,
  async run(values, positionals, io) {
    if (positionals.length > 1 || (positionals.length === 1 && values.json !== true)) {
      throw new UsageError(
        `unexpected argument "${positionals[values.json === true ? 1 : 0]}" (only --json takes a file here)`,
      );
    }
    const argv: string[] = [];
    for (const name of ['gold', 'pred', 'table', 'db']) {
      const path = optStr(values, name);
      if (path !== undefined) argv.push(`--${name}`, resolve(io.cwd, path));
    }
    for (const name of ['etype', 'timeout-ms']) {
      const value = optStr(values, name);
      if (value !== undefined) argv.push(`--${name}`, value);
    }
    const jsonFile = positionals[0];
    return runPackageCommand((args, write) => runEvalSqlCommand(args, write), argv, io, {
      program: 'eval-sql',
      jsonToStdout: values.json === true && jsonFile === undefined,
      jsonFile: jsonFile === undefined ? undefined : resolve(io.cwd, jsonFile),
    });
  },
};
