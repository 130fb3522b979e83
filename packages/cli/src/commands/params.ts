import { countMethodParameters, modelConfig } from '@t5sql/peft';
import { PAPER_EXPERIMENTS, PAPER_TABLES } from '@t5sql/repro';
import { COMMON_OPTIONS, type Command } from '../command.js';
import { METHOD_HELP, METHOD_OPTIONS, methodFromValues } from '../method-options.js';
import { optStr } from '../parse-values.js';
import { EXIT, UsageError } from '../usage-error.js';

const HELP = `t5sql params — trainable parameter count of a model configuration under a fine-tuning method.

Usage: t5sql params --model <id> --method <full|lora|qlora|prefix|none> [method options]
       t5sql params --reported

Counts from the public config.json of the model (no weights needed), the way PEFT's
print_trainable_parameters() reports them.

Models: t5-small, t5-base, google/flan-t5-small, google/flan-t5-base, google/flan-t5-large
        (the google/ prefix may be left out)

Options:
  --model <id>            model configuration (required unless --reported)
  --reported              the trainable-parameter column of the reported Table B and ablations, computed
                          for google/flan-t5-large and set beside the reported figures
  --json                  JSON on stdout
  -h, --help              this help

${METHOD_HELP}
  (--method defaults to lora here; alpha and dropout do not change the count)

Examples:
  t5sql params --model google/flan-t5-large --method lora --r 8        # 0.30%
  t5sql params --model flan-t5-large --method lora --r 32 --json       # 1.19%
  t5sql params --reported
`;

/** `t5sql params`. */
export const paramsCommand: Command = {
  path: ['params'],
  summary: 'trainable parameter counts for a model config and PEFT method (no weights needed)',
  help: HELP,
  options: {
    ...COMMON_OPTIONS,
    model: { type: 'string' },
    ...METHOD_OPTIONS,
    reported: { type: 'boolean' },
  },
  async run(values, _positionals, io) {
    if (values.reported) {
      const rows = [];
      for (const table of PAPER_TABLES.filter((t) => t.showTrainable)) {
        for (const row of table.rows) {
          const spec = PAPER_EXPERIMENTS.find((e) => e.id === row.experiment)!;
          const count = countMethodParameters(spec.model, spec.method);
          rows.push({
            table: table.id,
            row: row.label,
            model: spec.model,
            ...count,
            reported: table.reported[row.experiment]?.trainable ?? null,
          });
        }
      }
      if (values.json) io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      else {
        io.stdout.write('table          row              trainable       total      ours  reported\n');
        for (const r of rows) {
          io.stdout.write(
            `${r.table.padEnd(14)} ${r.row.padEnd(16)} ${String(r.trainable).padStart(11)} ${String(r.total).padStart(11)} ${`${r.percent.toFixed(4)}%`.padStart(9)} ${`${r.reported}%`.padStart(8)}\n`,
          );
        }
      }
      return EXIT.ok;
    }
    const model = optStr(values, 'model');
    if (!model) throw new UsageError('missing required option --model (e.g. google/flan-t5-large)');
    try {
      modelConfig(model);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const method = methodFromValues(values, 'lora');
    const count = countMethodParameters(model, method);
    if (values.json) io.stdout.write(`${JSON.stringify({ model, method, ...count }, null, 2)}\n`);
    else {
      io.stdout.write(
        `${model}, ${method.kind}: trainable params: ${count.trainable.toLocaleString('en-US')} || all params: ` +
          `${count.total.toLocaleString('en-US')} || trainable%: ${count.percent.toFixed(4)}\n`,
      );
    }
    return EXIT.ok;
  },
};
