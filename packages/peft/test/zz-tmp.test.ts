import { readFileSync } from 'node:fs';
import { test } from 'vitest';
import { torchMeanFloat32, torchSumFloat32 } from '../src/index.js';
import { f32FromHex } from './support/fixtures.js';
test('sums', () => {
  const cases = JSON.parse(readFileSync('/tmp/sums.json', 'utf8'));
  for (const c of cases) {
    const b = Buffer.from(c.x, 'hex'); const x = new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
    const res = [8, 16].map((w) => [torchSumFloat32(x, w) === f32FromHex(c.sum), torchMeanFloat32(x, w) === f32FromHex(c.mean)]);
    console.log(c.n, JSON.stringify(res));
  }
});
