import { join } from 'node:path';
import { makeBatches } from '@t5sql/datasets';
import {
  MANIFEST_PACKAGES,
  MemoryTracker,
  applyMethod,
  backendDeterminism,
  deriveSeed,
  gitInfo,
  machineInfo,
  packageVersions,
  toTokenized,
  writeJsonAtomic,
} from '@t5sql/repro';
import { Trainer, listCheckpoints } from '@t5sql/t5-core';
import { COMMON_OPTIONS, type Command } from '../command.js';
import { DATA_HELP, DATA_OPTIONS, loadRecords } from '../data-options.js';
import { METHOD_HELP, METHOD_OPTIONS, methodFromValues } from '../method-options.js';
import { MODEL_HELP, MODEL_OPTIONS, loadBaseModel, loadTokenizer, useBackend } from '../model-options.js';
import { choice, num, optStr, str } from '../parse-values.js';
import { EXIT } from '../usage-error.js';

const HELP = `t5sql train — fine-tune a T5 / Flan-T5 model for text-to-SQL (full, LoRA, QLoRA or prefix tuning).

Usage: t5sql train --model <dir|repo> --data <path> --output <dir> [options]

Trains on a dataset rendered with a prompt template, shows a progress line (step, loss, learning rate,
tokens/s, ETA) on stderr, saves checkpoints you can resume from, and writes to --output:
  full fine-tuning   config.json + model.safetensors (loads in transformers and with --model)
  lora/qlora/prefix  adapter_config.json + adapter_model.safetensors (loads in Python PEFT and with --adapter)
  run-manifest.json  settings, seed, package versions, backend, git commit, data fingerprint, timings, memory

${MODEL_HELP}

${METHOD_HELP}
  (default lora)

${DATA_HELP}
  (default split: train)

Training:
  --output <dir>              where the model or adapter goes (required)
  --template <name>           prompt template (default t5-instruct; flan-t5 for Flan models)
  --epochs <n>                default 1
  --max-steps <n>             stop after n updates (overrides --epochs)
  --lr <x>                    peak learning rate (default 5e-4; 1e-3 for LoRA / QLoRA, 1e-2 for prefix)
  --batch-size <n>            default 8
  --optimizer <name>          adamw | adafactor (default adamw)
  --max-source-length <n>     default 512
  --max-target-length <n>     default 128
  --save-every <n>            checkpoint every n updates into <output>/checkpoints (default: each epoch end)
  --resume                    continue from the newest checkpoint in <output>/checkpoints
  --seed <n>                  one seed for weight init, adapter init, dropout and data order (default 42)
  --json                      print the summary as JSON on stdout
  -h, --help                  this help

Exit codes: 0 trained and saved; 1 training failed; 2 bad command line.

Examples:
  t5sql train --model t5-small --method full --data ./spider --output runs/t5-small-full --epochs 2 --lr 5e-3
  t5sql train --model google/flan-t5-base --method lora --r 8 --dataset gretel --limit 20000 \\
      --template flan-t5 --output runs/flan-lora
`;

