// Test support for the T5 parity suites: fixture loading and tensor-vs-JSON comparison.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs-core';

/** Nested JSON numbers as HF's `.tolist()` writes them. */
export type Nested = number | Nested[];

/** Flattens nested arrays row-major and returns the shape. */
export function flatten(value: Nested): { data: number[]; shape: number[] } {
  const shape: number[] = [];
  let probe: Nested = value;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    probe = probe[0];
  }
  const data = (value as unknown[]).flat(Number.POSITIVE_INFINITY) as number[];
  return { data: Array.isArray(value) ? data : [value as number], shape };
}

/** Largest |actual - expected|; throws when the shapes differ. */
export async function maxAbsDiff(actual: tf.Tensor, expected: Nested): Promise<number> {
  const { data, shape } = flatten(expected);
  if (actual.shape.length !== shape.length || actual.shape.some((d, i) => d !== shape[i])) {
    throw new Error(`shape mismatch: actual [${actual.shape}] vs expected [${shape}]`);
  }
  const values = await actual.data(); // async: webgpu has no synchronous read under Node
  let worst = 0;
  for (let i = 0; i < data.length; i++) {
    const d = Math.abs(values[i] - data[i]);
    if (!(d <= worst)) worst = Number.isNaN(d) ? Number.POSITIVE_INFINITY : d;
  }
  return worst;
}

/** L2 norm of a tensor's values (float64 accumulation). */
export async function l2Norm(t: tf.Tensor): Promise<number> {
  let sum = 0;
  for (const v of await t.data()) sum += v * v;
  return Math.sqrt(sum);
}

export function readJson<T = Record<string, unknown>>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** Inputs every fixture's expected.json carries. */
export interface FixtureInputs {
  input_ids: number[][];
  attention_mask: number[][];
  decoder_input_ids: number[][];
  labels: number[][];
}

export function fixtureDir(shared: string, name: string): string {
  return join(shared, 'fixtures', 't5', name);
}
