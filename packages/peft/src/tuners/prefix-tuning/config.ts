// PrefixTuningConfig: PEFT's fields and defaults (peft 0.21), spelled as adapter_config.json spells them.
import type { T5Config } from '@t5sql/t5-core';
import { PeftConfigError } from '../../errors.js';
import { definedFields, pickFields, sortedKeys } from '../config-json.js';

/**
 * A prefix-tuning configuration with PEFT's snake_case field names and defaults, like Python's
 * `PrefixTuningConfig(num_virtual_tokens=20)`. The model-derived fields stay null until the config meets a model
 * ({@link prefixTuningConfig}, `getPeftModel`), as in PEFT.
 *
 * @example
 * ```ts
 * const config = new PrefixTuningConfig({ num_virtual_tokens: 20 });
 * ```
 */
export class PrefixTuningConfig {
  readonly peft_type = 'PREFIX_TUNING' as const;
  task_type = 'SEQ_2_SEQ_LM' as const;
  /** Prefix length P: virtual key/value positions prepended to each decoder self-attention. Required. */
  num_virtual_tokens: number = Number.NaN;
  /**
   * Reparameterise the prefix through a two-layer MLP (`Linear(token_dim, encoder_hidden_size)`, tanh,
   * `Linear(encoder_hidden_size, num_layers * 2 * token_dim)`) during training. Default false.
   */
  prefix_projection = false;
  /** Hidden width of that MLP; PEFT fills it with `token_dim` (d_model) when unset. */
  encoder_hidden_size: number | null = null;
  /** Width of one prefix vector; PEFT fills it with d_model. */
  token_dim: number | null = null;
  /** Rows of the table, K and V for each; PEFT fills in the encoder depth (`num_layers`) for T5. */
  num_layers: number | null = null;
  /** PEFT fills it with the model's `num_heads`. */
  num_attention_heads: number | null = null;
  /** 2 for encoder-decoder models: PEFT duplicates the table for the two "transformer submodules". */
  num_transformer_submodules: number | null = null;
  base_model_name_or_path: string | null = null;
  revision: string | null = null;
  inference_mode = false;

  constructor(input: PrefixTuningConfigInput = {}) {
    const { peft_type: _type, ...rest } = definedFields(input);
    Object.assign(this, rest);
  }
}

/** A prefix-tuning config whose model-derived fields are filled in. */
export type ResolvedPrefixTuningConfig = PrefixTuningConfig & {
  encoder_hidden_size: number;
  token_dim: number;
  num_layers: number;
  num_attention_heads: number;
  num_transformer_submodules: number;
};

/** A partial PrefixTuningConfig as users write it; model-derived fields are filled by {@link prefixTuningConfig}. */
export type PrefixTuningConfigInput = Partial<{
  -readonly [K in keyof PrefixTuningConfig]: PrefixTuningConfig[K];
}>;

function fail(source: string, field: string, expected: string, found: unknown): never {
  throw PeftConfigError.field(source, field, expected, found);
}

/**
 * Resolves a prefix-tuning config against a T5 config the way PEFT's `_prepare_prompt_learning_config` does:
 * `num_layers` = encoder depth, `token_dim` = `d_model`, `num_attention_heads` = `num_heads`,
 * `encoder_hidden_size` = `token_dim`, two transformer submodules.
 *
 * @example
 * ```ts
 * const config = prefixTuningConfig({ num_virtual_tokens: 20 }, model.config);
 * ```
 */
export function prefixTuningConfig(
  input: PrefixTuningConfigInput | PrefixTuningConfig,
  model: Pick<T5Config, 'num_layers' | 'd_model' | 'num_heads'>,
  source = 'PrefixTuningConfig',
): ResolvedPrefixTuningConfig {
  const config = new PrefixTuningConfig(input as PrefixTuningConfigInput);
  config.token_dim ??= model.d_model;
  config.encoder_hidden_size ??= config.token_dim;
  config.num_layers ??= model.num_layers;
  config.num_attention_heads ??= model.num_heads;
  config.num_transformer_submodules ??= 2;
  const resolved = config as ResolvedPrefixTuningConfig;
  validatePrefixTuningConfig(resolved, source);
  return resolved;
}

/** Throws a {@link PeftConfigError} naming the field when a config cannot be honoured. */
export function validatePrefixTuningConfig(
  c: ResolvedPrefixTuningConfig,
  source = 'PrefixTuningConfig',
): void {
  const positive = (field: keyof ResolvedPrefixTuningConfig) => {
    const v = c[field];
    if (!Number.isInteger(v) || (v as number) <= 0) fail(source, field, 'a positive integer', v);
  };
  positive('num_virtual_tokens');
  positive('token_dim');
  positive('encoder_hidden_size');
  positive('num_layers');
  positive('num_attention_heads');
  if (c.num_transformer_submodules !== 1 && c.num_transformer_submodules !== 2) {
    fail(source, 'num_transformer_submodules', '1 or 2', c.num_transformer_submodules);
  }
  if (c.token_dim % c.num_attention_heads !== 0) {
    fail(source, 'token_dim', `a multiple of num_attention_heads (${c.num_attention_heads})`, c.token_dim);
  }
}

/** Width of one row of the prefix table: `num_layers * 2 * token_dim`. */
export function prefixTableWidth(c: ResolvedPrefixTuningConfig): number {
  return c.num_layers * 2 * c.token_dim;
}

/** The adapter_config.json fields a PrefixTuningConfig reads. */
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

/** Reads a prefix-tuning config from the object of a PEFT `adapter_config.json`, resolved against the model. */
export function prefixTuningConfigFromJson(
  json: Record<string, unknown>,
  model: Pick<T5Config, 'num_layers' | 'd_model' | 'num_heads'>,
  source: string,
): ResolvedPrefixTuningConfig {
  return prefixTuningConfig(pickFields(json, PREFIX_FIELDS) as PrefixTuningConfigInput, model, source);
}

/** The config as PEFT writes `adapter_config.json` (keys sorted). */
export function prefixTuningConfigToJson(c: ResolvedPrefixTuningConfig): Record<string, unknown> {
  const json: Record<string, unknown> = {
    ...c,
    inference_mode: true,
    auto_mapping: null,
    modules_to_save: null,
  };
  return sortedKeys(json);
}
