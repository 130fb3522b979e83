// What the Trainer tells the outside: the progress line and the caller's callbacks, for each update, evaluation
// and checkpoint.
import type { EvalRecord, StepMetrics, TrainerCallback, TrainerOptions } from './trainer-types.js';
import { type TrainingProgress, createTrainingProgress } from './training-progress.js';

/**
 * The progress display (unless `quiet` or `progress: false`) and the callbacks (`onStep` first, then `callbacks`)
 * of a run of `totalSteps` updates.
 *
 * @example
 * ```ts
 * const hooks = new TrainerHooks(options, totalSteps);
 * if (await hooks.stepped(metrics)) stop = true;
 * hooks.end();
 * ```
 */
export class TrainerHooks {
  private readonly callbacks: TrainerCallback[];
  private readonly progress: TrainingProgress | undefined;

  constructor(o: TrainerOptions, totalSteps: number) {
    this.callbacks = [...(o.onStep ? [{ onStep: o.onStep }] : []), ...(o.callbacks ?? [])];
    const quiet = o.quiet === true || o.progress === false;
    this.progress = quiet
      ? undefined
      : createTrainingProgress(typeof o.progress === 'object' ? o.progress : {}, totalSteps);
  }

  /** After an update: the progress line, then every `onStep`. True when one of them asked to stop. */
  async stepped(metrics: StepMetrics): Promise<boolean> {
    this.progress?.step(metrics);
    let stop = false;
    for (const cb of this.callbacks) if ((await cb.onStep?.(metrics)) === 'stop') stop = true;
    return stop;
  }

  /** After an evaluation: a line that stays, then every `onEvaluate`. */
  async evaluated(record: EvalRecord): Promise<void> {
    this.progress?.note(`eval step ${record.step} epoch ${record.epoch + 1}: loss ${record.loss.toFixed(4)}`);
    for (const c of this.callbacks) await c.onEvaluate?.(record);
  }

  /** After a checkpoint is written: a line that stays, then every `onCheckpoint`. */
  async checkpointed(path: string, step: number): Promise<void> {
    this.progress?.note(`checkpoint ${path}`);
    for (const c of this.callbacks) await c.onCheckpoint?.(path, step);
  }

  /** Ends the progress display. */
  end(): void {
    this.progress?.end();
  }
}
