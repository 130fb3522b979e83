// The bit-parallel LCS against rouge_score 0.1.2's own algorithm, ported line for line below (`_lcs_table`,
// `_backtrack_norec`): lengths and backtrack indices must be identical, ties included.
import { describe, expect, it } from 'vitest';
import { rouge } from '../src/index.js';
import { BitParallelLcs } from '../src/rouge/lcs.js';
import { Mt19937 } from '../src/rouge/mt19937.js';

/** rouge_score's `_lcs_table`. */
function lcsTable(ref: Int32Array, can: Int32Array): number[][] {
  const t = Array.from({ length: ref.length + 1 }, () => new Array<number>(can.length + 1).fill(0));
  for (let i = 1; i <= ref.length; i++) {
    for (let j = 1; j <= can.length; j++) {
      t[i][j] = ref[i - 1] === can[j - 1] ? t[i - 1][j - 1] + 1 : Math.max(t[i - 1][j], t[i][j - 1]);
    }
  }
  return t;
}

/** rouge_score's `_backtrack_norec`: indices into `ref`. */
function backtrack(ref: Int32Array, can: Int32Array): number[] {
  const t = lcsTable(ref, can);
  const out: number[] = [];
  let i = ref.length;
  let j = can.length;
  while (i > 0 && j > 0) {
    if (ref[i - 1] === can[j - 1]) {
      out.unshift(i - 1);
      i--;
      j--;
    } else if (t[i][j - 1] > t[i - 1][j]) j--;
    else i--;
  }
  return out;
}

function randomTokens(rng: Mt19937, length: number, alphabet: number): Int32Array {
  return Int32Array.from({ length }, () => rng.randbelow(alphabet));
}

describe('BitParallelLcs', () => {
  const rng = new Mt19937(1234);
  const lengths = [0, 1, 2, 31, 32, 33, 63, 64, 65, 97, 200];

  it('gives rouge_score’s LCS length and backtrack indices on random sequences (word edges, ties)', () => {
    const lcs = new BitParallelLcs();
    const blocked = new BitParallelLcs(1); // every backtrack recomputed from √n checkpoints
    let cases = 0;
    for (const n of lengths) {
      for (const m of lengths) {
        for (const alphabet of [1, 2, 3, 7, 40]) {
          const a = randomTokens(rng, n, alphabet);
          const b = randomTokens(rng, m, alphabet);
          const t = lcsTable(a, b);
          expect(lcs.length(a, b)).toBe(t[n][m]);
          expect(lcs.length(b, a)).toBe(t[n][m]);
          const expected = backtrack(a, b);
          for (const impl of [lcs, blocked]) {
            const got = new Set<number>();
            impl.addLcsIndices(a, b, got);
            expect([...got].sort((x, y) => x - y)).toEqual(expected);
          }
          cases++;
        }
      }
    }
    expect(cases).toBe(lengths.length * lengths.length * 5);
  });

  it('mixes frequent tokens (dense masks) with rare ones (scattered masks) in one sequence', () => {
    const lcs = new BitParallelLcs(64);
    for (let trial = 0; trial < 20; trial++) {
      // Token 0 on every other position, the rest spread over many rare ids.
      const a = Int32Array.from({ length: 300 }, (_, i) => (i % 2 === 0 ? 0 : 1 + rng.randbelow(150)));
      const b = Int32Array.from({ length: 250 }, (_, i) => (i % 3 === 0 ? 0 : 1 + rng.randbelow(150)));
      expect(lcs.length(a, b)).toBe(lcsTable(a, b)[300][250]);
      const got = new Set<number>();
      lcs.addLcsIndices(a, b, got);
      expect([...got].sort((x, y) => x - y)).toEqual(backtrack(a, b));
    }
  });
});

describe('ROUGE-L on long texts', () => {
  // Reference: "alpha beta alpha beta ..." of about 1 MB, one line.
  const pairs = 91_000;
  const reference = 'alpha beta '.repeat(pairs);
  const refTokens = 2 * pairs;

  it('rougeL of a 1 MB reference (an LCS table of 4.4e9 cells, past typed arrays’ 2^32): exact', () => {
    // Every 5th reference token kept, with a token the reference lacks after each: LCS = the kept tokens.
    const kept = 12_000;
    const words: string[] = [];
    for (let k = 0; k < kept; k++) words.push(k % 2 === 0 ? 'alpha' : 'beta', 'gamma');
    const prediction = words.join(' ');
    const precision = kept / (2 * kept);
    const recall = kept / refTokens;
    const f = (2 * precision * recall) / (precision + recall);
    expect(rouge({ predictions: [prediction], references: [reference], rougeTypes: ['rougeL'] })).toEqual({
      rougeL: f,
    });
  });

  it('rougeLsum with a 1 MB reference line against two prediction lines (4.4e9 cells each): exact', () => {
    // Lines "alpha x k" and "beta x k": union LCS k alphas + k betas, all within the reference's counts.
    const k = 24_000;
    const prediction = `${'alpha '.repeat(k).trim()}\n${'beta '.repeat(k).trim()}`;
    const precision = (2 * k) / (2 * k);
    const recall = (2 * k) / refTokens;
    const f = (2 * precision * recall) / (precision + recall);
    expect(rouge({ predictions: [prediction], references: [reference], rougeTypes: ['rougeLsum'] })).toEqual({
      rougeLsum: f,
    });
  });
});
