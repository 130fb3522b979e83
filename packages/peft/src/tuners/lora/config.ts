// LoraConfig: PEFT's fields, names and defaults (peft 0.21 `LoraConfig`), spelled as adapter_config.json spells
// them so a config read from a Python adapter and one written here are the same object.
import { PeftConfigError } from '../../errors.js';
import { definedFields, pickFields, sortedKeys } from '../config-json.js';

/** T5's default LoRA targets in PEFT (`TRANSFORMERS_MODELS_TO_LORA_TARGET_MODULES_MAPPING["t5"]`). */
export const T5_DEFAULT_LORA_TARGETS: readonly string[] = ['q', 'v'];

/**
 * A LoRA configuration with PEFT's snake_case field names and defaults. Construct it like Python's
 * `LoraConfig(r=8, ...)`; unset fields take PEFT's defaults and the result is validated.
 *
 * @example
 * ```ts
 * const config = new LoraConfig({ r: 8, lora_alpha: 32, lora_dropout: 0.1 }); // q, v of every attention
 * ```
 */
export class LoraConfig {
  readonly peft_type = 'LORA' as const;
  task_type = 'SEQ_2_SEQ_LM' as const;
  /** Rank of the update `B A`. PEFT default 8. */
  r = 8;
  /** Scaling numerator: the update is multiplied by `lora_alpha / r` (or `/ sqrt(r)` with rsLoRA). Default 8. */
  lora_alpha = 8;
  /** Dropout on the LoRA input path during training. Default 0. */
  lora_dropout = 0;
  /**
   * Modules to adapt: a list of names matched exactly or as a dotted suffix (`"q"` matches
   * `encoder.block.0.layer.0.SelfAttention.q` and `decoder.block.0.layer.1.EncDecAttention.q`), a string used as a
   * full-match regular expression, or `"all-linear"` (every linear layer but the LM head). Default `["q", "v"]`.
   */
  target_modules: string[] | string = [...T5_DEFAULT_LORA_TARGETS];
  /** Modules never adapted, same matching as `target_modules`. */
  exclude_modules: string[] | string | null = null;
  /** Which biases train: T5's projections have none, so every choice trains the same parameters. */
  bias: 'none' | 'all' | 'lora_only' = 'none';
  /** rsLoRA: scaling `lora_alpha / sqrt(r)` instead of `lora_alpha / r`. Default false. */
  use_rslora = false;
  /** PEFT's init: `true` = kaiming-uniform A (a = sqrt(5)) and zero B, so the adapter starts as the identity. */
  init_lora_weights = true;
  /** Only adapt these block indices (`encoder.block.<i>` / `decoder.block.<i>`). */
  layers_to_transform: number[] | number | null = null;
  layers_pattern: string[] | string | null = null;
  /** Per-module rank overrides: key is a regex matched against the module name's suffix. */
  rank_pattern: Record<string, number> = {};
  /** Per-module alpha overrides, same matching. */
  alpha_pattern: Record<string, number> = {};
  /** HF Linear stores `[out, in]`; always false for T5. */
  fan_in_fan_out = false;
  /** Not supported for T5 here; must be null. */
  modules_to_save: string[] | null = null;
  /** DoRA is not implemented; must be false. */
  use_dora = false;
  base_model_name_or_path: string | null = null;
  revision: string | null = null;
  inference_mode = false;

  constructor(input: LoraConfigInput = {}, source = 'LoraConfig') {
    const { peft_type: _type, ...rest } = definedFields(input);
    Object.assign(this, rest);
    // PEFT stores `target_modules: null` to mean the model type's default.
    if (this.target_modules === null) this.target_modules = [...T5_DEFAULT_LORA_TARGETS];
    validateLoraConfig(this, source);
  }
}

/** A partial LoraConfig as users write it; unset fields take PEFT's defaults. */
export type LoraConfigInput = Partial<{ -readonly [K in keyof LoraConfig]: LoraConfig[K] }>;

