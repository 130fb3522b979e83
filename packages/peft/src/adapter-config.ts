// adapter_config.json ⇄ a registered method's config: what PEFT writes, read back here, and what we write,
// loadable by PEFT's `PeftConfig.from_pretrained`. The method is looked up by `peft_type`.
import { PeftConfigError } from './errors.js';
import type { ModelConfigFields } from './tuners/peft-method.js';
import { type AdapterConfig, peftMethod } from './tuners/registry.js';

export type { AdapterConfig } from './tuners/registry.js';

/**
 * Parses the content of a PEFT `adapter_config.json`. Unknown PEFT fields left at their inactive defaults are
 * ignored; a field that asks for something not implemented (DoRA, trainable tokens, ...) is a
 * {@link PeftConfigError} naming it.
 *
 * @example
 * ```ts
 * const config = parseAdapterConfig(JSON.parse(text), model.config, 'adapter/adapter_config.json');
 * config.peft_type; // 'LORA' | 'PREFIX_TUNING'
 * ```
 */
export function parseAdapterConfig(
  json: unknown,
  modelConfig: ModelConfigFields,
  source = 'adapter_config.json',
): AdapterConfig {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new PeftConfigError(source, `${source}: expected a JSON object`);
  }
  const o = json as Record<string, unknown>;
  if (o.task_type !== undefined && o.task_type !== null && o.task_type !== 'SEQ_2_SEQ_LM') {
    throw PeftConfigError.field(source, 'task_type', '"SEQ_2_SEQ_LM" for T5', o.task_type);
  }
  return peftMethod(o.peft_type, source).fromJson(o, modelConfig, source);
}

/** The JSON object PEFT expects in `adapter_config.json`: the method's fields, keys sorted, then `peft_version`. */
export function adapterConfigToJson(config: AdapterConfig, peftVersion = '0.21.0'): Record<string, unknown> {
  const json = peftMethod(config.peft_type).toJson(config);
  return { ...json, peft_version: peftVersion };
}
