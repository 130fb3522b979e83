import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonFileSync } from '@t5sql/common';
import { MODEL_CONFIGS, PeftModel, quantizeModel4bit } from '@t5sql/peft';
import {
  T5ForConditionalGeneration,
  T5Tokenizer,
  assertTokenizerFitsModel,
  parseT5Config,
  selectBackendDetailed,
} from '@t5sql/t5-core';
import { num, optStr } from './parse-values.js';
import { UsageError } from './usage-error.js';

type Values = Record<string, string | boolean | string[] | undefined>;

/** Options that pick a model, a tokenizer and a backend. */
export const MODEL_OPTIONS = {
  model: { type: 'string' },
  config: { type: 'string' },
  tokenizer: { type: 'string' },
  backend: { type: 'string' },
} as const;

/** Help lines for {@link MODEL_OPTIONS}. */
export const MODEL_HELP = `Model:
  --model <dir|repo>      pretrained weights: a local folder (config.json + model.safetensors) or a hub id
                          (t5-small, google/flan-t5-base, ...)
  --config <name|file>    instead of --model: random weights for a config (a hub id above, or a config.json),
                          initialised from --seed
  --tokenizer <dir|repo>  default: the model folder when it has tokenizer.json, else t5-small
  --backend <name>        tfjs backend: tensorflow-gpu | webgpu | tensorflow | wasm | cpu (default: T5SQL_BACKEND, else
                          the best installed)`;

/** Selects the backend and reports it on stderr. */
export async function useBackend(
  values: Values,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
): Promise<string> {
  const prefer = optStr(values, 'backend') ?? (env.T5SQL_BACKEND || undefined);
  const selection = await selectBackendDetailed({ prefer, quiet: true });
  log(`tfjs backend: ${selection.candidate.name}`);
  return selection.candidate.backendName;
}

/**
 * Loads `--model` or builds `--config` with seeded random weights. With the `tokenizer` it will be used with, a
 * tokenizer that has more tokens than the model's vocab_size is an error here, naming both.
 */
export async function loadBaseModel(
  values: Values,
  tokenizer?: T5Tokenizer,
): Promise<{ model: T5ForConditionalGeneration; source: string }> {
  const loaded = await loadModel(values);
  if (tokenizer) {
    try {
      assertTokenizerFitsModel(tokenizer, loaded.model, {
        tokenizer: tokenizerSource(values),
        model: loaded.source,
      });
    } catch (error) {
      loaded.model.dispose();
      throw error;
    }
  }
  return loaded;
}

async function loadModel(values: Values): Promise<{ model: T5ForConditionalGeneration; source: string }> {
  const modelPath = optStr(values, 'model');
  const config = optStr(values, 'config');
  if (modelPath && config) throw new UsageError('give either --model or --config, not both');
  if (modelPath)
    return { model: await T5ForConditionalGeneration.fromPretrained(modelPath), source: modelPath };
  if (!config) throw new UsageError('missing --model (pretrained weights) or --config (random weights)');
  let json: Record<string, unknown>;
  if (existsSync(config)) {
    json = readJsonFileSync(config) as Record<string, unknown>;
  } else {
    const known = MODEL_CONFIGS[config] ?? MODEL_CONFIGS[`google/${config}`];
    if (!known)
      throw new UsageError(
        `--config: "${config}" is neither a file nor one of ${Object.keys(MODEL_CONFIGS).join(', ')}`,
      );
    json = known;
  }
  const seed = num(values, 'seed', 42, { integer: true, min: 0 });
  // Parsed here so a bad value names the --config file, not "config.json".
  const parsed = parseT5Config(json, existsSync(config) ? config : `--config ${config}`);
  return {
    model: await T5ForConditionalGeneration.fromConfig(parsed, { seed }),
    source: `random weights (${config}, seed ${seed})`,
  };
}

/** Where the tokenizer comes from: `--tokenizer`, else the model folder when it carries tokenizer files, else t5-small. */
function tokenizerSource(values: Values): string {
  const explicit = optStr(values, 'tokenizer');
  const modelPath = optStr(values, 'model');
  const fromModel = modelPath && existsSync(join(modelPath, 'tokenizer.json')) ? modelPath : undefined;
  return explicit ?? fromModel ?? (modelPath && !existsSync(modelPath) ? modelPath : 't5-small');
}

/** `--tokenizer`, else the model folder when it carries tokenizer files, else t5-small. */
export async function loadTokenizer(values: Values): Promise<T5Tokenizer> {
  return T5Tokenizer.fromPretrained(tokenizerSource(values));
}

/** Wraps `base` with a saved adapter (`--adapter`), quantizing first when the adapter was trained with QLoRA. */
export async function withAdapter(
  base: T5ForConditionalGeneration,
  adapterDir: string | undefined,
  quantize: boolean,
): Promise<T5ForConditionalGeneration | PeftModel> {
  if (!adapterDir) return base;
  if (quantize) await quantizeModel4bit(base, { compressStatistics: true });
  return PeftModel.fromPretrained(base, adapterDir);
}
