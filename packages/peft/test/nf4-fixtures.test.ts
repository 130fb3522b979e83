// NF4 against bitsandbytes 0.50.2.dev0 (commit 95f9af3, pure-torch CPU kernels): every case in
// ../shared/fixtures/nf4 must match bit for bit — packed bytes, absmax, nested absmax, dequantized values.
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dequantize4bit, quantStateBytes, quantize4bit, torchMeanFloat32 } from '../src/index.js';
import { DYNAMIC_BOUNDS, DYNAMIC_CODE, NF4_BOUNDS, NF4_CODE } from '../src/quantization/nf4/tables.js';
import { NF4_FIXTURES, bitMismatches, decodeF32, decodeU8, f32FromHex } from './support/fixtures.js';

const tables = JSON.parse(readFileSync(resolve(NF4_FIXTURES, 'nf4_tables.json'), 'utf8'));
const cases = readdirSync(NF4_FIXTURES)
  .filter((f) => f.endsWith('.json') && f !== 'nf4_tables.json')
  .map((f) => JSON.parse(readFileSync(resolve(NF4_FIXTURES, f), 'utf8')));

describe('NF4 tables (bitsandbytes get_4bit_type / create_dynamic_map)', () => {
  it.each([
    ['nf4_code', NF4_CODE],
    ['nf4_quantize_bounds', NF4_BOUNDS],
    ['dynamic_code_for_nested_absmax', DYNAMIC_CODE],
    ['dynamic_quantize_bounds', DYNAMIC_BOUNDS],
  ] as const)('%s is bit-identical', (name, table) => {
    const expected = Float32Array.from(tables[name].float32_hex_le.map(f32FromHex));
    expect(bitMismatches(table, expected)).toEqual([]);
  });
});

describe.each(cases.map((c) => [c.name, c]))('NF4 fixture %s', (_name, c) => {
  const input = decodeF32(c.input);
  const plain = c.variants.compress_statistics_false;
  const nested = c.variants.compress_statistics_true;

  it('plain: packed, absmax and dequantized match bit for bit', () => {
    const state = quantize4bit(input, { blocksize: c.blocksize, quantType: 'nf4' });
    expect(Buffer.from(state.packed).equals(Buffer.from(decodeU8(plain.packed)))).toBe(true);
    expect(bitMismatches(state.absmax as Float32Array, decodeF32(plain.quant_state.absmax))).toEqual([]);
    expect(bitMismatches(dequantize4bit(state), decodeF32(plain.dequantized))).toEqual([]);
    expect(quantStateBytes(state)).toBe(
      plain.bytes.packed_data_bytes + plain.bytes['statistics_bytes(absmax[+nested_absmax+offset])'],
    );
  });

  it('double quantization with the recorded offset: codes, nested absmax, dequantized match bit for bit', () => {
    const offset = f32FromHex(nested.quant_state.offset.float32_hex_le);
    const state = quantize4bit(input, {
      blocksize: c.blocksize,
      compressStatistics: true,
      quantType: 'nf4',
      offset,
    });
    expect(state.offset).toBe(offset);
    expect(Buffer.from(state.packed).equals(Buffer.from(decodeU8(nested.packed)))).toBe(true);
    expect(
      Buffer.from(state.absmax as Uint8Array).equals(Buffer.from(decodeU8(nested.quant_state.absmax))),
    ).toBe(true);
    expect(bitMismatches(state.nestedAbsmax!, decodeF32(nested.quant_state.state2.absmax))).toEqual([]);
    expect(bitMismatches(dequantize4bit(state), decodeF32(nested.dequantized))).toEqual([]);
    expect(quantStateBytes(state)).toBe(
      nested.bytes.packed_data_bytes + nested.bytes['statistics_bytes(absmax[+nested_absmax+offset])'],
    );
  });

  it("double quantization's default offset reproduces torch's float32 absmax.mean()", () => {
    const raw = decodeF32(nested.quant_state.debug_raw_absmax_before_double_quant);
    const offset = f32FromHex(nested.quant_state.offset.float32_hex_le);
    expect(torchMeanFloat32(raw)).toBe(offset);
    const state = quantize4bit(input, { blocksize: c.blocksize, compressStatistics: true });
    expect(state.offset).toBe(offset);
    expect(bitMismatches(dequantize4bit(state), decodeF32(nested.dequantized))).toEqual([]);
  });
});
