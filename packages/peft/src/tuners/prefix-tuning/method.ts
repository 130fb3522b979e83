// Prefix tuning as a registered PEFT method (peft_type "PREFIX_TUNING").
import type { PeftMethod } from '../peft-method.js';
import {
  type PrefixTuningConfigInput,
  type ResolvedPrefixTuningConfig,
  prefixTuningConfig,
  prefixTuningConfigFromJson,
  prefixTuningConfigToJson,
} from './config.js';
import { PrefixTuningModel } from './model.js';
import { prefixParameterCount } from './parameter-count.js';

/** Prefix tuning's entry in the method registry. */
export const prefixTuningMethod: PeftMethod<ResolvedPrefixTuningConfig> = {
  peftType: 'PREFIX_TUNING',
  // Fields naming a prefix length and no peft_type mean prefix tuning.
  recognizes: (input) => 'num_virtual_tokens' in input,
  config: (input, model, source) => prefixTuningConfig(input as PrefixTuningConfigInput, model, source),
  fromJson: (json, model, source) => prefixTuningConfigFromJson(json, model, source),
  toJson: (config) => prefixTuningConfigToJson(config),
  countTrainable: (config) => prefixParameterCount(config),
  // A saved prefix (PEFT's `prompt_embeddings`) is always the projected table, so loading never needs the MLP.
  inject: (model, config, seed, mode) =>
    new PrefixTuningModel(model, config, seed, mode === 'fresh' ? config.prefix_projection : false),
};
