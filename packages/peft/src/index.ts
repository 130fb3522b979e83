/**
 * @t5sql/peft: LoRA, QLoRA (NF4) and prefix tuning for @t5sql/t5-core, with adapters in the Python PEFT file format.
 * Each method lives in its own folder under `tuners/` and is registered by `peft_type` (see {@link PEFT_METHODS}).
 *
 * @example
 * ```ts
 * import { getPeftModel } from '@t5sql/peft';
 * const peft = getPeftModel(model, { peft_type: 'LORA', r: 8, lora_alpha: 32 }, { seed: 42 });
 * await peft.savePretrained('./adapter');
 * ```
 * @packageDocumentation
 */
export * from './quantization/nf4/index.js';
export {
  AdapterFileError,
  LayerCapabilityError,
  PeftConfigError,
  PeftError,
  PeftStateError,
  QuantizationError,
} from './errors.js';
export {
  countParameters,
  formatTrainableParameters,
  type CountMethod,
  type ParameterCounts,
} from './count-parameters.js';
export { t5LinearModules, t5ParameterCount, type T5ShapeConfig } from './t5-modules.js';
export { MODEL_CONFIGS, modelConfig } from './presets/model-configs.js';
export { type MethodParameterCount, countMethodParameters } from './count-method-parameters.js';
export { FLAN_T5_LARGE_CONFIG, REPORTED_PRESETS } from './presets/reported-presets.js';
export type { ModelConfigFields, PeftMethod, PeftTuner } from './tuners/peft-method.js';
export { PEFT_METHODS, type PeftType, peftMethod, peftMethodOf } from './tuners/registry.js';
export {
  LoraConfig,
  type LoraConfigInput,
  T5_DEFAULT_LORA_TARGETS,
  loraConfig,
  loraConfigFromJson,
  loraConfigToJson,
  loraScaling,
  validateLoraConfig,
} from './tuners/lora/config.js';
export {
  type LinearModuleInfo,
  type LoraTarget,
  moduleMatches,
  resolveLoraTargets,
} from './tuners/lora/target-modules.js';
export { LoraLinear, type LoraLinearOptions, type MergeableLinear } from './tuners/lora/layer.js';
export { LoraModel, injectLora, modelLinearModules } from './tuners/lora/model.js';
export { loadLoraStateDict, loraKey, loraStateDict } from './tuners/lora/state-dict.js';
export { loraMethod } from './tuners/lora/method.js';
export {
  PrefixTuningConfig,
  type ResolvedPrefixTuningConfig,
  type PrefixTuningConfigInput,
  prefixTableWidth,
  prefixTuningConfig,
  prefixTuningConfigFromJson,
  prefixTuningConfigToJson,
  validatePrefixTuningConfig,
} from './tuners/prefix-tuning/config.js';
export { prefixParameterCount } from './tuners/prefix-tuning/parameter-count.js';
export { PrefixEncoder, prefixEntriesForLayer } from './tuners/prefix-tuning/layer.js';
export { PrefixTuningModel, attachPrefixTuning } from './tuners/prefix-tuning/model.js';
export { loadPrefixStateDict, prefixStateDict } from './tuners/prefix-tuning/state-dict.js';
export { prefixTuningMethod } from './tuners/prefix-tuning/method.js';
export { Nf4Linear } from './quantization/nf4/nf4-linear.js';
export {
  quantizeModel4bit,
  type QuantizeModelOptions,
  type QuantizeModelReport,
} from './quantization/quantize-model.js';
export { type AdapterConfig, adapterConfigToJson, parseAdapterConfig } from './adapter-config.js';
export {
  PeftModel,
  type PeftFromPretrainedOptions,
  type TrainableParameterCounts,
  createPeftModel,
} from './peft-model.js';
export { getPeftModel, type GetPeftModelOptions, type PeftConfigInput } from './get-peft-model.js';
export {
  type AdapterMethodSpec,
  type MethodSpec,
  methodCountSpec,
  methodPeftConfig,
} from './method-spec.js';
export { type AdaptedModel, applyMethod } from './apply-method.js';
