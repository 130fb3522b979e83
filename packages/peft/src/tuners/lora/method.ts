import { t5LinearModules } from '../../t5-modules.js';
// LoRA as a registered PEFT method (peft_type "LORA"). QLoRA is this method on a model whose projections were
// quantized first (quantizeModel4bit): the LoRA layers wrap the NF4 layers and merge through `addDelta`.
import type { PeftMethod } from '../peft-method.js';
import {
  type LoraConfig,
  type LoraConfigInput,
  loraConfig,
  loraConfigFromJson,
  loraConfigToJson,
} from './config.js';
import { LoraModel } from './model.js';
import { resolveLoraTargets } from './target-modules.js';

/** LoRA's entry in the method registry. */
export const loraMethod: PeftMethod<LoraConfig> = {
  peftType: 'LORA',
  config: (input, _model, source) => loraConfig(input as LoraConfigInput, source),
  fromJson: (json, _model, source) => loraConfigFromJson(json, source),
  toJson: (config) => loraConfigToJson(config),
  countTrainable: (config, shape) =>
    resolveLoraTargets(config, t5LinearModules(shape)).reduce(
      (sum, t) => sum + t.r * (t.inFeatures + t.outFeatures),
      0,
    ),
  inject: (model, config, seed) => new LoraModel(model, config, seed),
};
