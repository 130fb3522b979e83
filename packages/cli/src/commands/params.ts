import { type MethodSpec, PAPER_EXPERIMENTS, PAPER_TABLES, modelConfig, trainableParameters } from '@t5sql/repro';
import { COMMON_OPTIONS, type Command } from '../command.js';
import { choice, list, num, optStr } from '../parse-values.js';
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
  --method <m>            full | lora | qlora | prefix | none (default lora)
  --r <n>                 LoRA rank (default 8)
  --alpha <n>             LoRA alpha (default 32; does not change the count)
  --targets <list>        LoRA target modules, comma-separated (default q,v)
  --virtual-tokens <n>    prefix tuning: virtual tokens (default 10)
  --reported              the trainable-parameter column of the reported Table B and ablations, computed
                          for google/flan-t5-large and set beside the reported figures
  --json                  JSON on stdout
  -h, --help              this help

Examples:
  t5sql params --model google/flan-t5-large --method lora --r 8        # 0.30%
  t5sql params --model flan-t5-large --method lora --r 32 --json       # 1.19%
  t5sql params --reported
`;

function methodFrom(values: Record<string, string | boolean | string[] | undefined>): MethodSpec {
  const kind = choice(values, 'method', ['full', 'lora', 'qlora', 'prefix', 'none'], 'lora');
  const r = num(values, 'r', 8, { integer: true, min: 1 });
  const loraAlpha = num(values, 'alpha', 32, { min: 0 });
  const targetModules = list(values, 'targets', ['q', 'v']);
  switch (kind) {
    case 'none':
    case 'full':
      return { kind };
    case 'lora':
      return { kind, r, loraAlpha, loraDropout: 0.05, targetModules };
    case 'qlora':
      return { kind, r, loraAlpha, loraDropout: 0.05, targetModules, doubleQuant: true, blockSize: 64 };
    case 'prefix':
      return {
        kind,
        numVirtualTokens: num(values, 'virtual-tokens', 10, { integer: true, min: 1 }),
        prefixProjection: false,
      };
  }
}

/** `t5sql params`. */
export const paramsCommand: Command = {
  path: ['params'],
  summary: 'trainable parameter counts for a model config and PEFT method (no weights needed)',
  help: HELP,
  options: {
    ...COMMON_OPTIONS,
    model: { type: 'string' },
    method: { type: 'string' },
    r: { type: 'string' },
    alpha: { type: 'string' },
    targets: { type: 'string' },
    'virtual-tokens': { type: 'string' },
    reported: { type: 'boolean' },
  },
  async run(values, _positionals, io) {
    if (values.reported) {
      const rows = [];
      for (const table of PAPER_TABLES.filter((t) => t.showTrainable)) {
        for (const row of table.rows) {
          const spec = PAPER_EXPERIMENTS.find((e) => e.id === row.experiment)!;
          const count = trainableParameters(spec.model, spec.method);
          rows.push({ table: table.id, row: row.label, model: spec.model, ...count, reported: table.reported[row.experiment]?.trainable ?? null });
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
    const method = methodFrom(values);
    const count = trainableParameters(model, method);
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
