import type { Hardness } from './hardness.js';

/** The levels of the official report, in its column order. */
export const LEVELS = ['easy', 'medium', 'hard', 'extra', 'all'] as const;

/** One report column. */
export type Level = (typeof LEVELS)[number];

/** Count and mean score of the examples of one level. */
export interface LevelScore {
  count: number;
  score: number;
}

/** Scores per hardness level plus `all`. */
export type ByHardness = Record<Level, LevelScore>;

/**
 * Averages per-example 0/1 scores per hardness level as the official report does (a level with no examples scores
 * 0). Examples whose hardness is unknown (`null`: the gold did not parse) count in `all` only.
 */
export function scoreByHardness(
  perExample: readonly number[],
  hardness: ReadonlyArray<Hardness | null>,
): ByHardness {
  const sums = Object.fromEntries(LEVELS.map((l) => [l, { count: 0, score: 0 }])) as ByHardness;
  perExample.forEach((s, i) => {
    const h = hardness[i];
    if (h !== null && h !== undefined) {
      sums[h].count += 1;
      sums[h].score += s;
    }
    sums.all.count += 1;
    sums.all.score += s;
  });
  for (const l of LEVELS) sums[l].score = sums[l].count === 0 ? 0 : sums[l].score / sums[l].count;
  return sums;
}
