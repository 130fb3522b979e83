import { describe, expect, it } from 'vitest';
import { formatFixed3 } from '../src/index.js';

describe('formatFixed3', () => {
  // Reference: Python '{:.3f}'.format(x), which rounds exact binary ties to even.
  it.each([
    [0.0625, '0.062'],
    [0.1875, '0.188'],
    [0.3125, '0.312'],
    [0.6875, '0.688'],
    [0.9375, '0.938'],
    [0.0005, '0.001'],
    [2 / 3, '0.667'],
    [1, '1.000'],
    [0, '0.000'],
  ])('formats %f as Python does (%s)', (x, expected) => {
    expect(formatFixed3(x)).toBe(expected);
  });
});
