import { computeDataStats, formatDataStats, getTemplate } from '@t5sql/datasets';
import { T5Tokenizer } from '@t5sql/t5-core';
import { COMMON_OPTIONS, type Command } from '../command.js';
import { DATA_HELP, DATA_OPTIONS, loadRecords } from '../data-options.js';
import { num, optStr } from '../parse-values.js';
import { SQL_ENCODING_HELP, SQL_ENCODING_OPTIONS, sqlEncodingFrom } from '../sql-encoding-option.js';
import { EXIT } from '../usage-error.js';

const HELP = `t5sql data stats — how a dataset looks once rendered with a prompt template and tokenized.

Usage: t5sql data stats --dataset spider|gretel --data <path> [options]

Prints the record count, token-length percentiles of prompts and targets (with </s>), and how many examples
the length limits would truncate — what to check before choosing --max-source-length.

${DATA_HELP}

Options:
  --template <name>           prompt template: t5-instruct | flan-t5 | tables-question, or a template string
                              with {question} {context} placeholders (default t5-instruct)
${SQL_ENCODING_HELP}
  --tokenizer <dir|repo>      T5 tokenizer (default t5-small from the hub)
  --max-source-length <n>     default 512
  --max-target-length <n>     default 128
  --json                      JSON on stdout
  -h, --help                  this help

Example:
  t5sql data stats --dataset spider --data ./data/spider --split dev --tokenizer ./data/t5-small-tokenizer
`;

/** `t5sql data stats`. */
export const dataStatsCommand: Command = {
  path: ['data', 'stats'],
  summary: 'record counts, token lengths and truncation of a dataset under a prompt template',
  help: HELP,
  options: {
    ...COMMON_OPTIONS,
    ...DATA_OPTIONS,
    template: { type: 'string' },
    ...SQL_ENCODING_OPTIONS,
    tokenizer: { type: 'string' },
    'max-source-length': { type: 'string' },
    'max-target-length': { type: 'string' },
  },
  async run(values, _positionals, io) {
    const maxSourceLength = num(values, 'max-source-length', 512, { integer: true, min: 1 });
    const maxTargetLength = num(values, 'max-target-length', 128, { integer: true, min: 1 });
    const template = getTemplate(optStr(values, 'template') ?? 't5-instruct', {
      sqlEncoding: sqlEncodingFrom(values),
    });
    const records = await loadRecords(values, values.dataset === 'gretel' ? 'train' : 'dev');
    const tokenizer = await T5Tokenizer.fromPretrained(optStr(values, 'tokenizer') ?? 't5-small');
    const stats = computeDataStats({ records, tokenizer, template, maxSourceLength, maxTargetLength });
    if (values.json) io.stdout.write(`${JSON.stringify(stats, null, 2)}\n`);
    else io.stdout.write(`${formatDataStats(stats)}\n`);
    return EXIT.ok;
  },
};
