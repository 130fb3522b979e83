import type { ProgressReporter } from '@t5sql/common';
import type { ProfileSpec } from '../experiments/profiles.js';
import type { ExperimentResult } from '../experiments/result.js';
import type { ExperimentSpec } from '../experiments/types.js';
import type { DatasetFingerprint } from '../manifest/fingerprint-file.js';
import type { MemoryTracker } from '../manifest/memory-tracker.js';

/** What the runner hands an engine for one experiment. */
export interface EngineRunContext {
  profile: ProfileSpec;
  /** The run seed; engines derive per-purpose seeds from it with @t5sql/common's `derivePurposeSeed`. */
  seed: number;
  /** This experiment's own folder (adapters, checkpoints). */
  outDir: string;
  /** Shared cache (pretrained local models), reused across runs. */
  cacheDir: string;
  memory: MemoryTracker;
  /** A progress display for `total` units of work (its label shown first); the trainer can draw on it. */
  progress(label: string, total: number): ProgressReporter;
  log(message: string): void;
}

/** What an engine reports for one experiment; the runner adds ids, timings and the manifest. */
export interface EngineOutput
  extends Pick<
    ExperimentResult,
    | 'modelDescription'
    | 'methodDescription'
    | 'dataDescription'
    | 'metrics'
    | 'trainableParams'
    | 'totalParams'
    | 'lossCurve'
    | 'evalLoss'
    | 'samples'
  > {
  datasets: DatasetFingerprint[];
  trainSeconds: number;
  evalSeconds: number;
}

/**
 * Does the actual work of an experiment (load data and model, adapt, train, generate, score). The runner is
 * engine-agnostic so it can be tested with a fake and so the tfjs engine stays one module.
 */
export interface ExperimentEngine {
  /** tfjs backend name the engine runs on. */
  readonly backend: string;
  /** Throws a {@link RequirementError} when the profile cannot run here (e.g. `paper` without GPU or hub). */
  checkRequirements(profile: ProfileSpec): Promise<void>;
  runExperiment(spec: ExperimentSpec, ctx: EngineRunContext): Promise<EngineOutput>;
}
