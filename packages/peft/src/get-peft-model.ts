// getPeftModel: PEFT's entry point — freeze the base model, add a fresh adapter, train only the adapter.
import type { T5ForConditionalGeneration } from '@t5sql/t5-core';
import { PeftModel, createPeftModel } from './peft-model.js';
import type { LoraConfig, LoraConfigInput } from './tuners/lora/config.js';
import type { PrefixTuningConfig, PrefixTuningConfigInput } from './tuners/prefix-tuning/config.js';
import { type AdapterConfig, peftMethodOf } from './tuners/registry.js';

/**
 * A LoRA or prefix-tuning config: a `LoraConfig` / `PrefixTuningConfig` instance, or plain fields with their
 * `peft_type` (fields with `num_virtual_tokens` and no `peft_type` mean prefix tuning, anything else LoRA).
 */
export type PeftConfigInput =
  | AdapterConfig
  | LoraConfig
  | PrefixTuningConfig
  | (LoraConfigInput & { peft_type?: 'LORA' })
  | (PrefixTuningConfigInput & { peft_type?: 'PREFIX_TUNING' });

/** Options of {@link getPeftModel}. */
export interface GetPeftModelOptions {
  /** Seed of the adapter's initial values (LoRA A; the prefix table). Default 0. */
  seed?: number;
}

/**
 * Freezes `model`, adds the adapter `config` describes (swapping layers / installing the decoder prefix in place)
 * and returns the PeftModel whose `namedTrainableVariables()` are the adapter's only.
 *
 * @example
 * ```ts
 * const peft = getPeftModel(model, { peft_type: 'LORA', r: 8, lora_alpha: 32, lora_dropout: 0.1 }, { seed: 42 });
 * peft.printTrainableParameters(); // trainable params: ... || all params: ... || trainable%: ...
 * ```
 */
export function getPeftModel(
  model: T5ForConditionalGeneration,
  config: PeftConfigInput,
  options: GetPeftModelOptions = {},
): PeftModel {
  const resolved = peftMethodOf(config).config(config, model.config);
  return createPeftModel(model, resolved, options.seed ?? 0, 'fresh');
}

export { PeftModel };
