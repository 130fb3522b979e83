import type { DataStats, LengthStats } from './compute-data-stats.js';

const pct = (rate: number) => `${(100 * rate).toFixed(2)}%`;
const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));

/**
 * Renders {@link DataStats} as an aligned text table.
 *
 * @example
 * console.log(formatDataStats(stats));
 * // examples: 1034   template: flan-t5   SQL targets: t5-escape
 * // side    max_len  mean   p50  p90  p95  p99  max  truncated
 * // source      512  ...
 */
export function formatDataStats(stats: DataStats, title?: string): string {
  const header = ['side', 'max_len', 'mean', 'p50', 'p90', 'p95', 'p99', 'max', 'truncated'];
  const row = (side: string, s: LengthStats) => [
    side,
    String(s.maxLength),
    num(s.mean),
    num(s.p50),
    num(s.p90),
    num(s.p95),
    num(s.p99),
    num(s.max),
    `${s.truncated} (${pct(s.truncationRate)})`,
  ];
  const rows = [header, row('source', stats.source), row('target', stats.target)];
  const widths = header.map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const lines = rows.map((r) =>
    r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '),
  );
  return [
    ...(title ? [title] : []),
    `examples: ${stats.count}   template: ${stats.template}   SQL targets: ${stats.sqlEncoding}`,
    ...lines,
    `truncated (source or target): ${stats.truncatedEither} (${pct(stats.truncationRateEither)})`,
  ].join('\n');
}
