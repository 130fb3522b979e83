// The progress line: step/total, loss, lr, tokens/s, elapsed, ETA — redrawn on a TTY, printed every N steps otherwise.
import type { StepMetrics } from './trainer-types.js';

/** How the progress line is written. */
export interface ProgressOptions {
  /** Print a line every N updates when not on a TTY (default 10; the last step is always printed). */
  every?: number;
  /** Where lines go (default process.stderr). */
  stream?: { write(text: string): unknown; isTTY?: boolean };
}

function duration(ms: number): string {
  if (!Number.isFinite(ms)) return '?';
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

/** Formats one progress line from a step's metrics. */
export function formatProgress(m: StepMetrics): string {
  const width = String(m.totalSteps).length;
  return (
    `step ${String(m.step).padStart(width)}/${m.totalSteps} | epoch ${m.epoch + 1} | loss ${m.loss.toFixed(4)} | ` +
    `lr ${m.learningRate.toExponential(2)} | ${Math.round(m.tokensPerSecond)} tok/s | ` +
    `elapsed ${duration(m.elapsedMs)} | eta ${duration(m.etaMs)}`
  );
}

/** Writes progress lines for a training run. */
export class ProgressReporter {
  private readonly every: number;
  private readonly stream: { write(text: string): unknown; isTTY?: boolean };
  private drawn = false;

  constructor(options: ProgressOptions = {}) {
    this.every = Math.max(1, options.every ?? 10);
    this.stream = options.stream ?? process.stderr;
  }

  step(m: StepMetrics): void {
    const line = formatProgress(m);
    if (this.stream.isTTY) {
      // \r + clear-to-end redraws one line in place
      this.stream.write(`\r${line}\x1b[K`);
      this.drawn = true;
      if (m.step === m.totalSteps) this.end();
    } else if (m.step % this.every === 0 || m.step === m.totalSteps || m.step === 1) {
      this.stream.write(`${line}\n`);
    }
  }

  /** A line that must not be overwritten (evaluation results, checkpoints). */
  note(text: string): void {
    this.end();
    this.stream.write(`${text}\n`);
  }

  end(): void {
    if (this.drawn) this.stream.write('\n');
    this.drawn = false;
  }
}
