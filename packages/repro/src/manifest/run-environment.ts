// Where a run ran: the tfjs backend and what it guarantees, package versions, git commit and machine. Recorded in
// every run manifest, the harness's and `t5sql train`'s alike.
import { cpus, platform, release, totalmem } from 'node:os';
import { type GitInfo, gitInfo } from './git-commit.js';
import { packageVersions } from './package-versions.js';

/** Packages whose versions every manifest records. */
export const MANIFEST_PACKAGES = [
  '@t5sql/t5-core',
  '@t5sql/peft',
  '@t5sql/datasets',
  '@t5sql/metrics',
  '@t5sql/sql-eval',
  '@tensorflow/tfjs-core',
  '@tensorflow/tfjs-backend-cpu',
  '@tensorflow/tfjs-backend-wasm',
  '@tensorflow/tfjs-node',
  '@tensorflow/tfjs-node-gpu',
  '@tensorflow/tfjs-backend-webgpu',
  'webgpu',
] as const;

/** What the runner knows of the machine. */
export interface MachineInfo {
  platform: string;
  release: string;
  node: string;
  cpus: number;
  cpuModel: string;
  totalMemBytes: number;
}

/** tfjs backend name, and what is known not to be deterministic on it. */
export interface BackendDeterminism {
  name: string;
  deterministic: boolean;
  notes: string;
}

/** The part of every run manifest that says where the run ran. */
export interface RunEnvironment {
  backend: BackendDeterminism;
  /** Versions of {@link MANIFEST_PACKAGES} (and any the caller adds); `null` when not installed. */
  packages: Record<string, string | null>;
  git: GitInfo;
  machine: MachineInfo;
}

/**
 * The environment of a run on tfjs backend `backend`, with the versions of {@link MANIFEST_PACKAGES} as resolved
 * from `fromUrl` (the caller's `import.meta.url`).
 *
 * @example
 * ```ts
 * const environment = runEnvironment('wasm', import.meta.url);
 * environment.backend.deterministic; // true
 * ```
 */
export function runEnvironment(backend: string, fromUrl: string): RunEnvironment {
  return {
    backend: backendDeterminism(backend),
    packages: packageVersions(MANIFEST_PACKAGES, fromUrl),
    git: gitInfo(),
    machine: machineInfo(),
  };
}

/** What the runner knows of the machine. */
export function machineInfo(): MachineInfo {
  const c = cpus();
  return {
    platform: platform(),
    release: release(),
    node: process.version,
    cpus: c.length,
    cpuModel: c[0]?.model ?? 'unknown',
    totalMemBytes: totalmem(),
  };
}

/**
 * What each tfjs backend guarantees about run-to-run equality with the same seed (measured: see the repro
 * package's determinism test and README).
 */
export function backendDeterminism(name: string): BackendDeterminism {
  switch (name) {
    case 'cpu':
      return {
        name,
        deterministic: true,
        notes:
          'Pure JavaScript kernels run in a fixed order: same seed, same loss curve and metrics, bit for bit.',
      };
    case 'wasm':
      return {
        name,
        deterministic: true,
        notes:
          'XNNPACK kernels are deterministic for a fixed thread count; results can differ in the last bits from the ' +
          'cpu backend and between machines with different SIMD support or thread counts.',
      };
    default:
      return {
        name,
        deterministic: false,
        notes:
          'Native (TensorFlow C / CUDA) kernels may reduce in a non-deterministic order (atomics, cuDNN autotuning): ' +
          'runs agree to float tolerance, not bit for bit.',
      };
  }
}
