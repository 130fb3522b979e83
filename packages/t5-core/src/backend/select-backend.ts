// Picks the fastest TensorFlow.js backend that is installed and works on this machine.
import * as tf from '@tensorflow/tfjs-core';
import { BackendError } from '../errors/t5-core-error.js';
import { registerTrainingGradients } from './gradients/register-training-gradients.js';
import { registerCpuTrainingKernels } from './register-cpu-training-kernels.js';
import { registerWasmTrainingKernels } from './register-wasm-training-kernels.js';
import { activateWebGpu, activeWebGpuAdapter, adapterLabel } from './webgpu/activate-webgpu.js';

/** One backend the selector can try: the package that provides it and the tfjs backend name it registers. */
export interface BackendCandidate {
  /** Short name accepted by `prefer` / `T5SQL_BACKEND`. */
  readonly name: 'tensorflow-gpu' | 'webgpu' | 'tensorflow' | 'wasm' | 'cpu';
  /** npm package imported to register the backend. */
  readonly packageName: string;
  /** Name tfjs registers the backend under (tfjs-node and tfjs-node-gpu both register 'tensorflow'). */
  readonly backendName: string;
}

/**
 * Preference order: native TensorFlow with CUDA, WebGPU on a hardware adapter (Dawn: Vulkan, Metal or D3D12),
 * native TensorFlow, WebAssembly (XNNPACK), plain JavaScript.
 */
export const BACKEND_CANDIDATES: readonly BackendCandidate[] = [
  { name: 'tensorflow-gpu', packageName: '@tensorflow/tfjs-node-gpu', backendName: 'tensorflow' },
  { name: 'webgpu', packageName: '@tensorflow/tfjs-backend-webgpu', backendName: 'webgpu' },
  { name: 'tensorflow', packageName: '@tensorflow/tfjs-node', backendName: 'tensorflow' },
  { name: 'wasm', packageName: '@tensorflow/tfjs-backend-wasm', backendName: 'wasm' },
  { name: 'cpu', packageName: '@tensorflow/tfjs-backend-cpu', backendName: 'cpu' },
];

/** Options of {@link selectBackend}. */
export interface SelectBackendOptions {
  /**
   * Use exactly this backend (`tensorflow-gpu`, `webgpu`, `tensorflow`, `wasm`, `cpu`, or a package name); failing
   * to load it is an error. Defaults to env `T5SQL_BACKEND`, else the first candidate that loads. Only a backend
   * asked for by name may run on a software WebGPU adapter (SwiftShader, lavapipe).
   */
  prefer?: string;
  /** Suppresses the one-line report on stderr. */
  quiet?: boolean;
  /** Loads a package; injectable so the fallback logic can be tested without the native packages. */
  importer?: (packageName: string) => Promise<unknown>;
  /** Where the report goes; defaults to stderr. */
  log?: (line: string) => void;
}

/** The selector's outcome: the tfjs backend in use, and why each better candidate was skipped. */
export interface BackendSelection {
  candidate: BackendCandidate;
  skipped: { candidate: BackendCandidate; reason: string }[];
}

const defaultImporter = (packageName: string): Promise<unknown> => import(packageName);

function findCandidate(choice: string): BackendCandidate {
  const found = BACKEND_CANDIDATES.find((c) => c.name === choice || c.packageName === choice);
  if (!found) {
    const names = BACKEND_CANDIDATES.map((c) => c.name).join(', ');
    throw new BackendError(`T5SQL_BACKEND / prefer: unknown backend "${choice}"; expected one of ${names}`);
  }
  return found;
}

async function activate(
  candidate: BackendCandidate,
  importer: (p: string) => Promise<unknown>,
  requested: boolean,
): Promise<void> {
  if (candidate.name === 'webgpu') {
    // A software adapter is 10-100x slower than wasm: automatic selection takes hardware only.
    await activateWebGpu({ allowSoftware: requested, importer });
    await tf.ready();
    return;
  }
  // tfjs-node-gpu links the CUDA build of libtensorflow: its import fails where CUDA libraries are missing.
  await importer(candidate.packageName);
  // wasm stays single-threaded: tfjs-backend-wasm 4.22 reports WASM_HAS_MULTITHREAD_SUPPORT false under Node
  // (tfjs issue #3830), and forcing it fails because its pthread workers start from blob: URLs, which Node 20's
  // worker_threads rejects (ERR_WORKER_PATH). setThreadsCount is therefore not called.
  if (candidate.backendName === 'wasm') registerWasmTrainingKernels();
  if (candidate.backendName === 'cpu') registerCpuTrainingKernels();
  const ok = await tf.setBackend(candidate.backendName);
  if (!ok) throw new BackendError(`tf.setBackend('${candidate.backendName}') failed to initialise`);
  await tf.ready();
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}

