/**
 * @t5sql/peft: LoRA, QLoRA (NF4) and prefix tuning for @t5sql/t5-core, with adapters in the Python PEFT file format.
 * @packageDocumentation
 */
export * from './quantization/nf4/index.js';
export {
  countParameters,
  formatTrainableParameters,
  type CountMethod,
  type ParameterCounts,
} from './count-parameters.js';
export { t5LinearModules, t5ParameterCount, type T5ShapeConfig } from './t5-modules.js';
export { FLAN_T5_LARGE_CONFIG, REPORTED_PRESETS } from './presets.js';
export {
  LoraConfig,
  type LoraConfigInput,
  T5_DEFAULT_LORA_TARGETS,
  loraConfig,
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
export {
  PrefixTuningConfig,
  type ResolvedPrefixTuningConfig,
  type PrefixTuningConfigInput,
  prefixTableWidth,
  prefixTuningConfig,
  prefixTuningConfigToJson,
  validatePrefixTuningConfig,
} from './tuners/prefix-tuning/config.js';
export { prefixParameterCount } from './tuners/prefix-tuning/parameter-count.js';
export { LoraLinear, type LoraLinearOptions, type MergeableLinear } from './tuners/lora/layer.js';
export { injectLora, modelLinearModules } from './tuners/lora/model.js';
export { PrefixEncoder, prefixEntriesForLayer } from './tuners/prefix-tuning/layer.js';
export { attachPrefixTuning } from './tuners/prefix-tuning/model.js';
export { Nf4Linear } from './quantization/nf4/nf4-linear.js';
export {
  quantizeModel4bit,
  type QuantizeModelOptions,
  type QuantizeModelReport,
} from './quantization/quantize-model.js';
export { type AdapterConfig, adapterConfigToJson, parseAdapterConfig } from './adapter-config.js';
export {
  loadLoraStateDict,
  loadPrefixStateDict,
  loraKey,
  loraStateDict,
  prefixStateDict,
} from './adapter-weights.js';
export {
  PeftModel,
  type PeftFromPretrainedOptions,
  type TrainableParameterCounts,
  createPeftModel,
} from './peft-model.js';
export { getPeftModel, type GetPeftModelOptions, type PeftConfigInput } from './get-peft-model.js';
