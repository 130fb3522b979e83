import { join, resolve } from 'node:path';
import { derivePurposeSeed } from '@t5sql/common';
import { makeBatches, tokenizeExamples } from '@t5sql/datasets';
import { applyMethod } from '@t5sql/peft';
import {
  MemoryTracker,
  TrainRunRecord,
  type TrainRunSettings,
  fingerprintExamples,
  runEnvironment,
} from '@t5sql/repro';
import { NonFiniteTrainingError, Trainer, type TrainingHistory } from '@t5sql/t5-core';
import { COMMON_OPTIONS, type Command } from '../command.js';
import { DATA_HELP, DATA_OPTIONS, loadRecords } from '../data-options.js';
import { METHOD_HELP, METHOD_OPTIONS, methodFromValues } from '../method-options.js';
import { MODEL_HELP, MODEL_OPTIONS, loadBaseModel, loadTokenizer, useBackend } from '../model-options.js';
import { choice, num, optStr, str } from '../parse-values.js';
import { SQL_ENCODING_HELP, SQL_ENCODING_OPTIONS, sqlEncodingFrom } from '../sql-encoding-option.js';
import { type OutputMode, prepareRun, refuseEarlierRun } from '../train-run/prepare-run.js';
import { CommandError, EXIT, UsageError } from '../usage-error.js';