/**
 * Builds a full {@link LoraConfig} with PEFT's defaults and validates it (same as `new LoraConfig(input)`).
 *
 * @example
 * ```ts
 * const config = loraConfig({ r: 8, lora_alpha: 32, lora_dropout: 0.1 });
 * ```
 */
export function loraConfig(input: LoraConfigInput = {}, source = 'LoraConfig'): LoraConfig {
  return new LoraConfig(input, source);
}

function fail(source: string, field: string, expected: string, found: unknown): never {
  throw PeftConfigError.field(source, field, expected, found);
}

/** Throws a {@link PeftConfigError} naming the field when a config cannot be honoured. */
export function validateLoraConfig(c: LoraConfig, source = 'LoraConfig'): void {
  if (!Number.isInteger(c.r) || c.r <= 0) fail(source, 'r', 'a positive integer', c.r);
  if (typeof c.lora_alpha !== 'number' || !Number.isFinite(c.lora_alpha)) {
    fail(source, 'lora_alpha', 'a finite number', c.lora_alpha);
  }
  if (!(c.lora_dropout >= 0 && c.lora_dropout < 1)) fail(source, 'lora_dropout', 'in [0, 1)', c.lora_dropout);
  const t = c.target_modules;
  if (!(typeof t === 'string' || (Array.isArray(t) && t.every((x) => typeof x === 'string')))) {
    fail(source, 'target_modules', 'a list of module names or a regex string', t);
  }
  if (!['none', 'all', 'lora_only'].includes(c.bias))
    fail(source, 'bias', '"none", "all" or "lora_only"', c.bias);
  if (c.use_dora) fail(source, 'use_dora', 'false (DoRA is not implemented)', c.use_dora);
  if (c.fan_in_fan_out)
    fail(source, 'fan_in_fan_out', 'false (T5 Linear weights are [out, in])', c.fan_in_fan_out);
  if (c.modules_to_save !== null && c.modules_to_save.length > 0) {
    fail(source, 'modules_to_save', 'null (not supported)', c.modules_to_save);
  }
  for (const [k, v] of Object.entries(c.rank_pattern)) {
    if (!Number.isInteger(v) || v <= 0) fail(source, `rank_pattern.${k}`, 'a positive integer', v);
  }
}

/** `lora_alpha / r`, or `lora_alpha / sqrt(r)` with rsLoRA (PEFT's `scaling`). */
export function loraScaling(alpha: number, r: number, useRslora: boolean): number {
  return useRslora ? alpha / Math.sqrt(r) : alpha / r;
}

/** LoRA fields PEFT may set that change the model in ways not implemented here: [field, active?, the inactive value]. */
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

/** The adapter_config.json fields a LoraConfig reads. */
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

/**
 * Reads a LoraConfig from the object of a PEFT `adapter_config.json`. A field asking for something not
 * implemented here (DoRA, LoRA bias, trainable tokens, ...) is a {@link PeftConfigError} naming it.
 */
export function loraConfigFromJson(json: Record<string, unknown>, source: string): LoraConfig {
  for (const [field, active, expected] of UNSUPPORTED_LORA) {
    if (active(json[field])) fail(source, field, expected, json[field]);
  }
  // Any init other than `false` (true, "gaussian", "pissa", ...) only affects fresh adapters, not loading.
  return loraConfig(
    {
      ...pickFields(json, LORA_FIELDS),
      init_lora_weights: json.init_lora_weights !== false,
    } as LoraConfigInput,
    source,
  );
}

/** The config as PEFT writes `adapter_config.json` (keys sorted, `target_modules` as given). */
export function loraConfigToJson(c: LoraConfig): Record<string, unknown> {
  const json: Record<string, unknown> = {
    ...c,
    inference_mode: true,
    lora_bias: false,
    init_lora_weights: c.init_lora_weights,
    megatron_config: null,
    megatron_core: 'megatron.core',
    loftq_config: {},
    auto_mapping: null,
    layer_replication: null,
    use_qalora: false,
    target_parameters: null,
    trainable_token_indices: null,
  };
  return sortedKeys(json);
}
