// Test support: where the shared fixtures live and how their arrays are encoded.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** `../shared` beside the checkout (vitest.shared.ts sets T5SQL_SHARED_DIR). */
export const SHARED_DIR: string = process.env.T5SQL_SHARED_DIR ?? resolve(__dirname, '../../../../../shared');

export const NF4_FIXTURES: string = resolve(SHARED_DIR, 'fixtures/nf4');
export const T5_FIXTURES: string = resolve(SHARED_DIR, 'fixtures/t5');

export function fixturesPresent(dir: string): boolean {
  return existsSync(dir);
}

/** A fixture array: raw little-endian bytes in base64 are the ground truth. */
export interface FixtureArray {
  dtype: string;
  shape: number[];
  numel: number;
  b64: string;
}

export function decodeF32(a: FixtureArray): Float32Array {
  if (a.dtype !== 'float32') throw new Error(`expected a float32 fixture array, found ${a.dtype}`);
  const bytes = Buffer.from(a.b64, 'base64');
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

export function decodeU8(a: FixtureArray): Uint8Array {
  if (a.dtype !== 'uint8') throw new Error(`expected a uint8 fixture array, found ${a.dtype}`);
  return new Uint8Array(Buffer.from(a.b64, 'base64'));
}

/** float32 from little-endian hex, as nf4_tables.json and the offsets are written. */
export function f32FromHex(hex: string): number {
  const bytes = Uint8Array.from(hex.match(/../g)!.map((h) => Number.parseInt(h, 16)));
  return new Float32Array(bytes.buffer)[0];
}

/** Indices where two float32 arrays differ bitwise (NaN payloads compared as bits). */
export function bitMismatches(a: Float32Array, b: Float32Array): number[] {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  const ua = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const ub = new Uint32Array(b.buffer, b.byteOffset, b.length);
  const out: number[] = [];
  for (let i = 0; i < a.length; i++) if (ua[i] !== ub[i]) out.push(i);
  return out;
}
