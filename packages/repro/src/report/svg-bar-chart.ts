import { PALETTE, escapeXml, n, niceTicks } from './svg-util.js';

/** One bar series (a table row) across the chart's groups (metrics); `null` leaves a gap. */
export interface BarSeries {
  name: string;
  values: ReadonlyArray<number | null>;
  /** The reported figure for each group, drawn as a black tick across the bar. */
  reported?: ReadonlyArray<number | null>;
}

/**
 * A grouped bar chart as a standalone SVG document: groups along x (metrics), one coloured bar per series (table
 * rows, our figures), reported figures as black ticks over the bars.
 */
export function renderBarChartSvg(
  title: string,
  groups: readonly string[],
  series: readonly BarSeries[],
  width = 760,
  height = 420,
): string {
  const left = 50;
  const right = 190;
  const top = 40;
  const bottom = 50;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const values = series
    .flatMap((s) => [...s.values, ...(s.reported ?? [])])
    .filter((v): v is number => v !== null);
  const ticks = niceTicks(0, Math.max(1, ...values), 5);
  const yMax = ticks.at(-1) ?? 1;
  const y = (v: number) => top + plotH - (v / yMax) * plotH;
  const groupW = plotW / Math.max(1, groups.length);
  const barW = (groupW * 0.8) / Math.max(1, series.length);

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${n(width / 2)}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${escapeXml(title)}</text>`,
  ];
  for (const t of ticks) {
    parts.push(
      `<line x1="${left}" x2="${n(left + plotW)}" y1="${n(y(t))}" y2="${n(y(t))}" stroke="#ddd"/>`,
      `<text x="${left - 6}" y="${n(y(t) + 4)}" text-anchor="end">${t}</text>`,
    );
  }
  groups.forEach((g, gi) => {
    const gx = left + gi * groupW + groupW * 0.1;
    parts.push(
      `<text x="${n(left + gi * groupW + groupW / 2)}" y="${n(top + plotH + 18)}" text-anchor="middle">${escapeXml(g)}</text>`,
    );
    series.forEach((s, si) => {
      const bx = gx + si * barW;
      const v = s.values[gi];
      if (v !== null && v !== undefined) {
        parts.push(
          `<rect x="${n(bx)}" y="${n(y(v))}" width="${n(barW * 0.9)}" height="${n(top + plotH - y(v))}" fill="${PALETTE[si % PALETTE.length]}"><title>${escapeXml(`${s.name} ${g}: ${v.toFixed(4)}`)}</title></rect>`,
        );
      }
      const r = s.reported?.[gi];
      if (r !== null && r !== undefined) {
        parts.push(
          `<line x1="${n(bx - 1)}" x2="${n(bx + barW * 0.9 + 1)}" y1="${n(y(r))}" y2="${n(y(r))}" stroke="black" stroke-width="2.5"><title>${escapeXml(`${s.name} ${g} reported: ${r}`)}</title></line>`,
        );
      }
    });
  });
  parts.push(
    `<line x1="${left}" x2="${n(left + plotW)}" y1="${n(top + plotH)}" y2="${n(top + plotH)}" stroke="#333"/>`,
    `<line x1="${left}" x2="${left}" y1="${top}" y2="${n(top + plotH)}" stroke="#333"/>`,
  );
  series.forEach((s, i) => {
    const ly = top + 10 + i * 18;
    parts.push(
      `<rect x="${n(left + plotW + 12)}" y="${ly - 6}" width="14" height="12" fill="${PALETTE[i % PALETTE.length]}"/>`,
      `<text x="${n(left + plotW + 32)}" y="${ly + 4}">${escapeXml(s.name)}</text>`,
    );
  });
  const ly = top + 10 + series.length * 18;
  parts.push(
    `<line x1="${n(left + plotW + 12)}" x2="${n(left + plotW + 26)}" y1="${ly}" y2="${ly}" stroke="black" stroke-width="2.5"/>`,
    `<text x="${n(left + plotW + 32)}" y="${ly + 4}">reported</text>`,
    '</svg>',
  );
  return `${parts.join('\n')}\n`;
}
