import { resolve } from 'node:path';
import { runMetricsCommand } from '@t5sql/metrics';
import { COMMON_OPTIONS, type Command } from '../command.js';
import { optStr } from '../parse-values.js';
import { UsageError } from '../usage-error.js';
import { runPackageCommand } from './run-package-command.js';

const HELP = `t5sql metrics — ROUGE, BLEU, METEOR and Google BLEU of predictions against references, exactly as
Hugging Face evaluate computes them.

Usage: t5sql metrics [options] <predictions-file> <references-file>

Files hold one record per line: plain text, or JSON lines (.jsonl/.ndjson, or --format jsonl) where a line is a
string, an array of strings (several references) or an object with a "prediction", "reference(s)" or "text"
field.

Options:
  -m, --metrics <list>    comma-separated subset of rouge,bleu,meteor,google_bleu (default: all)
      --format <f>        auto (by extension, default), jsonl or text
      --use-stemmer       ROUGE: Porter-stem tokens (rouge_score's use_stemmer)
      --bootstrap-seed <n> ROUGE: report evaluate's bootstrap median for np.random.seed(n) instead of the mean
  -o, --output <file>     also write the results as JSON to <file> (atomically)
      --json              print the results as JSON on stdout (the table goes to stderr)
  -h, --help              this help

Exit codes: 0 done, 1 a file or its content is unusable (the message names the file and line), 2 bad arguments.

Examples:
  t5sql metrics predictions.txt references.jsonl
  t5sql metrics -m rouge,bleu --use-stemmer -o out.json preds.jsonl refs.jsonl
  t5sql metrics --bootstrap-seed 42 --json preds.txt refs.txt
`;

/** `t5sql metrics`: `runMetricsCommand` of `@t5sql/metrics` (the `t5sql-metrics` executable) under `t5sql`. */
export const metricsCommand: Command = {
  path: ['metrics'],
  summary: 'ROUGE, BLEU, METEOR and Google BLEU of a predictions file against a references file',
  help: HELP,
  options: {
    ...COMMON_OPTIONS,
    metrics: { type: 'string', short: 'm' },
    format: { type: 'string' },
    'use-stemmer': { type: 'boolean' },
    'bootstrap-seed': { type: 'string' },
    output: { type: 'string', short: 'o' },
  },
  allowPositionals: true,
  async run(values, positionals, io) {
    if (values.json === true && positionals.length === 3) {
      // `t5sql-metrics --json <file>` takes a file; here --json prints on stdout, and which of the three files
      // was meant as the output cannot be told (guessing could overwrite an input).
      throw new UsageError(
        '--json prints the results on stdout and takes no file; write them to a file with -o <file>',
      );
    }
    const argv: string[] = [];
    for (const name of ['metrics', 'format', 'bootstrap-seed']) {
      const value = optStr(values, name);
      if (value !== undefined) argv.push(`--${name}`, value);
    }
    if (values['use-stemmer'] === true) argv.push('--use-stemmer');
    argv.push('--', ...positionals.map((p) => resolve(io.cwd, p)));
    const output = optStr(values, 'output');
    return runPackageCommand(
      (args, write) => runMetricsCommand(args, { stdout: write.out, stderr: write.err }),
      argv,
      io,
      {
        program: 't5sql-metrics',
        jsonToStdout: values.json === true,
        jsonFile: output === undefined ? undefined : resolve(io.cwd, output),
      },
    );
  },
};