/** `t5sql train`. */
export const trainCommand: Command = {
  path: ['train'],
  summary: 'fine-tune a model (full, LoRA, QLoRA, prefix) with progress, checkpoints and resume',
  help: HELP,
  options: {
    ...COMMON_OPTIONS,
    ...MODEL_OPTIONS,
    ...METHOD_OPTIONS,
    ...DATA_OPTIONS,
    output: { type: 'string' },
    template: { type: 'string' },
    epochs: { type: 'string' },
    'max-steps': { type: 'string' },
    lr: { type: 'string' },
    'batch-size': { type: 'string' },
    optimizer: { type: 'string' },
    'max-source-length': { type: 'string' },
    'max-target-length': { type: 'string' },
    'save-every': { type: 'string' },
    resume: { type: 'boolean' },
  },
  async run(values, _positionals, io) {
    const log = (line: string) => io.stderr.write(`${line}\n`);
    const output = str(values, 'output');
    const method = methodFromValues(values, 'lora');
    const seed = num(values, 'seed', 42, { integer: true, min: 0 });
    const defaultLr = method.kind === 'full' ? 5e-4 : method.kind === 'prefix' ? 1e-2 : 1e-3;
    const hyper = {
      epochs: num(values, 'epochs', 1, { integer: true, min: 1 }),
      maxSteps:
        values['max-steps'] !== undefined
          ? num(values, 'max-steps', undefined, { integer: true, min: 1 })
          : undefined,
      learningRate: num(values, 'lr', defaultLr, { min: 0 }),
      batchSize: num(values, 'batch-size', 8, { integer: true, min: 1 }),
      optimizer: choice(values, 'optimizer', ['adamw', 'adafactor'], 'adamw'),
      maxSourceLength: num(values, 'max-source-length', 512, { integer: true, min: 2 }),
      maxTargetLength: num(values, 'max-target-length', 128, { integer: true, min: 2 }),
    };
    const saveEvery =
      values['save-every'] !== undefined
        ? num(values, 'save-every', undefined, { integer: true, min: 1 })
        : undefined;
    const template = optStr(values, 'template') ?? 't5-instruct';
    const backend = await useBackend(values, io.env, log);
    const records = await loadRecords(values, 'train');
    const tokenizer = await loadTokenizer(values);
    const { model: base, source } = await loadBaseModel(values);
    const memory = new MemoryTracker().start();
    const started = new Date();
    try {
      const adapted = applyMethod(base, method, deriveSeed(seed, 'init', 'adapter'));
      if (!adapted.trains)
        throw new Error('--method none trains nothing; use `t5sql eval` to score a model as is');
      log(
        `${source}: ${adapted.description}; trainable ${adapted.trainableParams.toLocaleString('en-US')} of ${adapted.totalParams.toLocaleString('en-US')}`,
      );
      const { examples, truncated } = toTokenized(records, tokenizer, template, hyper);
      log(`${examples.length} training examples (${truncated} truncated)`);
      const checkpointDir = join(output, 'checkpoints');
      const resume = values.resume === true && (await listCheckpoints(checkpointDir)).length > 0;
      const trainer = new Trainer(adapted.model, {
        optimizer: hyper.optimizer,
        learningRate: hyper.learningRate,
        epochs: hyper.epochs,
        maxSteps: hyper.maxSteps,
        seed: deriveSeed(seed, 'dropout'),
        checkpointDir,
        saveEvery,
        keepCheckpoints: 2,
        resumeFrom: resume ? 'latest' : undefined,
        progress: { stream: io.stderr },
        onStep: () => memory.sample(),
      });
      const dataSeed = deriveSeed(seed, 'data');
      const history = await trainer.train({
        trainBatches: (epoch) =>
          makeBatches(examples, {
            batchSize: hyper.batchSize,
            padTokenId: tokenizer.padTokenId,
            seed: dataSeed,
            epoch,
            bucketByLength: true,
          }),
      });
      trainer.dispose();
      await adapted.model.saveTrainable(output);
      const peakMemory = memory.stop();
      const finalLoss = history.steps.at(-1)?.loss ?? null;
      const manifest = {
        schemaVersion: 1,
        command: ['t5sql', 'train', ...process.argv.slice(3)],
        model: source,
        method,
        hyper: { ...hyper, template },
        seed,
        backend: backendDeterminism(backend),
        packages: packageVersions(MANIFEST_PACKAGES, import.meta.url),
        git: gitInfo(),
        machine: machineInfo(),
        data: { records: records.length, truncated },
        startedAt: started.toISOString(),
        finishedAt: new Date().toISOString(),
        seconds: (Date.now() - started.getTime()) / 1000,
        peakMemory,
        trainable: { params: adapted.trainableParams, total: adapted.totalParams },
        finalLoss,
        tokensPerSecond: history.tokensPerSecond,
        resumed: resume,
        lossCurve: history.steps.map((s) => ({ step: s.step, loss: s.loss })),
      };
      writeJsonAtomic(join(output, 'run-manifest.json'), manifest);
      const summary = {
        ok: true,
        output,
        steps: history.steps.length,
        finalLoss,
        seconds: manifest.seconds,
        resumed: resume,
      };
      if (values.json) io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      else
        io.stdout.write(
          `saved to ${output} after ${summary.steps} updates, final loss ${finalLoss?.toFixed(4)}\n`,
        );
      return EXIT.ok;
    } finally {
      memory.stop();
      base.dispose();
    }
  },
};
