import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
// selectBackend's fallback order and its error on an explicit choice, with an injected importer standing in for
// the native packages (tfjs-node cannot be installed here: its install script downloads libtensorflow).
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBackend, selectBackend, selectBackendDetailed } from '../src/backend/index.js';
import { describeAdapter, uninstallNavigatorGpu } from '../src/backend/webgpu/activate-webgpu.js';
import { T5ForConditionalGeneration } from '../src/model/index.js';

/** A stand-in for Dawn's `webgpu` package whose only adapter is the one given (null: none). */
function fakeDawn(adapterInfo: Record<string, unknown> | null) {
  return {
    globals: {},
    create: () => ({
      requestAdapter: async () => (adapterInfo === null ? null : { info: adapterInfo }),
    }),
  };
}

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
    uninstallNavigatorGpu();
  });

  it('skips packages that fail to import, keeping the reason, and settles on wasm', async () => {
    const tried: string[] = [];
    const importer = (name: string) => {
      tried.push(name);
      if (name === 'webgpu') return missing(name);
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
      'webgpu',
      '@tensorflow/tfjs-node',
      '@tensorflow/tfjs-backend-wasm',
    ]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('wasm');
    expect(lines[0]).toContain('libtensorflow.so.2');
    expect(lines[0]).toMatch(/webgpu \(npm package "webgpu" \(Dawn's Node bindings\) is not installed/);
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
    expect(skipped.map((s) => s.candidate.name)).toEqual(['tensorflow-gpu', 'webgpu']);
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
    await expect(selectBackend({ prefer: 'metal', quiet: true })).rejects.toThrow(
      /unknown backend "metal"; expected one of tensorflow-gpu, webgpu, tensorflow, wasm, cpu/,
    );
  });

  it('reports every reason when no backend loads', async () => {
    await expect(selectBackend({ importer: missing, quiet: true })).rejects.toThrow(
      /no TensorFlow.js backend could be loaded .*@tensorflow\/tfjs-backend-cpu: Cannot find package/,
    );
  });

  it('automatic selection passes over a software WebGPU adapter (SwiftShader), saying so, and takes wasm', async () => {
    const swiftshader = {
      vendor: 'google',
      architecture: 'swiftshader',
      device: 'swiftshader-device-subzero-',
      description: 'SwiftShader driver 5.0.0',
      isFallbackAdapter: true,
    };
    const importer = (name: string) => {
      if (name === 'webgpu') return Promise.resolve(fakeDawn(swiftshader));
      if (name.startsWith('@tensorflow/tfjs-node')) return missing(name);
      return import(name);
    };
    const { candidate, skipped } = await selectBackendDetailed({ importer });
    expect(candidate.name).toBe('wasm');
    const webgpu = skipped.find((s) => s.candidate.name === 'webgpu');
    expect(webgpu?.reason).toMatch(
      /only a software adapter was found \(google swiftshader \(SwiftShader driver 5\.0\.0\)\)/,
    );
  });

  it('a WebGPU adapter that never comes back is a skip reason naming what to install', async () => {
    const importer = (name: string) => {
      if (name === 'webgpu') return Promise.resolve(fakeDawn(null));
      if (name.startsWith('@tensorflow/tfjs-node')) return missing(name);
      return import(name);
    };
    const { skipped } = await selectBackendDetailed({ importer });
    expect(skipped.find((s) => s.candidate.name === 'webgpu')?.reason).toMatch(
      /no Vulkan loader: install the Vulkan loader libvulkan\.so\.1 \(Debian\/Ubuntu: apt-get install libvulkan1|no WebGPU adapter found/,
    );
  });

  it('a hardware adapter without @tensorflow/tfjs-backend-webgpu names the missing package', async () => {
    const importer = (name: string) => {
      if (name === 'webgpu') return Promise.resolve(fakeDawn({ vendor: 'nvidia', architecture: 'hopper' }));
      return missing(name);
    };
    await expect(selectBackend({ prefer: 'webgpu', importer, quiet: true })).rejects.toThrow(
      /backend "webgpu" \(@tensorflow\/tfjs-backend-webgpu\) was requested but failed: npm package "@tensorflow\/tfjs-backend-webgpu" is not installed/,
    );
  });

  it('tells software adapters from hardware ones by the fallback flag or the driver name', () => {
    expect(describeAdapter({ info: { vendor: 'nvidia', architecture: 'hopper' } }).software).toBe(false);
    expect(
      describeAdapter({ info: { vendor: 'mesa', description: 'llvmpipe (LLVM 15.0.6, 256 bits)' } }).software,
    ).toBe(true);
    expect(describeAdapter({ info: { vendor: 'x', isFallbackAdapter: true } }).software).toBe(true);
    expect(describeAdapter({ isFallbackAdapter: true }).software).toBe(true);
  });

  it('fromConfig with no backend chosen selects one instead of failing with "No backend found"', async () => {
    tf.engine().reset(); // as in a fresh process: backends registered, none chosen
    expect((tf.engine() as unknown as { backendName: string | null }).backendName).toBeNull();
    process.env.T5SQL_BACKEND = 'cpu';
    const model = await T5ForConditionalGeneration.fromConfig(
      { d_model: 8, d_ff: 16, d_kv: 4, num_heads: 2, num_layers: 1, vocab_size: 16 },
      { seed: 1 },
    );
    expect(tf.getBackend()).toBe('cpu');
    model.dispose();
    // An active backend is kept as it is.
    await tf.setBackend('wasm');
    expect(await ensureBackend({ quiet: true })).toBe('wasm');
  });
});
