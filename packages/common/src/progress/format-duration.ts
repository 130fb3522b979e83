/** How {@link formatDuration} writes a span of time. */
export interface FormatDurationOptions {
  /** Minutes as two digits below an hour (`00:03`, not `0:03`). */
  padMinutes?: boolean;
  /** What a span that is not finite (an unknown ETA) prints as; default `?`. */
  unknown?: string;
}

/**
 * A span of milliseconds as `m:ss`, or `h:mm:ss` from an hour on, rounded to the second.
 *
 * @example
 * ```ts
 * formatDuration(65_000); // '1:05'
 * formatDuration(3_725_000); // '1:02:05'
 * formatDuration(3_000, { padMinutes: true }); // '00:03'
 * ```
 */
export function formatDuration(ms: number, options: FormatDurationOptions = {}): string {
  if (!Number.isFinite(ms)) return options.unknown ?? '?';
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  if (h > 0) return `${h}:${pad(m)}:${pad(s % 60)}`;
  return `${options.padMinutes ? pad(m) : m}:${pad(s % 60)}`;
}
