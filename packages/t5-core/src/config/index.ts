export {
  type T5Config,
  type T5ConfigJson,
  parseT5Config,
  stringifyConfigJson,
  toConfigJson,
} from './t5-config.js';
export { type Activation, ACTIVATION_NAMES, getActivation } from './activations.js';
export { normalizeT5Config } from './normalize-t5-config.js';
export { type ParameterSpec, ignorableCheckpointKeys, t5ParameterSpecs } from './t5-parameter-layout.js';
