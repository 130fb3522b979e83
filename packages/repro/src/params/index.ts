export { MODEL_CONFIGS, type ReferenceT5Config, modelConfig } from './model-configs.js';
