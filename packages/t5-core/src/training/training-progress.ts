// The Trainer's progress line (step/total, loss, lr, tokens/s, elapsed, ETA) on @t5sql/common's ProgressReporter:
// redrawn on a TTY, printed every N steps otherwise, or drawn on a reporter the caller owns.
import { type ProgressFields, ProgressReporter, type ProgressSink, formatDuration } from '@t5sql/common';
import type { StepMetrics } from './trainer-types.js';

/** How the progress line is written. */
export interface ProgressOptions {
  /** Print a line every N updates when not on a TTY (default 10; the first and last steps are always printed). */
  every?: number;
  /** Where lines go (default process.stderr). */
  stream?: ProgressSink;
  /**
   * Draw on this reporter instead (its label, bar and sink; `every` and `stream` are then unused): each update
   * sets it to the step with {@link stepFields}, so a caller's run display shows training without a second bar.
   */
  reporter?: ProgressReporter<ProgressFields>;
}

/** What the Trainer calls: one update per step, lines that stay, and the end of the run. */
export interface TrainingProgress {
  step(m: StepMetrics): void;
  note(text: string): void;
  end(): void;
}

/**
 * Formats one progress line from a step's metrics.
 *
 * @example
 * ```ts
 * formatProgress(metrics); // 'step   5/100 | epoch 1 | loss 1.5000 | lr 1.00e-4 | 1234 tok/s | elapsed 1:05 | eta 1:02:05'
 * ```
 */
export function formatProgress(m: StepMetrics): string {
  const width = String(m.totalSteps).length;
  return (
    `step ${String(m.step).padStart(width)}/${m.totalSteps} | epoch ${m.epoch + 1} | loss ${m.loss.toFixed(4)} | ` +
    `lr ${m.learningRate.toExponential(2)} | ${Math.round(m.tokensPerSecond)} tok/s | ` +
    `elapsed ${formatDuration(m.elapsedMs)} | eta ${formatDuration(m.etaMs)}`
  );
}

/**
 * A step's loss, learning rate and tokens/s as fields for a caller's {@link ProgressReporter}.
 *
 * @example
 * ```ts
 * stepFields(metrics); // { loss: '1.5000', lr: '1.00e-4', 'tok/s': 1234 }
 * ```
 */
export function stepFields(m: StepMetrics): ProgressFields {
  return {
    loss: m.loss.toFixed(4),
    lr: m.learningRate.toExponential(2),
    'tok/s': Math.round(m.tokensPerSecond),
  };
}

/**
 * The Trainer's progress display for a run of `totalSteps` updates: its own line ({@link formatProgress}) on
 * `options.stream`, or `options.reporter` when given.
 *
 * @example
 * ```ts
 * const progress = createTrainingProgress({ every: 50 }, 1000);
 * progress.step(metrics);
 * progress.end();
 * ```
 */
export function createTrainingProgress(options: ProgressOptions, totalSteps: number): TrainingProgress {
  if (options.reporter !== undefined) {
    const reporter = options.reporter;
    return {
      step: (m) => reporter.update(m.step, stepFields(m)),
      note: (text) => reporter.note(text),
      end: () => reporter.end(),
    };
  }
  // The line is drawn from the trainer's own metrics, whose elapsed time and ETA count only this run's steps.
  const reporter = new ProgressReporter<StepMetrics>({
    total: totalSteps,
    sink: options.stream ?? process.stderr,
    every: options.every ?? 10,
    format: (state) => formatProgress(state.fields!),
  });
  return {
    step: (m) => reporter.update(m.step, m),
    note: (text) => reporter.note(text),
    end: () => reporter.end(),
  };
}
