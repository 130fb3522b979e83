// The trainer's options, the metrics it reports, and the history it returns.
import type { Seq2SeqBatch } from '../contracts/index.js';
import type { ScheduleName } from './lr-schedule.js';
import type { Optimizer } from './optimizer.js';
import type { ProgressOptions } from './training-progress.js';

/** Metrics of one optimizer update, passed to `onStep` and the progress line. */
export interface StepMetrics {
  /** Updates done, this one included (1-based). */
  step: number;
  totalSteps: number;
  /** 0-based epoch this update belongs to. */
  epoch: number;
  /** Mean loss over the update's micro-batches. */
  loss: number;
  /** Rate this update ran at. */
  learningRate: number;
  /** Global gradient L2 norm before clipping (computed only when `maxGradNorm` is set). */
  gradNorm?: number;
  /** Non-pad tokens (source + target) in this update. */
  tokens: number;
  /** Non-pad tokens per second since the run (or resume) started. */
  tokensPerSecond: number;
  elapsedMs: number;
  etaMs: number;
}

/** One evaluation pass. */
export interface EvalRecord {
  step: number;
  epoch: number;
  /** Mean eval loss weighted by batch rows (HF's `eval_loss`). */
  loss: number;
}

/** What `train` returns (and what `trainer_state.json` keeps). */
export interface TrainingHistory {
  steps: {
    step: number;
    epoch: number;
    loss: number;
    learningRate: number;
    gradNorm?: number;
    tokens: number;
  }[];
  evals: EvalRecord[];
  /** Non-pad tokens per second over the run (or since resume). */
  tokensPerSecond: number;
}

/** Hooks called during training; a hook returning `'stop'` ends training after the current update. */
export interface TrainerCallback {
  // biome-ignore lint/suspicious/noConfusingVoidType: lets plain `(m) => log(m)` hooks type-check
  onStep?(metrics: StepMetrics): void | 'stop' | Promise<void | 'stop'>;
  onEvaluate?(record: EvalRecord): void | Promise<void>;
  onCheckpoint?(dir: string, step: number): void | Promise<void>;
}

/** Options of {@link Trainer}; defaults follow HF `TrainingArguments` unless noted. */
export interface TrainerOptions {
  /** `adamw` (torch), `adafactor` (HF Trainer's setting: external rate, no relative step, no scaling), or an instance. */
  optimizer?: 'adamw' | 'adafactor' | Optimizer;
  /** Peak rate; default 5e-5 for AdamW (HF TrainingArguments), 1e-3 for Adafactor (T5 paper). */
  learningRate?: number;
  /** Decoupled weight decay; default 0 (HF). Biases and norms are never decayed. */
  weightDecay?: number;
  /** AdamW betas; default [0.9, 0.999]. */
  betas?: [number, number];
  /** AdamW eps; default 1e-8. */
  eps?: number;
  /** Default `linear` (HF). */
  schedule?: ScheduleName;
  warmupSteps?: number;
  /** Used when `warmupSteps` is not given: ⌈totalSteps · ratio⌉. */
  warmupRatio?: number;
  /** Micro-batches per update; their gradients are averaged. Default 1. */
  gradientAccumulationSteps?: number;
  /** Global-norm clipping threshold (torch `clip_grad_norm_`); default 1.0 (HF); 0 or undefined-with-null disables. */
  maxGradNorm?: number | null;
  /** Epochs to run (default 1) unless `maxSteps` is set. */
  epochs?: number;
  /** Total updates; overrides `epochs` (HF `max_steps`). */
  maxSteps?: number;
  /** Run seed: dropout seeds derive from it and the position in the run. Default 42 (HF). */
  seed?: number;
  /** Also evaluate every N updates (evaluation always runs at the end of each epoch when eval batches exist). */
  evalEvery?: number;
  /** Where `checkpoint-<step>/` folders go. */
  checkpointDir?: string;
  /** Save every N updates (and at the end) when `checkpointDir` is set. */
  saveEvery?: number;
  /** Keep only the newest N checkpoints: the one just written and the N - 1 before it (higher steps are left). */
  keepCheckpoints?: number;
  /** Resume from a checkpoint folder, or `'latest'`: the newest undamaged one in `checkpointDir`. */
  resumeFrom?: string;
  /**
   * The caller's description of the run (data fingerprint, batch size, ...), saved with the other options in
   * each checkpoint's `trainer_state.json` (`config.runInfo`) so that a resume can be checked against it. The
   * trainer itself does not read it.
   */
  runInfo?: Record<string, unknown>;
  /** Called after every update. */
  onStep?: TrainerCallback['onStep'];
  callbacks?: TrainerCallback[];
  /** Progress line settings; `false` (or `quiet`) turns it off. */
  progress?: boolean | ProgressOptions;
  quiet?: boolean;
}

/**
 * Data for one `train` call. Batches are re-requested per epoch so shuffling can depend on the epoch; without
 * `maxSteps`, `trainBatches(0)` is also iterated once up front to count the updates of an epoch (for the schedule
 * and the ETA), and every epoch is assumed to have that many batches.
 */
export interface TrainData {
  trainBatches: (epoch: number) => Iterable<Seq2SeqBatch>;
  evalBatches?: () => Iterable<Seq2SeqBatch>;
}
