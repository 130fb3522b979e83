// torch.sum / torch.mean of float32 vectors on CPU, reproduced bit for bit (the double-quantization offset is
// absmax.mean()). Reference: test/fixtures/torch-sum.json, made by scripts/make_torch_sum_fixture.py (torch 2.13 CPU,
// one thread) for 1 ... 600,000 elements, including each split point of ATen's cascade sum and its threading. The
// fixture stores only seeds and torch's result bits; the inputs are rebuilt here from the same counter hash.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { torchMeanFloat32, torchSumFloat32 } from '../src/index.js';
import { f32FromHex } from './support/fixtures.js';
import { torchSumInput } from './support/hashed-inputs.js';

interface SumBits {
  sum_hex: string;
  mean_hex: string;
}
interface SumCase extends SumBits {
  n: number;
  seed: number;
  kind: 'positive' | 'signed';
  /** torch's results with 2 and 4 threads (cases of 4,096 elements or more). */
  threads?: Record<string, SumBits>;
  /** the first inputs as float32 hex (cases of up to 4 elements), pinning the hash to the Python one. */
  x_hex?: string[];
}
const data: { made_with: string; cases: SumCase[] } = JSON.parse(
  readFileSync(resolve(__dirname, 'fixtures/torch-sum.json'), 'utf8'),
);

/** The fixture's inputs, rebuilt from the seed as scripts/make_torch_sum_fixture.py draws them. */
const hashedInput = (c: SumCase): Float32Array => torchSumInput(c.n, c.seed, c.kind);

const sizes = data.cases.map((c) => c.n);
const atLeast = (n: number) => data.cases.filter((c) => c.n >= n);

describe('torchSumFloat32 / torchMeanFloat32', () => {
  it('the fixture spans what the README claims: 1 ... 600,000 elements, both sides of the 32,768 thread split', () => {
    expect(data.cases).toHaveLength(120);
    expect(Math.min(...sizes)).toBe(1);
    expect(Math.max(...sizes)).toBe(600_000);
    for (const n of [32_767, 32_768, 32_769, 131_072, 262_144, 524_288]) expect(sizes).toContain(n);
    expect(atLeast(32_769).length).toBeGreaterThanOrEqual(30);
  });

  it('rebuilds the inputs the Python generator hashed', () => {
    const pinned = data.cases.filter((c) => c.x_hex);
    expect(pinned.length).toBeGreaterThan(0);
    for (const c of pinned) expect(Array.from(hashedInput(c))).toEqual(c.x_hex!.map(f32FromHex));
  });

  it.each(data.cases.map((c) => [c.n, c.kind, c] as const))(
    'n = %i (%s) matches torch bit for bit',
    (_n, _kind, c) => {
      const x = hashedInput(c);
      expect(torchSumFloat32(x)).toBe(f32FromHex(c.sum_hex));
      expect(torchMeanFloat32(x)).toBe(f32FromHex(c.mean_hex));
    },
  );

  it('thread count: the same up to 32,768 elements; past it, 2 or 4 threads give other bits for some sizes', () => {
    const withThreads = data.cases.filter((c) => c.threads);
    const bits = (hex: string) => new Int32Array(Buffer.from(hex, 'hex').buffer.slice(0, 4))[0];
    let differs = 0;
    for (const c of withThreads) {
      for (const t of Object.values(c.threads!)) {
        if (c.n <= 32_768) expect(t).toEqual({ sum_hex: c.sum_hex, mean_hex: c.mean_hex });
        else if (t.sum_hex !== c.sum_hex) {
          differs++;
          // positive inputs (as absmax is): the mean moves by a few units in the last place (README: up to 3)
          if (c.kind === 'positive')
            expect(Math.abs(bits(t.mean_hex) - bits(c.mean_hex))).toBeLessThanOrEqual(3);
        }
      }
    }
    expect(withThreads.some((c) => c.n <= 32_768)).toBe(true);
    expect(differs).toBeGreaterThan(0);
  });

  it("takes 8 lanes even under ATen's AVX512 capability: 16 lanes miss torch on most sizes", () => {
    expect(data.made_with).toContain('capability AVX512');
    const misses = data.cases.filter((c) => torchSumFloat32(hashedInput(c), 16) !== f32FromHex(c.sum_hex));
    expect(misses.length).toBeGreaterThan(data.cases.length / 2);
  });

  it('differs from a naive sequential float32 sum on long vectors (the order matters)', () => {
    const x = hashedInput(data.cases.at(-1)!);
    let naive = 0;
    for (const v of x) naive = Math.fround(naive + v);
    expect(naive).not.toBe(torchSumFloat32(x));
  });
});
