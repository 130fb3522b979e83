// adapter_config.json ⇄ LoraConfig / PrefixTuningConfig: what PEFT writes, read back here, and what we write,
// loadable by PEFT's `PeftConfig.from_pretrained`.
import type { T5Config } from '@t5sql/t5-core';
import { type LoraConfig, type LoraConfigInput, loraConfig, loraConfigToJson } from './tuners/lora/config.js';
import {
  type PrefixTuningConfigInput,
  type ResolvedPrefixTuningConfig,
  prefixTuningConfig,
  prefixTuningConfigToJson,
} from './tuners/prefix-tuning/config.js';

/** Any adapter configuration this package implements. */
export type AdapterConfig = LoraConfig | ResolvedPrefixTuningConfig;

/** LoRA fields PEFT may set that change the model in ways not implemented here: [field, the inactive value]. */
const UNSUPPORTED_LORA: Array<[string, (v: unknown) => boolean, string]> = [
  ['use_dora', (v) => v === true, 'false (DoRA is not implemented)'],
  ['lora_bias', (v) => v === true, 'false (LoRA bias is not implemented)'],
  ['use_qalora', (v) => v === true, 'false'],
  ['alora_invocation_tokens', (v) => v !== null && v !== undefined, 'null'],
  ['layer_replication', (v) => v !== null && v !== undefined, 'null'],
  ['target_parameters', (v) => Array.isArray(v) && v.length > 0, 'null'],
  ['trainable_token_indices', (v) => v !== null && v !== undefined, 'null'],
  ['megatron_config', (v) => v !== null && v !== undefined, 'null'],
];

const LORA_FIELDS = [
  'r',
  'lora_alpha',
  'lora_dropout',
  'target_modules',
  'exclude_modules',
  'bias',
  'use_rslora',
  'layers_to_transform',
  'layers_pattern',
  'rank_pattern',
  'alpha_pattern',
  'fan_in_fan_out',
  'modules_to_save',
  'use_dora',
  'base_model_name_or_path',
  'revision',
  'inference_mode',
] as const;

const PREFIX_FIELDS = [
  'num_virtual_tokens',
  'prefix_projection',
  'encoder_hidden_size',
  'token_dim',
  'num_layers',
  'num_attention_heads',
  'num_transformer_submodules',
  'base_model_name_or_path',
  'revision',
  'inference_mode',
] as const;

function pick(json: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) if (json[f] !== undefined) out[f] = json[f];
  return out;
}

/**
 * Parses the content of a PEFT `adapter_config.json`. Unknown PEFT fields left at their inactive defaults are
 * ignored; a field that asks for something not implemented (DoRA, trainable tokens, ...) is an error naming it.
 */
export function parseAdapterConfig(
  json: unknown,
  modelConfig: Pick<T5Config, 'num_layers' | 'd_model' | 'num_heads'>,
  source = 'adapter_config.json',
): AdapterConfig {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new Error(`${source}: expected a JSON object`);
  }
  const o = json as Record<string, unknown>;
  if (o.task_type !== undefined && o.task_type !== null && o.task_type !== 'SEQ_2_SEQ_LM') {
    throw new Error(
      `${source}: field "task_type" must be "SEQ_2_SEQ_LM" for T5, found ${JSON.stringify(o.task_type)}`,
    );
  }
  switch (o.peft_type) {
    case 'LORA': {
      for (const [field, active, expected] of UNSUPPORTED_LORA) {
        if (active(o[field])) {
          throw new Error(
            `${source}: field "${field}" must be ${expected}, found ${JSON.stringify(o[field])}`,
          );
        }
      }
      // Any init other than `false` (true, "gaussian", "pissa", ...) only affects fresh adapters, not loading.
      return loraConfig(
        { ...pick(o, LORA_FIELDS), init_lora_weights: o.init_lora_weights !== false } as LoraConfigInput,
        source,
      );
    }
    case 'PREFIX_TUNING':
      return prefixTuningConfig(pick(o, PREFIX_FIELDS) as PrefixTuningConfigInput, modelConfig, source);
    default:
      throw new Error(
        `${source}: field "peft_type" must be "LORA" or "PREFIX_TUNING", found ${JSON.stringify(o.peft_type)}`,
      );
  }
}

/** The JSON object PEFT expects in `adapter_config.json`. */
export function adapterConfigToJson(config: AdapterConfig, peftVersion = '0.21.0'): Record<string, unknown> {
  const json = config.peft_type === 'LORA' ? loraConfigToJson(config) : prefixTuningConfigToJson(config);
  return { ...json, peft_version: peftVersion };
}
