import { readFileSync } from 'node:fs';
import { decodePredictions } from '@t5sql/repro';
import { generateSequences } from '@t5sql/t5-core';
import { COMMON_OPTIONS, type Command } from '../command.js';
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
  --json                  JSON array of {prompt, sql} on stdout
  -h, --help              this help

Example:
  t5sql generate --model runs/t5-small-full \\
    --prompt "translate English to SQL: tables: singer(id, name, age) question: How many singers are there? SQL:"
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
    await useBackend(values, io.env, (line) => io.stderr.write(`${line}\n`));
    const tokenizer = await loadTokenizer(values);
    const { model: base } = await loadBaseModel(values, tokenizer);
    try {
      const model = await withAdapter(base, optStr(values, 'adapter'), values.qlora === true);
      const batch = tokenizer.encodeBatch(prompts, { maxLength });
      const sequences = await generateSequences(model, batch.inputIds, {
        attentionMask: batch.attentionMask,
        maxNewTokens,
        numBeams,
      });
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
