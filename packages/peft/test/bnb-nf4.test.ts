// NF4 against bitsandbytes itself for block sizes 64, 128 and 256, with and without double quantization:
// test/fixtures/bnb-nf4.json, made by scripts/make_bnb_nf4_fixture.py with bitsandbytes 0.50.2.dev0 (commit
// 95f9af3, built from source) running its pure-torch CPU kernels, torch 2.13, one thread. Packed codes,
// absmax (float32, or the uint8 codes with double quantization), nested absmax, offset and dequantized values must
// match bit for bit, with the offset computed here (torchMeanFloat32), not copied from the fixture.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dequantize4bit, quantize4bit } from '../src/index.js';
import { bitMismatches, f32FromHex } from './support/fixtures.js';
import { nf4Input } from './support/hashed-inputs.js';

interface Variant {
  blocksize: number;
  compress_statistics: boolean;
  packed_sha256: string;
  packed_head_hex: string;
  packed_bytes: number;
  dequantized_sha256: string;
  absmax_b64: string;
  offset_hex?: string;
  nested_absmax_b64?: string;
  /** [index, code from bitsandbytes' compiled CPU kernel, code from its pure-torch kernel] */
  native_absmax_codes_differ?: Array<[number, number, number]>;
}
interface Case {
  name: string;
  shape: number[];
  numel: number;
  seed?: number;
  input_sha256?: string;
  input_b64?: string;
  variants: Variant[];
}
const data: { made_with: string; cases: Case[] } = JSON.parse(
  readFileSync(resolve(__dirname, 'fixtures/bnb-nf4.json'), 'utf8'),
);

const sha256 = (a: ArrayBufferView) =>
  createHash('sha256')
    .update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength))
    .digest('hex');
const bytesOf = (b64: string) => new Uint8Array(Buffer.from(b64, 'base64'));
const f32Of = (b64: string) => new Float32Array(bytesOf(b64).buffer);

function inputOf(c: Case): Float32Array {
  if (c.input_b64) return f32Of(c.input_b64);
  const x = nf4Input(c.numel, c.seed!);
  expect(sha256(x)).toBe(c.input_sha256); // the JS hash draws what the Python generator drew
  return x;
}

describe('NF4 against bitsandbytes (test/fixtures/bnb-nf4.json)', () => {
  it('covers block sizes 64, 128 and 256, each with and without double quantization, on every case', () => {
    for (const c of data.cases) {
      const seen = c.variants.map((v) => `${v.blocksize}/${v.compress_statistics}`).sort();
      expect(seen).toEqual(['128/false', '128/true', '256/false', '256/true', '64/false', '64/true']);
    }
    // double quantization spans several nested blocks of 256, the last one partial, at block size 256 too
    expect(
      data.cases.some((c) => Math.ceil(c.numel / 256) > 256 && Math.ceil(c.numel / 256) % 256 !== 0),
    ).toBe(true);
  });

  it("bitsandbytes' compiled CPU kernel differs from its torch kernel by one code on 4 of 2,537 nested codes", () => {
    const nested = data.cases.flatMap((c) => c.variants.filter((v) => v.compress_statistics));
    const codes = nested.reduce((s, v) => s + Buffer.from(v.absmax_b64, 'base64').length, 0);
    const differ = nested.flatMap((v) => v.native_absmax_codes_differ ?? []);
    expect([differ.length, codes]).toEqual([4, 2537]);
    for (const [, native, torch] of differ) expect(Math.abs(native - torch)).toBe(1);
  });

  describe.each(data.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const input = inputOf(c);
    it.each(c.variants.map((v) => [v.blocksize, v.compress_statistics, v] as const))(
      'blocksize %i, compress_statistics %s: bit for bit',
      (blocksize, compressStatistics, v) => {
        const state = quantize4bit(input, { blocksize, compressStatistics, quantType: 'nf4' });
        expect(state.packed.length).toBe(v.packed_bytes);
        expect(Buffer.from(state.packed.subarray(0, 32)).toString('hex')).toBe(v.packed_head_hex);
        expect(sha256(state.packed)).toBe(v.packed_sha256);
        if (compressStatistics) {
          expect(state.offset).toBe(f32FromHex(v.offset_hex!));
          expect(state.absmax).toBeInstanceOf(Uint8Array);
          const codes = state.absmax as Uint8Array;
          const expected = bytesOf(v.absmax_b64);
          const wrong = Array.from(codes).flatMap((q, i) => (q === expected[i] ? [] : [i]));
          expect(wrong).toEqual([]);
          expect(codes.length).toBe(expected.length);
          expect(bitMismatches(state.nestedAbsmax!, f32Of(v.nested_absmax_b64!))).toEqual([]);
          // where bitsandbytes' compiled CPU kernel rounds an absmax code the other way, we follow its torch kernel
          for (const [i, native, torch] of v.native_absmax_codes_differ ?? []) {
            expect(codes[i]).toBe(torch);
            expect(codes[i]).not.toBe(native);
          }
        } else {
          expect(bitMismatches(state.absmax as Float32Array, f32Of(v.absmax_b64))).toEqual([]);
        }
        expect(sha256(dequantize4bit(state))).toBe(v.dequantized_sha256);
      },
    );
  });
});
