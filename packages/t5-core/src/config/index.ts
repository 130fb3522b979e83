export {
  type T5Config,
  type T5ConfigJson,
  parseT5Config,
  stringifyConfigJson,
  toConfigJson,
} from './t5-config.js';
export { type Activation, ACTIVATION_NAMES, getActivation } from './activations.js';
