import { join } from 'node:path';
import { writeFileAtomicSync } from '@t5sql/common';
import { tokenizeExamples } from '@t5sql/datasets';
import {
  METRIC_LABELS,
  type MetricName,
  describeConstraintStats,
  generatePredictions,
  recordSchemas,
  scorePredictions,
} from '@t5sql/repro';
import { readTablesFile } from '@t5sql/sql-eval';
import { COMMON_OPTIONS, type Command } from '../command.js';
import { CONSTRAIN_HELP, CONSTRAIN_OPTIONS, constrainFrom } from '../constrain-option.js';
import { DATA_HELP, DATA_OPTIONS, loadRecords } from '../data-options.js';
import {
  MODEL_HELP,
  MODEL_OPTIONS,
  loadBaseModel,
  loadTokenizer,
  useBackend,
  withAdapter,
} from '../model-options.js';
import { list, num, optStr } from '../parse-values.js';
import { SQL_ENCODING_HELP, SQL_ENCODING_OPTIONS, sqlEncodingFrom } from '../sql-encoding-option.js';
import { EXIT, UsageError } from '../usage-error.js';

const ALL_METRICS = Object.keys(METRIC_LABELS) as MetricName[];

const HELP = `t5sql eval — generate SQL for a dataset split and score it.

Usage: t5sql eval --model <dir|repo> [--adapter <dir>] --data <path> [options]

Metrics are Hugging Face evaluate's (rouge1, rouge2, rougeL, rougeLsum, bleu, meteor, google_bleu) and Spider's
(exact_match: normalized string match; execution_accuracy: results on the SQLite databases, Spider only).

${MODEL_HELP}
  --adapter <dir|repo>    a LoRA / prefix adapter (PEFT format) on top of --model
  --qlora                 the adapter was trained on a 4-bit model: quantize the base to NF4 first

${DATA_HELP}
  (default split: dev for Spider, test for Gretel)

Evaluation:
  --metrics <list>            comma-separated (default: spider rouge1,rouge2,rougeL,rougeLsum,exact_match,
                              execution_accuracy; gretel bleu,rougeL,meteor,google_bleu)
  --template <name>           prompt template (default t5-instruct)
${SQL_ENCODING_HELP}
  --max-source-length <n>     default 512
  --max-new-tokens <n>        default 128
  --num-beams <n>             default 1 (greedy)
${CONSTRAIN_HELP}
  --batch-size <n>            generation batch (default 16)
  --predictions-out <file>    also write one JSON line per example: question, gold, prediction
  --json                      print the scores as JSON on stdout
  -h, --help                  this help

Example:
  t5sql eval --model runs/t5-small-full --data ./spider --split dev --limit 200
  t5sql eval --model runs/t5-small-full --data ./spider --num-beams 4 --constrain schema
`;

/** `t5sql eval`. */
export const evalCommand: Command = {
  path: ['eval'],
  summary: 'generate SQL for a split and score it (ROUGE, BLEU, METEOR, GLEU, exact match, execution)',
  help: HELP,
  options: {
    ...COMMON_OPTIONS,
    ...MODEL_OPTIONS,
    ...DATA_OPTIONS,
    adapter: { type: 'string' },
    qlora: { type: 'boolean' },
    metrics: { type: 'string' },
    template: { type: 'string' },
    ...SQL_ENCODING_OPTIONS,
    'max-source-length': { type: 'string' },
    'max-new-tokens': { type: 'string' },
    'num-beams': { type: 'string' },
    'batch-size': { type: 'string' },
    'predictions-out': { type: 'string' },
    ...CONSTRAIN_OPTIONS,
  },
  async run(values, _positionals, io) {
    const log = (line: string) => io.stderr.write(`${line}\n`);
    const gretel = values.dataset === 'gretel';
    const metrics = list(
      values,
      'metrics',
      gretel
        ? ['bleu', 'rougeL', 'meteor', 'google_bleu']
        : ['rouge1', 'rouge2', 'rougeL', 'rougeLsum', 'exact_match', 'execution_accuracy'],
    ) as MetricName[];
    for (const m of metrics) {
      if (!ALL_METRICS.includes(m))
        throw new UsageError(`--metrics: unknown "${m}"; expected ${ALL_METRICS.join(', ')}`);
    }
    if (gretel && metrics.includes('execution_accuracy')) {
      throw new UsageError('--metrics: execution_accuracy needs Spider databases (--dataset spider)');
    }
    const maxSourceLength = num(values, 'max-source-length', 512, { integer: true, min: 2 });
    const maxNewTokens = num(values, 'max-new-tokens', 128, { integer: true, min: 1 });
    const numBeams = num(values, 'num-beams', 1, { integer: true, min: 1 });
    const batchSize = num(values, 'batch-size', 16, { integer: true, min: 1 });
    const sqlEncoding = sqlEncodingFrom(values);
    const constrain = constrainFrom(values);
    await useBackend(values, io.env, log);
    const records = await loadRecords(values, gretel ? 'test' : 'dev');
    // Spider records name their database (tables.json beside the split); Gretel rows carry CREATE TABLE text.
    const schemas =
      constrain === null
        ? null
        : recordSchemas(
            records,
            gretel ? null : readTablesFile(join(optStr(values, 'data') as string, 'tables.json')),
          );
    const tokenizer = await loadTokenizer(values);
    const { model: base, source } = await loadBaseModel(values, tokenizer);
    try {
      const model = await withAdapter(base, optStr(values, 'adapter'), values.qlora === true);
      const tokenized = tokenizeExamples(records, {
        tokenizer,
        template: optStr(values, 'template') ?? 't5-instruct',
        sqlEncoding,
        maxSourceLength,
        maxTargetLength: 100_000,
      });
      const { examples } = tokenized;
      const truncated = tokenized.truncation.truncatedEither;
      log(`${source}: generating for ${examples.length} examples (${truncated} prompts truncated)`);
      const predictions = await generatePredictions(model, tokenizer, examples, {
        batchSize,
        maxNewTokens,
        numBeams,
        sqlEncoding,
        ...(schemas === null
          ? {}
          : {
              constrain: {
                schemas,
                topK: constrain?.topK,
                finishQueries: constrain?.finishQueries,
                onStats: (stats) => log(describeConstraintStats(stats)),
              },
            }),
      });
      const scores = await scorePredictions(
        predictions,
        records,
        metrics,
        gretel ? null : (optStr(values, 'data') ?? null),
      );
      const out = optStr(values, 'predictions-out');
      if (out) {
        writeFileAtomicSync(
          out,
          records
            .map((r, i) =>
              JSON.stringify({ id: r.id, question: r.question, gold: r.sql, prediction: predictions[i] }),
            )
            .join('\n') + '\n',
        );
      }
      if (values.json)
        io.stdout.write(
          `${JSON.stringify({ ok: true, model: source, examples: records.length, metrics: scores }, null, 2)}\n`,
        );
      else
        for (const [k, v] of Object.entries(scores))
          io.stdout.write(`${METRIC_LABELS[k as MetricName].padEnd(16)} ${v?.toFixed(4)}\n`);
      return EXIT.ok;
    } finally {
      base.dispose();
    }
  },
};
