// torch.sum / torch.mean of float32 vectors on CPU, reproduced bit for bit (the double-quantization offset is
// absmax.mean()). Reference values made with torch 2.13 CPU, one thread (test/fixtures/torch-sum.json).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { torchMeanFloat32, torchSumFloat32 } from '../src/index.js';
import { f32FromHex } from './support/fixtures.js';

interface SumCase {
  n: number;
  x_b64: string;
  sum_hex: string;
  mean_hex: string;
}
const data: { cases: SumCase[] } = JSON.parse(
  readFileSync(resolve(__dirname, 'fixtures/torch-sum.json'), 'utf8'),
);

describe('torchSumFloat32 / torchMeanFloat32', () => {
  it.each(data.cases.map((c) => [c.n, c] as const))('n = %i matches torch bit for bit', (_n, c) => {
    const bytes = Buffer.from(c.x_b64, 'base64');
    const x = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    expect(torchSumFloat32(x)).toBe(f32FromHex(c.sum_hex));
    expect(torchMeanFloat32(x)).toBe(f32FromHex(c.mean_hex));
  });

  it('differs from a naive sequential float32 sum on long vectors (the order matters)', () => {
    const bytes = Buffer.from(data.cases.at(-1)!.x_b64, 'base64');
    const x = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    let naive = 0;
    for (const v of x) naive = Math.fround(naive + v);
    expect(naive).not.toBe(torchSumFloat32(x));
  });
});
