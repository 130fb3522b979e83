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
  TrainingError,
} from './t5-core-error.js';
