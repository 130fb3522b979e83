// One progress display for every long job (downloads, training, generation, experiment runs): redrawn in place on a
// terminal, printed as whole lines elsewhere (CI logs, files), with elapsed time, rate and ETA worked out once.
import { formatBar } from './format-bar.js';
import { formatDuration } from './format-duration.js';

/** Where progress goes: a stream with an optional TTY flag (`process.stderr` by default, so stdout stays clean). */
export interface ProgressSink {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** Extra fields shown after the counts, in order (`{ loss: '0.1234', 'tok/s': 812 }`). */
export type ProgressFields = Readonly<Record<string, string | number>>;

/** What a line is drawn from. */
export interface ProgressState<F = ProgressFields> {
  label: string;
  current: number;
  total: number;
  /** Milliseconds since the reporter was made. */
  elapsedMs: number;
  /** Units per second since the reporter was made, counted from `start`. */
  ratePerSecond: number;
  /** Milliseconds left at that rate; `Infinity` while nothing has been done. */
  etaMs: number;
  /** The fields of the last update. */
  fields: F | undefined;
}

/** Options of {@link ProgressReporter}. */
export interface ProgressReporterOptions<F = ProgressFields> {
  /** Units of the whole job (steps, batches, bytes). */
  total: number;
  /** Shown first on the default line. */
  label?: string;
  /** Where lines go (default `process.stderr`); `null` silences the reporter. */
  sink?: ProgressSink | null;
  /**
   * Off a terminal: print a line at unit 1, at every `every`-th unit and at the last (default 10); `'done'` prints
   * only the line {@link ProgressReporter.done} writes.
   */
  every?: number | 'done';
  /** On a terminal: redraw at most every this many milliseconds; the last unit is always drawn (default 0). */
  redrawMs?: number;
  /** Units already done when the reporter is made (the resumed part of a download): the rate counts from here. */
  start?: number;
  /** The clock in milliseconds (default `performance.now`). */
  now?: () => number;
  /** Draws one line (default {@link formatProgressLine}). */
  format?: (state: ProgressState<F>) => string;
}

/**
 * The default line: `label [#####.......] 3/10 elapsed 0:05 eta 0:12 loss 0.1234 tok/s 812`.
 *
 * @example
 * ```ts
 * formatProgressLine({ label: 'train', current: 3, total: 10, elapsedMs: 5000, ratePerSecond: 0.6, etaMs: 12_000, fields: { loss: '0.1234' } });
 * ```
 */
export function formatProgressLine(state: ProgressState<ProgressFields>): string {
  const fraction = state.total > 0 ? state.current / state.total : 1;
  const fields = Object.entries(state.fields ?? {}).map(([k, v]) => `${k} ${v}`);
  return [
    ...(state.label ? [state.label] : []),
    `[${formatBar(fraction, 24)}]`,
    `${state.current}/${state.total}`,
    `elapsed ${formatDuration(state.elapsedMs)}`,
    `eta ${formatDuration(state.etaMs)}`,
    ...fields,
  ].join(' ');
}

/**
 * Progress of one job. On a terminal one line is redrawn in place (`\r` + line + erase to the end); elsewhere whole
 * lines are printed now and then (see `every`). {@link note} prints a line that stays; {@link end} closes a
 * redrawn line; {@link done} draws the final state and closes it.
 *
 * @example
 * ```ts
 * const bar = new ProgressReporter({ label: 'train t5-small', total: steps });
 * for (let step = 1; step <= steps; step++) bar.update(step, { loss: loss.toFixed(4) });
 * bar.done({ 'final loss': loss.toFixed(4) });
 * ```
 */
export class ProgressReporter<F = ProgressFields> {
  readonly label: string;
  readonly total: number;
  private readonly sink: ProgressSink | null;
  private readonly every: number | 'done';
  private readonly redrawMs: number;
  private readonly start: number;
  private readonly now: () => number;
  private readonly format: (state: ProgressState<F>) => string;
  private readonly startedAt: number;
  private current: number;
  private fields: F | undefined;
  private drawn = false;
  private lastDraw = Number.NEGATIVE_INFINITY;

  constructor(options: ProgressReporterOptions<F>) {
    this.label = options.label ?? '';
    this.total = options.total;
    this.sink = options.sink === undefined ? process.stderr : options.sink;
    this.every = options.every === 'done' ? 'done' : Math.max(1, options.every ?? 10);
    this.redrawMs = options.redrawMs ?? 0;
    this.start = options.start ?? 0;
    this.current = this.start;
    this.now = options.now ?? (() => performance.now());
    this.format = options.format ?? (formatProgressLine as unknown as (state: ProgressState<F>) => string);
    this.startedAt = this.now();
  }

  /** The state the next line is drawn from. */
  state(): ProgressState<F> {
    const elapsedMs = this.now() - this.startedAt;
    const ratePerSecond = (this.current - this.start) / Math.max(elapsedMs / 1000, 1e-3);
    const etaMs =
      ratePerSecond > 0 ? ((this.total - this.current) / ratePerSecond) * 1000 : Number.POSITIVE_INFINITY;
    return {
      label: this.label,
      current: this.current,
      total: this.total,
      elapsedMs,
      ratePerSecond,
      etaMs,
      fields: this.fields,
    };
  }

  /** The current line's text. */
  line(): string {
    return this.format(this.state());
  }

  /** Sets the count done so far (and the fields shown), redrawing or printing as the sink calls for. */
  update(current: number, fields?: F): void {
    this.current = Math.min(this.total, current);
    if (fields !== undefined) this.fields = fields;
    if (this.sink === null) return;
    if (this.sink.isTTY) {
      const t = this.now();
      if (t - this.lastDraw < this.redrawMs && this.current < this.total) return;
      this.lastDraw = t;
      this.sink.write(`\r${this.line()}\x1b[K`);
      this.drawn = true;
    } else if (
      this.every !== 'done' &&
      (this.current % this.every === 0 || this.current === this.total || this.current === 1)
    ) {
      this.sink.write(`${this.line()}\n`);
    }
  }

  /** {@link update} by `by` units more. */
  tick(by = 1, fields?: F): void {
    this.update(this.current + by, fields);
  }

  /** A line that must not be overwritten (an evaluation result, a saved checkpoint). */
  note(text: string): void {
    if (this.sink === null) return;
    this.end();
    this.sink.write(`${text}\n`);
  }

  /** Closes a redrawn line, so what follows starts on its own line. */
  end(): void {
    if (this.drawn) this.sink?.write('\n');
    this.drawn = false;
  }

  /** Draws the finished state (with `fields`, if given) as a line that stays. */
  done(fields?: F): void {
    this.current = this.total;
    if (fields !== undefined) this.fields = fields;
    if (this.sink === null) return;
    if (this.sink.isTTY) {
      this.sink.write(`\r${this.line()}\x1b[K`);
      this.drawn = true;
      this.end();
    } else {
      this.sink.write(`${this.line()}\n`);
    }
  }
}
