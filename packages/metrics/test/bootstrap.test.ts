// The bootstrap reproduces NumPy's legacy RandomState stream; expected values printed by NumPy 2.4.
import { describe, expect, it } from 'vitest';
import { rougeBootstrap } from '../src/index.js';
import { Mt19937 } from '../src/rouge/mt19937.js';

describe('Mt19937 (NumPy legacy seeding)', () => {
  it('matches np.random.seed(0) raw 32-bit outputs', () => {
    const rng = new Mt19937(0);
    expect([rng.nextUint32(), rng.nextUint32(), rng.nextUint32()]).toEqual([
      2357136044, 2546248239, 3071714933,
    ]);
  });
  it('matches np.random.randint(0, 10, size=8) after np.random.seed(42)', () => {
    const rng = new Mt19937(42);
    expect(Array.from({ length: 8 }, () => rng.randbelow(10))).toEqual([6, 3, 7, 4, 6, 9, 2, 6]);
  });
  it('matches np.random.choice(np.arange(1000), size=6) after np.random.seed(12345)', () => {
    const rng = new Mt19937(12345);
    expect(Array.from({ length: 6 }, () => rng.randbelow(1000))).toEqual([482, 485, 285, 129, 420, 425]);
  });
  it('rejects seeds NumPy rejects', () => {
    expect(() => new Mt19937(-1)).toThrow('seed');
    expect(() => new Mt19937(2 ** 32)).toThrow('seed');
  });
});

describe('rougeBootstrap', () => {
  it('is deterministic for a seed and brackets the mean', () => {
    const o = { predictions: ['a b c', 'a', 'x y', 'b c d'], references: ['a b c', 'b', 'x z', 'b c'] };
    const a = rougeBootstrap({ ...o, bootstrap: { seed: 7 } });
    const b = rougeBootstrap({ ...o, bootstrap: { seed: 7 } });
    expect(a).toEqual(b);
    expect(a.rouge1.low).toBeLessThanOrEqual(a.rouge1.mid);
    expect(a.rouge1.mid).toBeLessThanOrEqual(a.rouge1.high);
  });
});
