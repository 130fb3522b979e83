import type { ReportedValue } from '../experiments/types.js';

/** Metric figures with four decimals, percentages with two (`0.30%`), words as given, `—` for missing. */
export function formatValue(value: ReportedValue | null, kind: 'metric' | 'percent' = 'metric'): string {
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return String(value);
  if (kind === 'percent') {
    if (value === 100 || value === 0) return `${value}%`;
    return `${value < 0.1 ? value.toPrecision(2) : value.toFixed(2)}%`;
  }
  return value.toFixed(4);
}
