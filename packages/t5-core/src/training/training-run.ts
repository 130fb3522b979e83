// Where a training run stands (updates done, the epoch in progress and how far into it, the history), how it
// starts or resumes from a checkpoint, and what its checkpoints record.
import type { TrainableSeq2Seq } from '../contracts/index.js';
import { CheckpointError } from '../errors/index.js';
import type { Optimizer } from './optimizer.js';
import type { TrainerOptions, TrainingHistory } from './trainer-types.js';
import { type TrainerState, loadTrainingCheckpoint, resolveResumePath } from './training-checkpoint.js';
import type { UpdateResult } from './update-step.js';

/** Where a run stands; what `trainer_state.json` saves and a resume restores. */
export interface RunPosition {
  /** Updates done. */
  step: number;
  /** 0-based epoch in progress. */
  epoch: number;
  /** Micro-batches of `epoch` already consumed. */
  positionInEpoch: number;
  history: TrainingHistory;
}

/**
 * The position a run starts from: step 0, or the checkpoint `options.resumeFrom` names (its weights and optimizer
 * state loaded into `model` and `optimizer`). Refuses a checkpoint saved with another seed.
 */
export async function startPosition(
  options: TrainerOptions,
  model: TrainableSeq2Seq,
  optimizer: Optimizer,
  seed: number,
): Promise<RunPosition> {
  const position: RunPosition = {
    step: 0,
    epoch: 0,
    positionInEpoch: 0,
    history: { steps: [], evals: [], tokensPerSecond: 0 },
  };
  if (options.resumeFrom === undefined) return position;
  const path = await resolveResumePath(options.resumeFrom, options.checkpointDir);
  const state = await loadTrainingCheckpoint(path, model, optimizer);
  if (state.seed !== seed)
    throw new CheckpointError(`${path}: saved with seed ${state.seed}, resuming with seed ${seed}`);
  position.step = state.step;
  position.epoch = state.epoch;
  position.positionInEpoch = state.positionInEpoch;
  position.history.steps = state.history.steps;
  position.history.evals = state.history.evals;
  return position;
}

/** Counts an update at `position` and adds it to the history; returns the update's number (1-based). */
export function recordUpdate(position: RunPosition, update: UpdateResult, learningRate: number): number {
  position.step += 1;
  const { loss, gradNorm, tokens } = update;
  position.history.steps.push({
    step: position.step,
    epoch: position.epoch,
    loss,
    learningRate,
    ...(gradNorm !== undefined ? { gradNorm } : {}),
    tokens,
  });
  return position.step;
}

/** The `trainer_state.json` of a checkpoint taken at `position` (the history copied, so later updates leave it). */
export function trainerState(
  position: RunPosition,
  run: { totalSteps: number; seed: number; optimizer: string; options: TrainerOptions },
): TrainerState {
  const { history } = position;
  return {
    version: 1,
    step: position.step,
    totalSteps: run.totalSteps,
    epoch: position.epoch,
    positionInEpoch: position.positionInEpoch,
    seed: run.seed,
    rng: { algorithm: 'hash(seed, step, microStep)', seed: run.seed },
    optimizer: run.optimizer,
    history: { ...history, steps: [...history.steps], evals: [...history.evals] },
    config: serializableOptions(run.options),
  };
}

/** The options recorded in trainer_state.json (callbacks and instances left out). */
function serializableOptions(options: TrainerOptions): Record<string, unknown> {
  const { onStep: _a, callbacks: _b, progress: _c, optimizer, ...rest } = options;
  return { ...rest, optimizer: typeof optimizer === 'object' ? optimizer.name : (optimizer ?? 'adamw') };
}
