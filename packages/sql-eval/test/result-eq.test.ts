import { describe, expect, it } from 'vitest';
import { resultEq } from '../src/index.js';

// Cases follow test-suite-sql-eval's result_eq; expected values checked with the Python function.
describe('resultEq', () => {
  it('treats rows as a bag unless order matters', () => {
    expect(resultEq([[1], [2]], [[2], [1]], false)).toBe(true);
    expect(resultEq([[1], [2]], [[2], [1]], true)).toBe(false);
    expect(resultEq([[1], [1], [2]], [[1], [2], [2]], false)).toBe(false);
  });

  it('accepts any column permutation, also with more than three columns', () => {
    expect(resultEq([[1, 'a', null, 2.5]], [['a', 2.5, 1, null]], true)).toBe(true);
    expect(
      resultEq(
        [
          [1, 2, 3, 4, 5],
          [6, 7, 8, 9, 10],
        ],
        [
          [5, 4, 3, 2, 1],
          [10, 9, 8, 7, 6],
        ],
        false,
      ),
    ).toBe(true);
    // Same bag of values per row, but no single permutation fits both rows.
    expect(
      resultEq(
        [
          [1, 2],
          [3, 4],
        ],
        [
          [2, 1],
          [3, 4],
        ],
        false,
      ),
    ).toBe(false);
  });

  it('handles empty results, row-count and width mismatches, and int/float equality', () => {
    expect(resultEq([], [], true)).toBe(true);
    expect(resultEq([[1]], [], false)).toBe(false);
    expect(resultEq([[1, 2]], [[1]], false)).toBe(false);
    expect(resultEq([[1]], [[1.0]], false)).toBe(true);
    expect(resultEq([['1']], [[1]], false)).toBe(false);
    expect(resultEq([[new Uint8Array([1, 2])]], [[new Uint8Array([1, 2])]], false)).toBe(true);
  });
});
