import { parseArgs } from 'node:util';
import { writeJsonAtomic } from '@t5sql/common';
import { bleu } from '../bleu/bleu.js';
import { googleBleu } from '../bleu/google-bleu.js';
import { MetricsFileError, MetricsUsageError } from '../errors.js';
import { meteor } from '../meteor/meteor.js';
import { rouge } from '../rouge/rouge.js';
import { formatTable } from './format-table.js';
import { type RecordFormat, readRecords } from './read-records.js';

const METRICS = ['rouge', 'bleu', 'meteor', 'google_bleu'] as const;
type MetricName = (typeof METRICS)[number];

/** Where the command writes; tests pass their own. */
export interface CommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const USAGE = `Usage: t5sql-metrics [options] <predictions-file> <references-file>

Scores predictions against references with ROUGE, BLEU, METEOR and Google BLEU, exactly as Hugging Face
evaluate does, and prints a table. Files hold one record per line: plain text, or JSON lines (.jsonl/.ndjson, or
--format jsonl) where a line is a string, an array of strings (several references) or an object with a
"prediction", "reference(s)" or "text" field.

Options:
  -m, --metrics <list>    comma-separated subset of rouge,bleu,meteor,google_bleu (default: all)
      --format <f>        auto (by extension, default), jsonl or text
      --use-stemmer       ROUGE: Porter-stem tokens (rouge_score's use_stemmer)
      --bootstrap-seed <n> ROUGE: report evaluate's bootstrap median for np.random.seed(n) instead of the mean
  -o, --json <file>       also write the results as JSON (atomically)
  -h, --help              show this help

Exit status: 0 on success, 1 when a file or its content is unusable, 2 on a usage error.`;

function parseMetrics(list: string | undefined): MetricName[] {
  if (list === undefined) return [...METRICS];
  const names = list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  for (const n of names) {
    if (!(METRICS as readonly string[]).includes(n)) {
      throw new MetricsUsageError(
        `--metrics: unknown metric ${JSON.stringify(n)}; expected some of ${METRICS.join(', ')}`,
      );
    }
  }
  if (names.length === 0) throw new MetricsUsageError('--metrics: expected at least one metric');
  return names as MetricName[];
}

/**
 * The `t5sql-metrics` command (also `t5sql metrics`): reads a predictions file and a references file, scores them
 * and prints a table; `--json <file>` also writes the results.
 *
 * @param argv the arguments after the command name
 * @returns the exit status (0 ok, 1 bad input file, 2 usage error)
 * @example
 * const code = await runMetricsCommand(['preds.txt', 'refs.jsonl', '--metrics', 'bleu,rouge', '--json', 'out.json']);
 */
export async function runMetricsCommand(
  argv: string[],
  io: CommandIo = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) },
): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        metrics: { type: 'string', short: 'm' },
        format: { type: 'string' },
        'use-stemmer': { type: 'boolean' },
        'bootstrap-seed': { type: 'string' },
        json: { type: 'string', short: 'o' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    io.stderr(`t5sql-metrics: ${(err as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  let metrics: MetricName[];
  let format: RecordFormat;
  let seed: number | undefined;
  try {
    if (positionals.length !== 2) {
      throw new MetricsUsageError(
        `expected a predictions file and a references file, found ${positionals.length} arguments`,
      );
    }
    metrics = parseMetrics(values.metrics as string | undefined);
    format = ((values.format as string | undefined) ?? 'auto') as RecordFormat;
    if (!['auto', 'jsonl', 'text'].includes(format)) {
      throw new MetricsUsageError(`--format: expected auto, jsonl or text, found ${JSON.stringify(format)}`);
    }
    if (values['bootstrap-seed'] !== undefined) {
      seed = Number(values['bootstrap-seed']);
      if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
        throw new MetricsUsageError(
          `--bootstrap-seed: expected an integer in 0..4294967295, found ${values['bootstrap-seed']}`,
        );
      }
    }
  } catch (err) {
    if (!(err instanceof MetricsUsageError)) throw err;
    io.stderr(`t5sql-metrics: ${err.message}\n\n${USAGE}\n`);
    return 2;
  }
  try {
    const [predFile, refFile] = positionals;
    const preds = await readRecords(predFile, format);
    const refs = await readRecords(refFile, format);
    preds.forEach((p, i) => {
      if (typeof p !== 'string')
        throw new MetricsFileError(
          predFile,
          `${predFile}:${i + 1}: a prediction must be one string, found an array`,
          {
            line: i + 1,
          },
        );
    });
    if (preds.length !== refs.length) {
      throw new MetricsFileError(
        predFile,
        `${predFile} has ${preds.length} records but ${refFile} has ${refs.length}; expected one per line each`,
      );
    }
    const predictions = preds as string[];
    const results: Record<string, unknown> = {};
    const rows: Array<[string, number]> = [];
    for (const m of metrics) {
      if (m === 'rouge') {
        const r = rouge({
          predictions,
          references: refs,
          useStemmer: values['use-stemmer'] === true,
          bootstrap: seed === undefined ? undefined : { seed },
        });
        results.rouge = r;
        for (const [k, v] of Object.entries(r)) rows.push([k, v]);
      } else if (m === 'bleu') {
        const r = bleu({ predictions, references: refs });
        results.bleu = r;
        rows.push(['bleu', r.bleu]);
        rows.push(['brevity_penalty', r.brevity_penalty]);
      } else if (m === 'meteor') {
        const r = await meteor({ predictions, references: refs });
        results.meteor = r.meteor;
        rows.push(['meteor', r.meteor]);
      } else {
        const r = googleBleu({ predictions, references: refs });
        results.google_bleu = r.google_bleu;
        rows.push(['google_bleu', r.google_bleu]);
      }
    }
    io.stdout(`${predictions.length} pairs\n${formatTable(rows)}`);
    if (typeof values.json === 'string') {
      const file = values.json;
      await writeJsonAtomic(file, { pairs: predictions.length, ...results }).catch((err: Error) => {
        throw new MetricsFileError(file, `cannot write ${file}: ${err.message}`, { cause: err });
      });
    }
    return 0;
  } catch (err) {
    io.stderr(`t5sql-metrics: ${(err as Error).message}\n`);
    return 1;
  }
}
