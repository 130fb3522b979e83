// Training: the Trainer, AdamW / Adafactor, HF schedules, clipping, checkpoints with exact resume.
export type { Optimizer, OptimizerStateDict } from './optimizer.js';
export { AdamW, defaultNoDecay } from './adamw.js';
export type { AdamWOptions } from './adamw.js';
export { Adafactor } from './adafactor.js';
export type { AdafactorOptions } from './adafactor.js';
export { resolveWarmupSteps, scheduleLambda } from './lr-schedule.js';
export type { ScheduleName, ScheduleOptions } from './lr-schedule.js';
export { clipGradNorm } from './clip-grad-norm.js';
export { Trainer } from './trainer.js';
export { evaluateLoss } from './evaluate-loss.js';
export type {
  EvalRecord,
  StepMetrics,
  TrainData,
  TrainerCallback,
  TrainerOptions,
  TrainingHistory,
} from './trainer-types.js';
export { countTokens } from './count-tokens.js';
export { createTrainingProgress, formatProgress, stepFields } from './training-progress.js';
export type { ProgressOptions, TrainingProgress } from './training-progress.js';
export {
  checkTrainingCheckpoint,
  findResumableCheckpoint,
  listCheckpoints,
  loadTrainingCheckpoint,
  readTrainerState,
  resolveResumePath,
  saveTrainingCheckpoint,
} from './training-checkpoint.js';
export { removeStaleTemp } from './remove-stale-temp.js';
export { NonFiniteTrainingError } from './non-finite-training-error.js';
export type { NonFiniteQuantity } from './non-finite-training-error.js';
export type { TrainerState } from './training-checkpoint.js';
