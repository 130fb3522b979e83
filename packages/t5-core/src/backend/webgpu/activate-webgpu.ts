// Brings up tfjs-backend-webgpu under Node on Dawn's bindings (npm `webgpu`): installs `navigator.gpu` and the
// WebGPU globals, insists on a hardware adapter unless a software one was asked for, then lets tfjs register and
// initialise its webgpu backend.
import * as tf from '@tensorflow/tfjs-core';
import { BackendError } from '../../errors/t5-core-error.js';
import { registerWebGpuPhiloxKernel } from '../random/philox-random.js';
import type { WebGpuUtil } from '../random/philox-wgsl.js';
import { VULKAN_LOADER_HINT, findVulkanLoader } from './find-vulkan-loader.js';
import { registerWebGpuCrossEntropyKernels } from './register-cross-entropy-kernels.js';
import { registerWebGpuRowKernels } from './register-row-kernels.js';
import { type WatchableDevice, watchWebGpuDevice } from './watch-device.js';

/** What `requestAdapter` told us about the adapter tfjs will use. */
export interface WebGpuAdapterInfo {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** True for a software rasteriser (SwiftShader, lavapipe/llvmpipe) or any fallback adapter. */
  software: boolean;
}

/** The slice of Dawn's `GPUAdapter` read here. */
interface GpuAdapterLike {
  info?: Partial<Record<'vendor' | 'architecture' | 'device' | 'description', string>> & {
    isFallbackAdapter?: boolean;
  };
  isFallbackAdapter?: boolean;
}

interface GpuLike {
  requestAdapter(options?: { powerPreference?: string }): Promise<GpuAdapterLike | null>;
}

interface DawnModule {
  create(flags: string[]): GpuLike;
  globals: Record<string, unknown>;
}

/** Options of {@link activateWebGpu}. */
export interface ActivateWebGpuOptions {
  /** Accept a software adapter (only when the user asked for webgpu by name). */
  allowSoftware: boolean;
  /** Loads a package; injectable for tests. */
  importer: (packageName: string) => Promise<unknown>;
}

// Names of CPU-only Vulkan implementations, as Dawn reports them in the adapter info.
const SOFTWARE_ADAPTER = /swiftshader|llvmpipe|lavapipe|softpipe|software/i;

/** Reads the adapter's identity and whether it is a software rasteriser. */
export function describeAdapter(adapter: GpuAdapterLike): WebGpuAdapterInfo {
  const info = adapter.info ?? {};
  const vendor = info.vendor ?? '';
  const architecture = info.architecture ?? '';
  const device = info.device ?? '';
  const description = info.description ?? '';
  const fallback = info.isFallbackAdapter === true || adapter.isFallbackAdapter === true;
  const software = fallback || SOFTWARE_ADAPTER.test(`${vendor} ${architecture} ${device} ${description}`);
  return { vendor, architecture, device, description, software };
}

/** A one-line name for logs: `nvidia hopper (NVIDIA H200)`. */
export function adapterLabel(info: WebGpuAdapterInfo): string {
  const name = [info.vendor, info.architecture].filter(Boolean).join(' ') || 'unknown adapter';
  return info.description ? `${name} (${info.description})` : name;
}

let installedGpu: GpuLike | null = null;

/** Test hook: forgets the GPU object installed by an earlier activation (and removes `navigator.gpu`). */
export function uninstallNavigatorGpu(): void {
  const scope = globalThis as { navigator?: { gpu?: unknown } };
  if (installedGpu !== null && scope.navigator?.gpu === installedGpu) {
    Reflect.deleteProperty(scope.navigator, 'gpu');
  }
  installedGpu = null;
}

