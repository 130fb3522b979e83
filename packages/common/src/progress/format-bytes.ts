/**
 * A byte count in decimal units (B, kB, MB, GB, TB), one decimal from kB on.
 *
 * @example
 * ```ts
 * formatBytes(1_000_000); // '1.0 MB'
 * formatBytes(10); // '10 B'
 * ```
 */
export function formatBytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = n;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}
