/** A plain two-column text table (metric, value), values with up to 6 decimals. */
export function formatTable(rows: ReadonlyArray<readonly [string, number]>): string {
  const width = Math.max(6, ...rows.map(([k]) => k.length));
  const lines = [`${'metric'.padEnd(width)}  value`, `${'-'.repeat(width)}  ${'-'.repeat(8)}`];
  for (const [k, v] of rows)
    lines.push(`${k.padEnd(width)}  ${Number.isInteger(v) ? String(v) : v.toFixed(6)}`);
  return `${lines.join('\n')}\n`;
}
