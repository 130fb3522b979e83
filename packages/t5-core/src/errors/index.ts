export {
  BackendError,
  CheckpointError,
  GenerationError,
  ModelUsageError,
  ShapeError,
  T5ConfigError,
  T5CoreError,
  TokenIdError,
  TokenizerError,
} from './t5-core-error.js';
