// The PEFT methods this package implements, by `peft_type` (PEFT's PEFT_TYPE_TO_CONFIG_MAPPING and
// PEFT_TYPE_TO_TUNER_MAPPING in one table). A new method is a folder beside lora/ and prefix-tuning/ that exports
// a PeftMethod, plus one line here.
import { PeftConfigError } from '../errors.js';
import type { LoraConfig } from './lora/config.js';
import { loraMethod } from './lora/method.js';
import type { PeftMethod } from './peft-method.js';
import type { ResolvedPrefixTuningConfig } from './prefix-tuning/config.js';
import { prefixTuningMethod } from './prefix-tuning/method.js';

/** Any adapter configuration this package implements (one per registered method). */
export type AdapterConfig = LoraConfig | ResolvedPrefixTuningConfig;

/** The `peft_type` values with a registered method. */
export type PeftType = AdapterConfig['peft_type'];

/** Registered methods by `peft_type`. The first is the default for plain fields no method recognizes. */
export const PEFT_METHODS: Readonly<Record<PeftType, PeftMethod<AdapterConfig>>> = {
  LORA: loraMethod,
  PREFIX_TUNING: prefixTuningMethod,
};

/** `"A"`, `"A" or "B"`, `"A", "B" or "C"`: the registered types for error messages. */
function registeredTypes(): string {
  const names = Object.keys(PEFT_METHODS).map((t) => JSON.stringify(t));
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/**
 * The method registered for `peftType`; a {@link PeftConfigError} naming the field and the registered types
 * otherwise.
 *
 * @example
 * ```ts
 * peftMethod('LORA').toJson(loraConfig({ r: 8 })); // adapter_config.json fields, keys sorted
 * ```
 */
export function peftMethod(peftType: unknown, source = 'PeftConfig'): PeftMethod<AdapterConfig> {
  if (typeof peftType !== 'string' || !Object.hasOwn(PEFT_METHODS, peftType)) {
    throw PeftConfigError.field(source, 'peft_type', registeredTypes(), peftType);
  }
  return PEFT_METHODS[peftType as PeftType];
}

/**
 * The method plain config fields mean: their `peft_type` when set, else the first method that recognizes them
 * (`num_virtual_tokens` → prefix tuning), else LoRA.
 */
export function peftMethodOf(input: object, source?: string): PeftMethod<AdapterConfig> {
  const peftType = 'peft_type' in input ? input.peft_type : undefined;
  if (peftType !== undefined) return peftMethod(peftType, source);
  const methods = Object.values(PEFT_METHODS);
  return methods.find((m) => m.recognizes?.(input) === true) ?? methods[0];
}
