// Test support: element-wise comparison with a stated tolerance and a useful failure message.
import { expect } from 'vitest';

/** Asserts |a - b| <= atol + rtol * |b| element-wise. */
export function expectClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  { rtol = 1e-6, atol = 1e-6, label = '' }: { rtol?: number; atol?: number; label?: string } = {},
): void {
  expect(actual.length, `${label}: length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    const ok = Math.abs(a - e) <= atol + rtol * Math.abs(e) || (Number.isNaN(a) && Number.isNaN(e));
    if (!ok) expect.fail(`${label}[${i}]: expected ${e}, got ${a} (rtol ${rtol}, atol ${atol})`);
  }
}
