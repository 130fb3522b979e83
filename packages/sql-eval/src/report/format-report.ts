import { SqlEvalUsageError } from '../errors.js';
import { PARTIAL_COMPONENTS } from '../exact-match/partial-match.js';
import type { ExactSetMatchReport } from '../exact-match/spider-exact-set-match.js';
import type { ExecutionAccuracyReport } from '../execution/execution-accuracy.js';
import { LEVELS } from '../hardness/level-scores.js';

/** Python's `'{:.3f}'.format(x)`: like `toFixed(3)`, but an exact tie rounds to even, as Python does. */
export function formatFixed3(x: number): string {
  const exact = x.toFixed(40);
  const m = /^(-?\d+)\.(\d{3})5(0*)$/.exec(exact);
  if (m !== null) {
    const scaled = BigInt(`${m[1]}${m[2]}`.replace('-', ''));
    const even = scaled % 2n === 0n ? scaled : scaled + 1n;
    const s = even.toString().padStart(4, '0');
    return `${x < 0 ? '-' : ''}${s.slice(0, -3)}.${s.slice(-3)}`;
  }
  return x.toFixed(3);
}

const cell = (s: string): string => s.padEnd(20);
const row = (name: string, values: string[]): string => [cell(name), ...values.map(cell)].join(' ');

/**
 * The table the official `evaluation.py` prints (`print_scores`): counts per hardness level, then execution
 * accuracy and/or exact-set match with the partial-matching accuracy, recall and F1 per component.
 */
export function formatOfficialReport(
  match: ExactSetMatchReport | null,
  exec: ExecutionAccuracyReport | null,
): string {
  const byHardness = (match ?? exec)?.byHardness;
  if (byHardness === undefined) throw new SqlEvalUsageError('formatOfficialReport: give at least one report');
  const lines: string[] = [];
  lines.push(row('', [...LEVELS]));
  lines.push(
    row(
      'count',
      LEVELS.map((l) => String(byHardness[l].count)),
    ),
  );
  if (exec !== null) {
    lines.push('=====================   EXECUTION ACCURACY     =====================');
    lines.push(
      row(
        'execution',
        LEVELS.map((l) => formatFixed3(exec.byHardness[l].score)),
      ),
    );
  }
  if (match !== null) {
    lines.push('\n====================== EXACT MATCHING ACCURACY =====================');
    lines.push(
      row(
        'exact match',
        LEVELS.map((l) => formatFixed3(match.byHardness[l].score)),
      ),
    );
    const sections = [
      ['\n---------------------PARTIAL MATCHING ACCURACY----------------------', 'acc'],
      ['---------------------- PARTIAL MATCHING RECALL ----------------------', 'rec'],
      ['---------------------- PARTIAL MATCHING F1 --------------------------', 'f1'],
    ] as const;
    for (const [title, key] of sections) {
      lines.push(title);
      for (const c of PARTIAL_COMPONENTS)
        lines.push(
          row(
            c,
            LEVELS.map((l) => formatFixed3(match.partial[l][c][key])),
          ),
        );
    }
  }
  return `${lines.join('\n')}\n`;
}
