export { MODEL_CONFIGS, type ReferenceT5Config, modelConfig } from './model-configs.js';
export {
  type TrainableCount,
  paperTrainablePercent,
  toCountMethod,
  trainableParameters,
} from './trainable-parameters.js';