/**
 * Chooses the backend in detail: like {@link selectBackend} but returns which candidates were skipped and why.
 */
export async function selectBackendDetailed(options: SelectBackendOptions = {}): Promise<BackendSelection> {
  registerTrainingGradients();
  const importer = options.importer ?? defaultImporter;
  const choice = options.prefer ?? process.env.T5SQL_BACKEND;
  if (choice !== undefined && choice !== '') {
    const candidate = findCandidate(choice);
    try {
      await activate(candidate, importer, true);
    } catch (error) {
      throw new BackendError(
        `backend "${candidate.name}" (${candidate.packageName}) was requested but failed: ${reasonOf(error)}`,
      );
    }
    return { candidate, skipped: [] };
  }
  const skipped: BackendSelection['skipped'] = [];
  for (const candidate of BACKEND_CANDIDATES) {
    try {
      await activate(candidate, importer, false);
      return { candidate, skipped };
    } catch (error) {
      skipped.push({ candidate, reason: reasonOf(error) });
    }
  }
  const reasons = skipped.map((s) => `${s.candidate.packageName}: ${s.reason}`).join('; ');
  throw new BackendError(
    `no TensorFlow.js backend could be loaded (${reasons}); install @tensorflow/tfjs-backend-wasm`,
  );
}

/**
 * Activates the best TensorFlow.js backend available: `@tensorflow/tfjs-node-gpu` (CUDA), then WebGPU
 * (`@tensorflow/tfjs-backend-webgpu` on the `webgpu` package's Dawn, hardware adapters only), then
 * `@tensorflow/tfjs-node`, then `@tensorflow/tfjs-backend-wasm`, then `@tensorflow/tfjs-backend-cpu`. Each is an
 * optional peer dependency; one that is not installed or fails to load (e.g. libtensorflow missing) is skipped with
 * its reason kept. `prefer` or env `T5SQL_BACKEND` forces one, and then a failure is an error. Also registers the
 * gradients training needs and the wasm / cpu training kernels of the chosen backend. Logs one line to stderr unless `quiet`.
 *
 * @example
 * ```ts
 * const name = await selectBackend(); // "wasm" on a machine without tfjs-node
 * await selectBackend({ prefer: 'cpu', quiet: true });
 * ```
 * @returns the short name of the backend in use (`tensorflow-gpu`, `webgpu`, `tensorflow`, `wasm` or `cpu`).
 */
export async function selectBackend(options: SelectBackendOptions = {}): Promise<string> {
  const { candidate, skipped } = await selectBackendDetailed(options);
  if (!options.quiet) {
    const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
    const forced = (options.prefer ?? process.env.T5SQL_BACKEND ?? '') !== '';
    const why = forced
      ? `requested by ${options.prefer !== undefined ? 'option prefer' : 'T5SQL_BACKEND'}`
      : skipped.length === 0
        ? 'best available'
        : `skipped ${skipped.map((s) => `${s.candidate.name} (${s.reason})`).join(', ')}`;
    const adapter = candidate.name === 'webgpu' ? activeWebGpuAdapter() : null;
    const on = adapter !== null ? ` on ${adapterLabel(adapter)}` : '';
    log(`t5sql: tfjs backend ${candidate.name} [${candidate.packageName}]${on}: ${why}`);
  }
  return candidate.name;
}

/**
 * Makes sure a backend is active: keeps the one already set (by `tf.setBackend` or an earlier selection), otherwise
 * runs {@link selectBackend} (which honours `T5SQL_BACKEND`). Model constructors call this, so a user who never
 * chose a backend gets the best installed one instead of tfjs' "No backend found in registry".
 *
 * @example
 * ```ts
 * const name = await ensureBackend(); // e.g. "wasm"
 * ```
 */
export async function ensureBackend(options: SelectBackendOptions = {}): Promise<string> {
  const active = (tf.engine() as unknown as { backendName: string | null }).backendName;
  if (active !== null && active !== undefined) {
    const match = BACKEND_CANDIDATES.find((c) => c.backendName === active);
    return match?.name ?? active;
  }
  return selectBackend(options);
}
