// Tiny helpers shared by the hand-written SVG charts (no chart library: the output must be stable and small).

/** Colour-blind-safe palette (Okabe & Ito). */
export const PALETTE = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#D55E00',
  '#CC79A7',
  '#56B4E9',
  '#F0E442',
  '#000000',
];

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Coordinates with two decimals keep files small and byte-stable. */
export function n(x: number): string {
  return Number.isFinite(x) ? String(Math.round(x * 100) / 100) : '0';
}

/**
 * "Nice" axis ticks (1, 2, 5 × 10^k): the first at or below `lo`, the last at or above `hi`, so an axis drawn from
 * the first to the last tick holds every value in [lo, hi].
 *
 * @example
 * niceTicks(0, 5.2); // [0, 2, 4, 6]
 */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) hi = lo + 1;
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const tick = (k: number) => Number((k * step).toPrecision(12));
  // Integer multiples of the step (no accumulated rounding); the 1e-9 keeps 0.3 / 0.1 from becoming 4 steps.
  let first = Math.floor(lo / step + 1e-9);
  let last = Math.ceil(hi / step - 1e-9);
  if (tick(first) > lo) first--;
  if (tick(last) < hi) last++;
  const ticks: number[] = [];
  for (let k = first; k <= last; k++) ticks.push(tick(k));
  return ticks;
}
