/**
 * A text bar `#####.....` of `width` characters, `fraction` (clamped to [0, 1]) of them filled.
 *
 * @example
 * ```ts
 * formatBar(0.25, 20); // '#####...............'
 * ```
 */
export function formatBar(fraction: number, width: number): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return `${'#'.repeat(filled)}${'.'.repeat(width - filled)}`;
}
