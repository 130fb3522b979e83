// PrefixTuningConfig: PEFT's fields and defaults (peft 0.21), spelled as adapter_config.json spells them.
import type { T5Config } from '@t5sql/t5-core';

/** A prefix-tuning configuration with PEFT's snake_case field names. */
export interface PrefixTuningConfig {
  peft_type: 'PREFIX_TUNING';
  task_type: 'SEQ_2_SEQ_LM';
  /** Prefix length P: virtual key/value positions prepended to each decoder self-attention. */
  num_virtual_tokens: number;
  /**
   * Reparameterise the prefix through a two-layer MLP (`Linear(token_dim, encoder_hidden_size)`, tanh,
   * `Linear(encoder_hidden_size, num_layers * 2 * token_dim)`) during training. Default false.
   */
  prefix_projection: boolean;
  /** Hidden width of that MLP; PEFT fills it with `token_dim` (d_model) when unset. */
  encoder_hidden_size: number;
  /** Width of one prefix vector: d_model. */
  token_dim: number;
  /** Rows of the table, K and V for each; PEFT fills in the encoder depth (`num_layers`) for T5. */
  num_layers: number;
  num_attention_heads: number;
  /** 2 for encoder-decoder models: PEFT duplicates the table for the two "transformer submodules". */
  num_transformer_submodules: number;
  base_model_name_or_path: string | null;
  revision: string | null;
  inference_mode: boolean;
}

/** A partial PrefixTuningConfig as users write it; model-derived fields are filled by {@link prefixTuningConfig}. */
export type PrefixTuningConfigInput = Partial<PrefixTuningConfig>;

function fail(source: string, field: string, expected: string, found: unknown): never {
  throw new Error(`${source}: field "${field}" must be ${expected}, found ${JSON.stringify(found)}`);
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
  input: PrefixTuningConfigInput,
  model: Pick<T5Config, 'num_layers' | 'd_model' | 'num_heads'>,
  source = 'PrefixTuningConfig',
): PrefixTuningConfig {
  const tokenDim = input.token_dim ?? model.d_model;
  const config: PrefixTuningConfig = {
    peft_type: 'PREFIX_TUNING',
    task_type: 'SEQ_2_SEQ_LM',
    num_virtual_tokens: input.num_virtual_tokens ?? Number.NaN,
    prefix_projection: input.prefix_projection ?? false,
    token_dim: tokenDim,
    encoder_hidden_size: input.encoder_hidden_size ?? tokenDim,
    num_layers: input.num_layers ?? model.num_layers,
    num_attention_heads: input.num_attention_heads ?? model.num_heads,
    num_transformer_submodules: input.num_transformer_submodules ?? 2,
    base_model_name_or_path: input.base_model_name_or_path ?? null,
    revision: input.revision ?? null,
    inference_mode: input.inference_mode ?? false,
  };
  validatePrefixTuningConfig(config, source);
  return config;
}

/** Throws an Error naming the field when a config cannot be honoured. */
export function validatePrefixTuningConfig(c: PrefixTuningConfig, source = 'PrefixTuningConfig'): void {
  if (c.peft_type !== 'PREFIX_TUNING') fail(source, 'peft_type', '"PREFIX_TUNING"', c.peft_type);
  const positive = (field: keyof PrefixTuningConfig) => {
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
export function prefixTableWidth(c: PrefixTuningConfig): number {
  return c.num_layers * 2 * c.token_dim;
}

/** The config as PEFT writes `adapter_config.json` (keys sorted). */
export function prefixTuningConfigToJson(c: PrefixTuningConfig): Record<string, unknown> {
  const json: Record<string, unknown> = { ...c, inference_mode: true, auto_mapping: null, modules_to_save: null };
  return Object.fromEntries(Object.entries(json).sort(([a], [b]) => a.localeCompare(b)));
}
