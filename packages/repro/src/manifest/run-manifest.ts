import { cpus, platform, release, totalmem } from 'node:os';
import type { ExperimentResult } from '../experiments/result.js';
import type { ExperimentSpec } from '../experiments/types.js';
import type { DatasetFingerprint } from './fingerprint-file.js';
import type { GitInfo } from './git-commit.js';
import type { PeakMemory } from './memory-tracker.js';

/** Everything needed to say what one run was and to run it again. Written as `manifest.json` beside the result. */
export interface RunManifest {
  schemaVersion: 1;
  experiment: ExperimentSpec;
  profile: string;
  seed: number;
  /** tfjs backend name, and what is known not to be deterministic on it. */
  backend: { name: string; deterministic: boolean; notes: string };
  packages: Record<string, string | null>;
  git: GitInfo;
  machine: {
    platform: string;
    release: string;
    node: string;
    cpus: number;
    cpuModel: string;
    totalMemBytes: number;
  };
  datasets: DatasetFingerprint[];
  startedAt: string;
  finishedAt: string;
  timings: ExperimentResult['timings'];
  peakMemory: PeakMemory;
  metrics: ExperimentResult['metrics'];
  trainable: { params: number; total: number; percent: number };
}

/** What the runner knows of the machine. */
export function machineInfo(): RunManifest['machine'] {
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
export function backendDeterminism(name: string): RunManifest['backend'] {
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