const HELP = `t5sql train — fine-tune a T5 / Flan-T5 model for text-to-SQL (full, LoRA, QLoRA or prefix tuning).

Usage: t5sql train --model <dir|repo> --data <path> --output <dir> [options]

Trains on a dataset rendered with a prompt template, shows a progress line (step, loss, learning rate,
tokens/s, ETA) on stderr, saves checkpoints you can resume from, and writes to --output:
  full fine-tuning   config.json + model.safetensors (loads in transformers and with --model)
  lora/qlora/prefix  adapter_config.json + adapter_model.safetensors (loads in Python PEFT and with --adapter)
  run-manifest.json  settings, seed, package versions, backend, git commit, data fingerprint (sha256 of the
                     tokenized examples), timings, memory, and the history of starts, resumes (with what they
                     changed), finishes and failures; written when the run starts (status "running") and again
                     when it ends ("finished" or "failed")

${MODEL_HELP}

${METHOD_HELP}
  (default lora)

${DATA_HELP}
  (default split: train)

Training:
  --output <dir>              where the model or adapter goes (required)
  --template <name>           prompt template (default t5-instruct; flan-t5 for Flan models)
${SQL_ENCODING_HELP}
  --epochs <n>                default 1
  --max-steps <n>             stop after n updates (overrides --epochs)
  --lr <x>                    peak learning rate (default 5e-4; 1e-3 for LoRA / QLoRA, 1e-2 for prefix)
  --batch-size <n>            default 8
  --optimizer <name>          adamw | adafactor (default adamw)
  --max-source-length <n>     default 512
  --max-target-length <n>     default 128
  --save-every <n>            checkpoint every n updates into <output>/checkpoints (default: only at the end);
                              the newest two are kept
  --seed <n>                  one seed for weight init, adapter init, dropout and data order (default 42)
  --json                      print the summary as JSON on stdout
  -h, --help                  this help

An earlier run in --output:
  An --output that holds an earlier run (checkpoints, model or adapter files, run-manifest.json) is refused
  unless one of these says what to do with it. Temporary files a killed run left there are removed either way.
  --resume                    continue it from its newest usable checkpoint; a damaged newer one (killed
                              mid-save, disk full) is skipped with a warning and renamed checkpoint-<n>.damaged.
                              The run's settings must stay: a changed --lr, --batch-size, --limit, --seed,
                              --method, --template, ..., or different training data, is refused, naming it.
                              --max-steps and --epochs may grow; run-manifest.json records the change.
                              With no checkpoint in --output yet, a new run starts.
  --resume-from <dir>         continue from this checkpoint folder instead (implies --resume); checkpoints of
                              higher steps in <output>/checkpoints are renamed checkpoint-<n>.superseded
  --overwrite                 delete the earlier run (its checkpoints, model or adapter files and
                              run-manifest.json; nothing else in the folder) and start a new one

Exit codes: 0 trained and saved; 1 training failed (a NaN or infinite loss or gradient norm stops the run at that
step, naming it, and nothing is saved from it), or the data differs from the run being resumed; 2 bad command
line, also an --output holding an earlier run without --resume / --overwrite, or a resume that changes a setting.

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
    ...SQL_ENCODING_OPTIONS,
    epochs: { type: 'string' },
    'max-steps': { type: 'string' },
    lr: { type: 'string' },
    'batch-size': { type: 'string' },
    optimizer: { type: 'string' },
    'max-source-length': { type: 'string' },
    'max-target-length': { type: 'string' },
    'save-every': { type: 'string' },
    resume: { type: 'boolean' },
    'resume-from': { type: 'string' },
    overwrite: { type: 'boolean' },
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
    const sqlEncoding = sqlEncodingFrom(values);
    const resumeFrom = optStr(values, 'resume-from');
    const resuming = values.resume === true || resumeFrom !== undefined;
    if (resuming && values.overwrite === true)
      throw new UsageError(
        '--resume (or --resume-from) and --overwrite exclude each other: continue the earlier run, or replace it',
      );
    const mode: OutputMode = resuming ? 'resume' : values.overwrite === true ? 'overwrite' : 'new';
    const modelPath = optStr(values, 'model');
    if (modelPath !== undefined && resolve(modelPath) === resolve(output))
      throw new UsageError(
        `--output ${output} is the --model folder; the trained model would replace the one it starts from`,
      );
    if (mode === 'new') await refuseEarlierRun(output); // before loading anything
    const backend = await useBackend(values, io.env, log);
    const records = await loadRecords(values, 'train');
    const tokenizer = await loadTokenizer(values);
    const { model: base, source } = await loadBaseModel(values, tokenizer);
    const memory = new MemoryTracker().start();
    const started = new Date();
    try {
      const adapted = await applyMethod(base, method, derivePurposeSeed(seed, 'init', 'adapter'));
      if (!adapted.trains)
        throw new CommandError('--method none trains nothing; use `t5sql eval` to score a model as is');
      log(
        `${source}: ${adapted.description}; trainable ${adapted.trainableParams.toLocaleString('en-US')} of ${adapted.totalParams.toLocaleString('en-US')}`,
      );
      const { maxSourceLength, maxTargetLength } = hyper;
      const tokenized = tokenizeExamples(records, {
        tokenizer,
        template,
        sqlEncoding,
        maxSourceLength,
        maxTargetLength,
      });
      const { examples } = tokenized;
      const truncated = tokenized.truncation.truncatedEither;
      const fingerprint = fingerprintExamples(examples);
      log(`${examples.length} training examples (${truncated} truncated), sha256 ${fingerprint.sha256}`);
      const settings: TrainRunSettings = {
        model: source,
        method,
        seed,
        optimizer: hyper.optimizer,
        learningRate: hyper.learningRate,
        batchSize: hyper.batchSize,
        epochs: hyper.epochs,
        maxSteps: hyper.maxSteps ?? null,
        template,
        sqlEncoding,
        maxSourceLength: hyper.maxSourceLength,
        maxTargetLength: hyper.maxTargetLength,
        dataset: optStr(values, 'dataset') ?? 'spider',
        split: optStr(values, 'split') ?? 'train',
        limit: values.limit !== undefined ? num(values, 'limit', undefined, { integer: true, min: 1 }) : null,
      };
      const run = { settings, data: fingerprint };
      const { resume, changes } = await prepareRun({ output, mode, resumeFrom, run, log });
      if (resume !== undefined) {
        const grown = changes.map((c) => `${c.setting} ${c.from} → ${c.to}`).join(', ');
        log(`resuming from ${resume.path} (step ${resume.state.step})${grown ? `; ${grown}` : ''}`);
      }
      const command = ['t5sql', 'train', ...process.argv.slice(3)];
      let step = resume?.state.step ?? 0;
      const trainer = new Trainer(adapted.model, {
        optimizer: hyper.optimizer,
        learningRate: hyper.learningRate,
        epochs: hyper.epochs,
        maxSteps: hyper.maxSteps,
        seed: derivePurposeSeed(seed, 'dropout'),
        checkpointDir: join(output, 'checkpoints'),
        saveEvery,
        keepCheckpoints: 2,
        resumeFrom: resume?.path,
        runInfo: { ...run },
        progress: { stream: io.stderr },
        onStep: (m) => {
          step = m.step;
          memory.sample();
        },
      });
      const record = TrainRunRecord.begin({
        path: join(output, 'run-manifest.json'),
        command,
        settings,
        data: { records: records.length, truncated, fingerprint },
        environment: runEnvironment(backend, import.meta.url),
        trainable: { params: adapted.trainableParams, total: adapted.totalParams },
        startedAt: started,
        memory,
        resume:
          resume === undefined
            ? undefined
            : { checkpoint: resume.path, step, changes, lossCurve: resume.state.history.steps },
        warn: log,
      });
      const dataSeed = derivePurposeSeed(seed, 'data');
      let history: TrainingHistory;
      try {
        history = await trainer.train({
          trainBatches: (epoch) =>
            makeBatches(examples, {
              batchSize: hyper.batchSize,
              padTokenId: tokenizer.padTokenId,
              seed: dataSeed,
              epoch,
              bucketByLength: true,
            }),
        });
        // The trainer's last checkpoint refused non-finite weights, so these are finite.
        await adapted.model.saveTrainable(output);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        record.fail(message, error instanceof NonFiniteTrainingError ? error.step : step);
        throw error;
      } finally {
        trainer.dispose();
      }
      const manifest = record.finish({ lossCurve: history.steps, tokensPerSecond: history.tokensPerSecond });
      const { finalLoss } = manifest;
      const summary = {
        ok: true,
        output,
        steps: history.steps.length,
        finalLoss,
        seconds: manifest.seconds,
        resumed: resume !== undefined,
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
