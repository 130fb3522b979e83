import { readFileSync } from 'node:fs';
import { SchemaConstraint, decodePredictions, describeConstraintStats, tokenTexts } from '@t5sql/repro';
import { type SpiderTableEntry, readTablesFile } from '@t5sql/sql-eval';
import { generateSequences } from '@t5sql/t5-core';
import { COMMON_OPTIONS, type Command } from '../command.js';
import { CONSTRAIN_HELP, CONSTRAIN_OPTIONS, constrainFrom } from '../constrain-option.js';
import {
  MODEL_HELP,
  MODEL_OPTIONS,
  loadBaseModel,
  loadTokenizer,
  useBackend,
  withAdapter,
} from '../model-options.js';
import { num, optStr } from '../parse-values.js';
import { SQL_ENCODING_HELP, SQL_ENCODING_OPTIONS, sqlEncodingFrom } from '../sql-encoding-option.js';
import { EXIT, UsageError } from '../usage-error.js';

const HELP = `t5sql generate — turn prompts into SQL with a model (and optionally an adapter).

Usage: t5sql generate --model <dir|repo> [--adapter <dir>] (--prompt <text> ... | --input <file>) [options]

${MODEL_HELP}
  --adapter <dir|repo>    a LoRA / prefix adapter (PEFT format) on top of --model
  --qlora                 the adapter was trained on a 4-bit model: quantize the base to NF4 first

Generation:
  --prompt <text>         a prompt; repeat for several
  --input <file>          one prompt per line
  --max-new-tokens <n>    default 128
  --num-beams <n>         default 1 (greedy)
  --max-source-length <n> prompts are cut to this many tokens (default 512)
${SQL_ENCODING_HELP}
${CONSTRAIN_HELP}
  --tables <file>             with --constrain: Spider's tables.json
  --db-id <id>                with --constrain: the database of the prompts (once for all, or once
                              per prompt, in order)
  --json                  JSON array of {prompt, sql} on stdout
  -h, --help              this help

Example:
  t5sql generate --model runs/t5-small-full \\
    --prompt "translate English to SQL: tables: singer(id, name, age) question: How many singers are there? SQL:"
  t5sql generate --model runs/t5-small-full --constrain schema --tables spider/tables.json \\
    --db-id concert_singer --prompt "..."
`;

/** `t5sql generate`. */
export const generateCommand: Command = {
  path: ['generate'],
  summary: 'generate SQL for prompts given on the command line or in a file',
  help: HELP,
  options: {
    ...COMMON_OPTIONS,
    ...MODEL_OPTIONS,
    seed: { type: 'string' },
    adapter: { type: 'string' },
    qlora: { type: 'boolean' },
    prompt: { type: 'string', multiple: true },
    input: { type: 'string' },
    'max-new-tokens': { type: 'string' },
    'num-beams': { type: 'string' },
    'max-source-length': { type: 'string' },
    ...SQL_ENCODING_OPTIONS,
    ...CONSTRAIN_OPTIONS,
    tables: { type: 'string' },
    'db-id': { type: 'string', multiple: true },
  },
  async run(values, _positionals, io) {
    const prompts = [...((values.prompt as string[] | undefined) ?? [])];
    const input = optStr(values, 'input');
    if (input)
      prompts.push(
        ...readFileSync(input, 'utf8')
          .split('\n')
          .filter((l) => l.trim().length > 0),
      );
    if (prompts.length === 0) throw new UsageError('give at least one --prompt or an --input file');
    const maxNewTokens = num(values, 'max-new-tokens', 128, { integer: true, min: 1 });
    const numBeams = num(values, 'num-beams', 1, { integer: true, min: 1 });
    const maxLength = num(values, 'max-source-length', 512, { integer: true, min: 2 });
    const sqlEncoding = sqlEncodingFrom(values);
    const schemas = promptSchemas(values, prompts.length);
    const constrain = constrainFrom(values);
    await useBackend(values, io.env, (line) => io.stderr.write(`${line}\n`));
    const tokenizer = await loadTokenizer(values);
    const { model: base } = await loadBaseModel(values, tokenizer);
    try {
      const model = await withAdapter(base, optStr(values, 'adapter'), values.qlora === true);
      const batch = tokenizer.encodeBatch(prompts, { maxLength });
      const constraint =
        constrain === null
          ? undefined
          : new SchemaConstraint({
              schemas: schemas as SpiderTableEntry[],
              tokens: tokenTexts(tokenizer),
              topK: constrain.topK,
              endWithinBudget: constrain.finishQueries,
              finishOnEos: constrain.finishQueries,
              sqlEncoding,
            });
      const sequences = await generateSequences(model, batch.inputIds, {
        attentionMask: batch.attentionMask,
        maxNewTokens,
        numBeams,
        logitsProcessor: constraint,
      });
      if (constraint !== undefined) io.stderr.write(`${describeConstraintStats(constraint.stats)}\n`);
      const sql = decodePredictions(tokenizer, sequences, sqlEncoding);
      if (values.json)
        io.stdout.write(
          `${JSON.stringify(
            prompts.map((p, i) => ({ prompt: p, sql: sql[i] })),
            null,
            2,
          )}\n`,
        );
      else for (const s of sql) io.stdout.write(`${s}\n`);
      return EXIT.ok;
    } finally {
      base.dispose();
    }
  },
};

/** The schema of each prompt with `--constrain` (`--tables` and `--db-id`), or null without it. */
function promptSchemas(
  values: Record<string, string | boolean | string[] | undefined>,
  count: number,
): SpiderTableEntry[] | null {
  const dbIds = (values['db-id'] as string[] | undefined) ?? [];
  const tablesPath = optStr(values, 'tables');
  if (constrainFrom(values) === null) {
    if (dbIds.length > 0 || tablesPath)
      throw new UsageError('--tables and --db-id go with --constrain schema or picard');
    return null;
  }
  if (!tablesPath || dbIds.length === 0) {
    throw new UsageError('--constrain needs --tables <tables.json> and --db-id <database>');
  }
  if (dbIds.length !== 1 && dbIds.length !== count) {
    throw new UsageError(
      `--db-id: give one for all prompts or one per prompt (${count}), not ${dbIds.length}`,
    );
  }
  const tables = readTablesFile(tablesPath);
  return Array.from({ length: count }, (_, i) => {
    const dbId = dbIds.length === 1 ? dbIds[0] : dbIds[i];
    const entry = tables.find((t) => t.db_id === dbId);
    if (entry === undefined) {
      throw new UsageError(`--db-id: "${dbId}" is not in ${tablesPath} (${tables.length} databases)`);
    }
    return entry;
  });
}
