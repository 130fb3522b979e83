/** Where progress goes; `process.stderr` by default so stdout stays clean for `--json`. */
export interface ProgressSink {
  isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * A one-line progress bar: redrawn in place on a terminal, printed as a line every few percent otherwise (CI logs).
 *
 * @example
 * ```ts
 * const bar = new ProgressBar('train table-b/lora', steps);
 * for (let i = 0; i < steps; i++) { ...; bar.tick(1, `loss ${loss.toFixed(3)}`); }
 * bar.done();
 * ```
 */
export class ProgressBar {
  private current = 0;
  private lastPrinted = -1;
  private readonly started = Date.now();

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly sink: ProgressSink | null = process.stderr,
  ) {}

  tick(by = 1, info = ''): void {
    this.current = Math.min(this.total, this.current + by);
    this.render(info);
  }

  private render(info: string): void {
    if (!this.sink) return;
    const frac = this.total > 0 ? this.current / this.total : 1;
    const elapsed = (Date.now() - this.started) / 1000;
    const eta = frac > 0 ? elapsed / frac - elapsed : 0;
    const width = 24;
    const filled = Math.round(frac * width);
    const line = `${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.current}/${this.total} ${elapsed.toFixed(0)}s eta ${eta.toFixed(0)}s ${info}`;
    if (this.sink.isTTY) {
      this.sink.write(`\r${line.padEnd(100).slice(0, Math.max(100, line.length))}`);
    } else {
      // Non-interactive: one line per 10% so logs stay readable.
      const decile = Math.floor(frac * 10);
      if (decile !== this.lastPrinted) {
        this.lastPrinted = decile;
        this.sink.write(`${line}\n`);
      }
    }
  }

  /** Finishes the bar (prints the final state and a newline on a terminal). */
  done(info = ''): void {
    this.current = this.total;
    this.lastPrinted = -1;
    this.render(info);
    if (this.sink?.isTTY) this.sink.write('\n');
  }
}