/** Creates Dawn's GPU object once per process and exposes it where tfjs-backend-webgpu looks for it. */
async function installNavigatorGpu(importer: ActivateWebGpuOptions['importer']): Promise<GpuLike> {
  const scope = globalThis as { navigator?: { gpu?: unknown } } & Record<string, unknown>;
  if (scope.navigator?.gpu !== undefined) return scope.navigator.gpu as GpuLike;
  if (installedGpu !== null) return installedGpu;
  let dawn: DawnModule;
  try {
    dawn = (await importer('webgpu')) as DawnModule;
  } catch (error) {
    throw new BackendError(
      `npm package "webgpu" (Dawn's Node bindings) is not installed or its dawn.node failed to load: ${firstLine(error)}; npm install webgpu @tensorflow/tfjs-backend-webgpu`,
    );
  }
  // GPUBufferUsage, GPUMapMode, GPUShaderStage, ...: tfjs-backend-webgpu refers to them as globals.
  for (const [name, value] of Object.entries(dawn.globals)) if (!(name in scope)) scope[name] = value;
  const gpu = dawn.create([]);
  if (scope.navigator === undefined) {
    scope.navigator = { gpu };
  } else {
    // Node 21+ has a navigator object of its own: add gpu to it.
    Object.defineProperty(scope.navigator, 'gpu', { value: gpu, configurable: true, enumerable: true });
  }
  installedGpu = gpu;
  return gpu;
}

/** Why no adapter came back, with what to install. */
function noAdapterReason(): string {
  if (process.platform === 'linux' && findVulkanLoader() === null) {
    return `no Vulkan loader: ${VULKAN_LOADER_HINT}`;
  }
  const drivers = process.env.VK_DRIVER_FILES ?? process.env.VK_ICD_FILENAMES;
  return `no WebGPU adapter found${drivers ? ` (VK_DRIVER_FILES=${drivers})` : ''}: is a GPU driver with Vulkan (Linux), Metal (macOS) or D3D12 (Windows) support installed?`;
}

/**
 * Activates tfjs' webgpu backend on Dawn. Throws, with a reason naming what is missing, when the `webgpu` or
 * `@tensorflow/tfjs-backend-webgpu` package is absent, the Vulkan loader is missing, no adapter is found, or only a
 * software adapter is found and `allowSoftware` is false.
 *
 * @returns the adapter in use
 */
export async function activateWebGpu(options: ActivateWebGpuOptions): Promise<WebGpuAdapterInfo> {
  const gpu = await installNavigatorGpu(options.importer);
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (adapter === null) throw new BackendError(noAdapterReason());
  const info = describeAdapter(adapter);
  if (info.software && !options.allowSoftware) {
    throw new BackendError(
      `only a software adapter was found (${adapterLabel(info)}), far slower than wasm; set T5SQL_BACKEND=webgpu to use it anyway`,
    );
  }
  let backendModule: { webgpu_util?: WebGpuUtil };
  try {
    backendModule = (await options.importer('@tensorflow/tfjs-backend-webgpu')) as {
      webgpu_util?: WebGpuUtil;
    };
  } catch (error) {
    throw new BackendError(
      `npm package "@tensorflow/tfjs-backend-webgpu" is not installed: ${firstLine(error)}; npm install @tensorflow/tfjs-backend-webgpu webgpu`,
    );
  }
  if (tf.findBackendFactory('webgpu') === null) {
    throw new BackendError('@tensorflow/tfjs-backend-webgpu loaded but registered no "webgpu" backend');
  }
  if (!(await tf.setBackend('webgpu'))) {
    throw new BackendError(`tf.setBackend('webgpu') failed on ${adapterLabel(info)}`);
  }
  // Random numbers drawn on the GPU (dropout, init) instead of on the host and uploaded.
  if (backendModule.webgpu_util !== undefined) {
    registerWebGpuPhiloxKernel(backendModule.webgpu_util);
    // T5's layer norm fused: 1 kernel forward, 3 backward (of ~6 and ~15 taped ops).
    registerWebGpuRowKernels(backendModule.webgpu_util);
    // The token cross-entropy: one pass over the [rows, vocab] logits each way.
    registerWebGpuCrossEntropyKernels(backendModule.webgpu_util);
  }
  const device = (tf.backend() as unknown as { device?: WatchableDevice }).device;
  if (device !== undefined) watchWebGpuDevice(device);
  webGpuAdapter = info;
  return info;
}

let webGpuAdapter: WebGpuAdapterInfo | null = null;

/** The adapter the webgpu backend was activated on, or null before {@link activateWebGpu} succeeded. */
export function activeWebGpuAdapter(): WebGpuAdapterInfo | null {
  return webGpuAdapter;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
