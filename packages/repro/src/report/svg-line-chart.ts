import type { LossPoint } from '../experiments/result.js';
import { PALETTE, escapeXml, n, niceTicks } from './svg-util.js';

/** One named curve. */
export interface LineSeries {
  name: string;
  points: readonly LossPoint[];
}

/**
 * A loss-curve chart as a standalone SVG document: one line per series, step on x, loss on y, with a legend.
 *
 * @example
 * ```ts
 * writeFileAtomicSync('loss.svg', renderLineChartSvg('Training loss', [{ name: 'LoRA', points: result.lossCurve }]));
 * ```
 */
export function renderLineChartSvg(
  title: string,
  series: readonly LineSeries[],
  width = 720,
  height = 400,
): string {
  const left = 60;
  const right = 170;
  const top = 40;
  const bottom = 50;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const all = series.flatMap((s) => s.points).filter((p) => Number.isFinite(p.loss));
  const maxStep = Math.max(1, ...all.map((p) => p.step));
  const minLoss = Math.min(0, ...all.map((p) => p.loss));
  const maxLoss = Math.max(1e-6, ...all.map((p) => p.loss));
  const yTicks = niceTicks(minLoss, maxLoss);
  const yMax = yTicks.at(-1) ?? maxLoss;
  const yMin = yTicks[0] ?? minLoss;
  const xTicks = niceTicks(0, maxStep);
  const xMax = Math.max(maxStep, xTicks.at(-1) ?? maxStep);
  const x = (step: number) => left + (step / xMax) * plotW;
  const y = (loss: number) => top + plotH - ((loss - yMin) / (yMax - yMin || 1)) * plotH;

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${n(width / 2)}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${escapeXml(title)}</text>`,
  ];
  for (const t of yTicks) {
    parts.push(
      `<line x1="${left}" x2="${n(left + plotW)}" y1="${n(y(t))}" y2="${n(y(t))}" stroke="#ddd"/>`,
      `<text x="${left - 6}" y="${n(y(t) + 4)}" text-anchor="end">${t}</text>`,
    );
  }
  for (const t of xTicks) {
    parts.push(`<text x="${n(x(t))}" y="${n(top + plotH + 18)}" text-anchor="middle">${t}</text>`);
  }
  parts.push(
    `<line x1="${left}" x2="${n(left + plotW)}" y1="${n(top + plotH)}" y2="${n(top + plotH)}" stroke="#333"/>`,
    `<line x1="${left}" x2="${left}" y1="${top}" y2="${n(top + plotH)}" stroke="#333"/>`,
    `<text x="${n(left + plotW / 2)}" y="${height - 10}" text-anchor="middle">optimizer step</text>`,
    `<text transform="translate(16 ${n(top + plotH / 2)}) rotate(-90)" text-anchor="middle">training loss</text>`,
  );
  series.forEach((s, i) => {
    const colour = PALETTE[i % PALETTE.length];
    const pts = s.points.filter((p) => Number.isFinite(p.loss));
    if (pts.length > 0) {
      const d = pts.map((p, j) => `${j === 0 ? 'M' : 'L'}${n(x(p.step))} ${n(y(p.loss))}`).join(' ');
      parts.push(`<path d="${d}" fill="none" stroke="${colour}" stroke-width="1.8"/>`);
    }
    const ly = top + 10 + i * 18;
    parts.push(
      `<line x1="${n(left + plotW + 12)}" x2="${n(left + plotW + 32)}" y1="${ly}" y2="${ly}" stroke="${colour}" stroke-width="3"/>`,
      `<text x="${n(left + plotW + 38)}" y="${ly + 4}">${escapeXml(s.name)}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
