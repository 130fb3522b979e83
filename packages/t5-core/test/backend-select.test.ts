import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
// selectBackend's fallback order and its error on an explicit choice, with an injected importer standing in for
// the native packages (tfjs-node cannot be installed here: its install script downloads libtensorflow).
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend, selectBackendDetailed } from '../src/backend/index.js';

const missing = (name: string) => Promise.reject(new Error(`Cannot find package '${name}'`));

describe('selectBackend', () => {
  const savedEnv = process.env.T5SQL_BACKEND;
  beforeAll(() => {
    Reflect.deleteProperty(process.env, 'T5SQL_BACKEND');
  });
  afterEach(async () => {
    if (savedEnv === undefined) Reflect.deleteProperty(process.env, 'T5SQL_BACKEND');
    else process.env.T5SQL_BACKEND = savedEnv;
    await tf.setBackend('cpu');
  });

  it('skips packages that fail to import, keeping the reason, and settles on wasm', async () => {
    const tried: string[] = [];
    const importer = (name: string) => {
      tried.push(name);
      if (name === '@tensorflow/tfjs-node')
        return Promise.reject(new Error('libtensorflow.so.2: cannot open'));
      if (name.startsWith('@tensorflow/tfjs-node')) return missing(name);
      return import(name);
    };
    const lines: string[] = [];
    const name = await selectBackend({ importer, log: (l) => lines.push(l) });
    expect(name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(tried).toEqual([
      '@tensorflow/tfjs-node-gpu',
      '@tensorflow/tfjs-node',
      '@tensorflow/tfjs-backend-wasm',
    ]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('wasm');
    expect(lines[0]).toContain('libtensorflow.so.2');
    // Choosing wasm registered the training kernels it lacks.
    expect(tf.getKernel('UnsortedSegmentSum', 'wasm')).toBeDefined();
  });

  it('prefers tfjs-node when it loads', async () => {
    // Stand-in for tfjs-node: registers a backend named 'tensorflow'.
    const importer = async (name: string) => {
      if (name === '@tensorflow/tfjs-node') {
        if (!tf.findBackendFactory('tensorflow'))
          tf.registerBackend('tensorflow', () => new MathBackendCPU(), 0);
        return {};
      }
      return missing(name);
    };
    const { candidate, skipped } = await selectBackendDetailed({ importer });
    expect(candidate.name).toBe('tensorflow');
    expect(skipped.map((s) => s.candidate.name)).toEqual(['tensorflow-gpu']);
    expect(tf.getBackend()).toBe('tensorflow');
    tf.removeBackend('tensorflow');
  });

  it('falls through to cpu when nothing else loads', async () => {
    const importer = (name: string) => (name.endsWith('cpu') ? import(name) : missing(name));
    expect(await selectBackend({ importer, quiet: true })).toBe('cpu');
  });

  it('T5SQL_BACKEND forces a backend, and a failing forced choice is an error, not a fallback', async () => {
    process.env.T5SQL_BACKEND = 'cpu';
    expect(await selectBackend({ quiet: true })).toBe('cpu');
    process.env.T5SQL_BACKEND = 'tensorflow';
    await expect(selectBackend({ quiet: true, importer: missing })).rejects.toThrow(
      /backend "tensorflow" \(@tensorflow\/tfjs-node\) was requested but failed: Cannot find package/,
    );
  });

  it('the prefer option wins over the environment and names unknown backends', async () => {
    process.env.T5SQL_BACKEND = 'cpu';
    expect(await selectBackend({ prefer: 'wasm', quiet: true })).toBe('wasm');
    await expect(selectBackend({ prefer: 'webgpu', quiet: true })).rejects.toThrow(
      /unknown backend "webgpu"; expected one of tensorflow-gpu, tensorflow, wasm, cpu/,
    );
  });

  it('reports every reason when no backend loads', async () => {
    await expect(selectBackend({ importer: missing, quiet: true })).rejects.toThrow(
      /no TensorFlow.js backend could be loaded .*@tensorflow\/tfjs-backend-cpu: Cannot find package/,
    );
  });
});
