import type { ReportedValue } from '../experiments/types.js';

/**
 * Formats a table cell: metrics with four decimals, trainable shares as PEFT prints them (four decimals, `0.3004%`),
 * reported figures exactly as the source gives them (`0.3%`), words as given, `—` for missing.
 */
export function formatValue(
  value: ReportedValue | null,
  kind: 'metric' | 'percent' = 'metric',
  asReported = false,
): string {
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return String(value);
  if (asReported) return kind === 'percent' ? `${value}%` : String(value);
  if (kind === 'percent') return value === 100 || value === 0 ? `${value}%` : `${value.toFixed(4)}%`;
  return value.toFixed(4);
}
