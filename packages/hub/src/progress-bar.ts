import type { DownloadProgress } from './download-blob.js';

/** Where the bar writes: a stream with an optional TTY flag (process.stderr by default). */
export interface ProgressSink {
  write(text: string): unknown;
  isTTY?: boolean;
}

function formatBytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = n;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '--:--';
  const total = Math.round(s);
  const m = Math.floor(total / 60);
  return `${String(m).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/**
 * Download progress for people: on a TTY one self-rewriting line per file (bytes, %, speed, ETA), redrawn at
 * most every 100 ms; elsewhere (logs, CI) a single line when each file finishes.
 *
 * @example
 * const bar = new ProgressBar();
 * bar.update({ file: 'model.safetensors', downloadedBytes: 5e7, totalBytes: 2.4e8 });
 * bar.done('model.safetensors');
 */
export class ProgressBar {
  private readonly sink: ProgressSink;
  private readonly now: () => number;
  private readonly started = new Map<string, { t0: number; bytes0: number; last: DownloadProgress }>();
  private lastDraw = 0;

  constructor(sink: ProgressSink = process.stderr, now: () => number = () => performance.now()) {
    this.sink = sink;
    this.now = now;
  }

  /** Records progress and redraws the line when on a TTY. */
  update(p: DownloadProgress): void {
    const t = this.now();
    const entry = this.started.get(p.file);
    // Speed counts only the bytes of this run, not the part resumed from an earlier one.
    if (!entry) this.started.set(p.file, { t0: t, bytes0: p.downloadedBytes, last: p });
    else entry.last = p;
    if (this.sink.isTTY && (t - this.lastDraw >= 100 || p.downloadedBytes === p.totalBytes)) {
      this.lastDraw = t;
      this.sink.write(`\r\x1b[2K${this.line(p.file)}`);
    }
  }

  /** Ends the file's line (TTY) or prints its summary line (non-TTY). */
  done(file: string): void {
    if (!this.started.has(file)) return;
    this.sink.write(this.sink.isTTY ? `\r\x1b[2K${this.line(file)}\n` : `${this.line(file)}\n`);
    this.started.delete(file);
  }

  /** Forgets a file whose download failed, ending its line on a TTY so the error prints below it. */
  abort(file: string): void {
    if (!this.started.delete(file)) return;
    if (this.sink.isTTY) this.sink.write('\n');
  }

  /** The text of one file's progress line. */
  line(file: string): string {
    const entry = this.started.get(file);
    if (!entry) return file;
    const { downloadedBytes: done, totalBytes: total } = entry.last;
    const seconds = Math.max((this.now() - entry.t0) / 1000, 1e-3);
    const speed = (done - entry.bytes0) / seconds;
    const pct = total > 0 ? Math.floor((100 * done) / total) : 100;
    const eta = speed > 0 ? (total - done) / speed : Number.POSITIVE_INFINITY;
    const width = 20;
    const filled = Math.round((width * pct) / 100);
    const bar = `${'#'.repeat(filled)}${'.'.repeat(width - filled)}`;
    return `${file} [${bar}] ${pct}% ${formatBytes(done)}/${formatBytes(total)} ${formatBytes(speed)}/s ETA ${formatSeconds(eta)}`;
  }
}
