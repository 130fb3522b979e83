// Download progress on @t5sql/common's ProgressReporter: one reporter per file, drawn as a byte bar.
import {
  ProgressReporter,
  type ProgressSink,
  type ProgressState,
  formatBar,
  formatBytes,
  formatDuration,
} from '@t5sql/common';
import type { DownloadProgress } from './download-blob.js';

export type { ProgressSink } from '@t5sql/common';

/** `model.safetensors [#####...............] 25% 1.0 MB/4.0 MB 1.0 MB/s ETA 00:03` */
function downloadLine(s: ProgressState<DownloadProgress>): string {
  const file = s.fields?.file ?? s.label;
  const pct = s.total > 0 ? Math.floor((100 * s.current) / s.total) : 100;
  const eta = formatDuration(s.etaMs, { padMinutes: true, unknown: '--:--' });
  return (
    `${file} [${formatBar(pct / 100, 20)}] ${pct}% ${formatBytes(s.current)}/${formatBytes(s.total)} ` +
    `${formatBytes(s.ratePerSecond)}/s ETA ${eta}`
  );
}

/**
 * Download progress for people: on a TTY one self-rewriting line per file (bytes, %, speed, ETA), redrawn at
 * most every 100 ms; elsewhere (logs, CI) a single line when each file finishes. Speed counts only the bytes of
 * this run, not the part resumed from an earlier one.
 *
 * @example
 * const bar = new ProgressBar();
 * bar.update({ file: 'model.safetensors', downloadedBytes: 5e7, totalBytes: 2.4e8 });
 * bar.done('model.safetensors');
 */
export class ProgressBar {
  private readonly sink: ProgressSink;
  private readonly now: () => number;
  private readonly files = new Map<string, ProgressReporter<DownloadProgress>>();

  constructor(sink: ProgressSink = process.stderr, now: () => number = () => performance.now()) {
    this.sink = sink;
    this.now = now;
  }

  /** Records progress and redraws the line when on a TTY. */
  update(p: DownloadProgress): void {
    let reporter = this.files.get(p.file);
    if (reporter === undefined) {
      reporter = new ProgressReporter<DownloadProgress>({
        label: p.file,
        total: p.totalBytes,
        start: p.downloadedBytes,
        sink: this.sink,
        every: 'done',
        redrawMs: 100,
        now: this.now,
        format: downloadLine,
      });
      this.files.set(p.file, reporter);
    }
    reporter.update(p.downloadedBytes, p);
  }

  /** Ends the file's line (TTY) or prints its summary line (non-TTY). */
  done(file: string): void {
    const reporter = this.files.get(file);
    if (reporter === undefined) return;
    this.files.delete(file);
    reporter.done();
  }

  /** Forgets a file whose download failed, ending its line on a TTY so the error prints below it. */
  abort(file: string): void {
    this.files.get(file)?.end();
    this.files.delete(file);
  }

  /** The text of one file's progress line. */
  line(file: string): string {
    return this.files.get(file)?.line() ?? file;
  }
}
