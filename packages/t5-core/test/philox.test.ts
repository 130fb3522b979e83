// Philox4x32-10 against the Random123 known-answer vectors, and the device-side draw (the WGSL program on webgpu,
// JS elsewhere) equal to the reference arithmetic bit for bit on every backend this suite runs on.
import { deriveIndexSeed } from '@t5sql/common';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { philox4x32, philoxRandomNormal, philoxRandomUniform, philoxUniform } from '../src/backend/index.js';
import { createForwardContext } from '../src/model/forward-context.js';
import { TEST_BACKENDS, useBackend } from './support/backends.js';

const hex = (words: number[]) => words.map((w) => w.toString(16).padStart(8, '0'));

describe('Philox4x32-10 reference arithmetic', () => {
  it('matches the Random123 known-answer vectors', () => {
    expect(hex(philox4x32(0, 0, 0))).toEqual(['6627e8d5', 'e169c58d', 'bc57ac4c', '9b00dbd8']);
    expect(hex(philox4x32(0xffffffff, 0xffffffff, 0xffffffff, [0xffffffff, 0xffffffff, 0xffffffff]))).toEqual(
      ['408f276d', '41c83b0e', 'a20bc7c6', '6d5451fd'],
    );
    expect(hex(philox4x32(0x243f6a88, 0xa4093822, 0x299f31d0, [0x85a308d3, 0x13198a2e, 0x03707344]))).toEqual(
      ['d16cfe09', '94fdcceb', '5001e420', '24126ea1'],
    );
  });

  it('gives uniforms in [0, 1) with the mean and variance of U(0, 1), and streams that differ', () => {
    const u = philoxUniform(100_000, 7);
    let sum = 0;
    let sq = 0;
    for (const v of u) {
      expect(v >= 0 && v < 1).toBe(true);
      sum += v;
      sq += v * v;
    }
    const mean = sum / u.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(sq / u.length - mean * mean - 1 / 12)).toBeLessThan(0.002);
    expect(philoxUniform(8, 7, 1)).not.toEqual(philoxUniform(8, 7, 0));
    expect(philoxUniform(8, 8)).not.toEqual(philoxUniform(8, 7));
    // A prefix of a longer draw is the shorter draw: element i depends on (seed, i) only.
    expect(philoxUniform(1001, 3).subarray(0, 37)).toEqual(philoxUniform(37, 3));
  });
});

describe.each(TEST_BACKENDS)('device-side draws on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('uniforms equal the reference arithmetic bit for bit (odd sizes, several seeds)', async () => {
    for (const [shape, seed] of [
      [[3, 5], 1],
      [[1031], 0xdeadbeef],
      [[4, 33, 7], 42],
    ] as const) {
      const t = philoxRandomUniform([...shape], seed);
      const got = (await t.data()) as Float32Array;
      t.dispose();
      expect(Array.from(got)).toEqual(Array.from(philoxUniform(got.length, seed)));
    }
  });

  it('dropout masks are the reference arithmetic bit for bit (so every backend drops the same units)', async () => {
    const rate = 0.1;
    const keep = Math.fround(1 - rate);
    const x = tf.ones([6, 37]);
    const dropped = createForwardContext(true, 1234).dropout(x, rate);
    const got = Array.from((await dropped.data()) as Float32Array);
    tf.dispose([x, dropped]);
    const u = philoxUniform(got.length, deriveIndexSeed(1234, 1)); // the context's first dropout call
    const want = Array.from(u, (v) => Math.fround(Math.floor(Math.fround(v + keep)) / keep));
    expect(got).toEqual(want);
    expect(got.filter((v) => v === 0).length).toBeGreaterThan(0);
  });

  it('the dropout gradient is the same mask times dy (webgpu: drawn again in one fused kernel each way)', async () => {
    const rate = 0.25;
    const keep = Math.fround(1 - rate);
    const x = tf.ones([5, 41]);
    const dy = tf.fill([5, 41], 3);
    const before = tf.memory().numTensors;
    const grad = tf.grad((input: tf.Tensor) => createForwardContext(true, 77).dropout(input, rate))(x, dy);
    const got = Array.from((await grad.data()) as Float32Array);
    grad.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const u = philoxUniform(got.length, deriveIndexSeed(77, 1));
    const want = Array.from(u, (v) => Math.fround(3 * Math.fround(Math.floor(Math.fround(v + keep)) / keep)));
    expect(got).toEqual(want);
    const profile = await tf.profile(() => createForwardContext(true, 77).dropout(x, rate));
    (profile.result as tf.Tensor).dispose();
    // One kernel where the fused one exists; add, floor, div and multiply elsewhere (the draw is host-side JS).
    const names = profile.kernelNames.filter((n) => n !== ''); // customGrad's own (unnamed) step
    expect(names).toEqual(
      backend === 'webgpu' ? ['T5sqlPhiloxDropout'] : ['Add', 'Floor', 'RealDiv', 'Multiply'],
    );
    tf.dispose([x, dy]);
  });

  it('normals have mean 0 and standard deviation 1 (Box-Muller)', async () => {
    const t = philoxRandomNormal([200_000], 0, 1, 9);
    const v = (await t.data()) as Float32Array;
    t.dispose();
    let sum = 0;
    let sq = 0;
    for (const x of v) {
      expect(Number.isFinite(x)).toBe(true);
      sum += x;
      sq += x * x;
    }
    expect(Math.abs(sum / v.length)).toBeLessThan(0.01);
    expect(Math.abs(Math.sqrt(sq / v.length) - 1)).toBeLessThan(0.01);
  });
});
