// The one run-manifest schema: what the bench harness writes beside each experiment's result (`manifest.json`)
// and what `t5sql train` writes into its --output (`run-manifest.json`). One schema version, one writer, one
// reader, which also reads the files of the versions before it.
import { existsSync } from 'node:fs';
import { readJsonFileSync, writeJsonAtomicSync } from '@t5sql/common';
import { RunManifestError } from '../errors.js';
import type { ExperimentResult } from '../experiments/result.js';
import type { ExperimentSpec, MethodSpec } from '../experiments/types.js';
import type { ExamplesFingerprint } from './fingerprint-examples.js';
import type { DatasetFingerprint } from './fingerprint-file.js';
import type { PeakMemory } from './memory-tracker.js';
import type { RunEnvironment } from './run-environment.js';

/**
 * The schema version every manifest is written with. 1 was the harness's `manifest.json` and 2 `t5sql train`'s
 * `run-manifest.json`, each with its own writer; 3 is both, told apart by `kind`. {@link readRunManifest} reads
 * all three.
 */
export const RUN_MANIFEST_SCHEMA_VERSION = 3;

/** What every manifest holds: its version and kind, where the run ran, when, and what it trained. */
interface ManifestCommon extends RunEnvironment {
  schemaVersion: typeof RUN_MANIFEST_SCHEMA_VERSION;
  startedAt: string;
}

/** Everything needed to say what one experiment of the harness was and to run it again (`manifest.json`). */
export interface BenchRunManifest extends ManifestCommon {
  kind: 'bench';
  experiment: ExperimentSpec;
  profile: string;
  seed: number;
  datasets: DatasetFingerprint[];
  finishedAt: string;
  timings: ExperimentResult['timings'];
  peakMemory: PeakMemory;
  metrics: ExperimentResult['metrics'];
  trainable: { params: number; total: number; percent: number };
}

/** What defines a training run. A resume must keep every one, except that `epochs` and `maxSteps` may grow. */
export interface TrainRunSettings {
  /** The base model: a folder, a hub id, or a description of the random weights. */
  model: string;
  method: MethodSpec;
  /** The run seed (weight init, adapter init, dropout, data order, the `limit` sample). */
  seed: number;
  optimizer: string;
  learningRate: number;
  batchSize: number;
  epochs: number;
  /** `null`: run `epochs` epochs. */
  maxSteps: number | null;
  template: string;
  /** How the SQL targets were spelled (`t5-escape` or `none`, see @t5sql/datasets' `encodeSqlTarget`). */
  sqlEncoding: string;
  maxSourceLength: number;
  maxTargetLength: number;
  dataset: string;
  split: string;
  /** Size of the seeded sample of records; `null`: all records. */
  limit: number | null;
}

/** One setting that differs between a checkpoint and the resume that continues from it. */
export interface SettingChange {
  setting: keyof TrainRunSettings;
  from: unknown;
  to: unknown;
}

/** A start, resume, finish or failure of a training run, as kept in its manifest's history. */
export interface TrainRunEvent {
  event: 'start' | 'resume' | 'finish' | 'fail';
  /** ISO time. */
  at: string;
  /** Updates done at that moment. */
  step: number;
  /** `start` / `resume`: the command line. */
  command?: string[];
  /** `resume`: the checkpoint folder it continued from. */
  checkpoint?: string;
  /** `resume`: the settings it changed (only growth of `epochs` / `maxSteps` is allowed). */
  changes?: SettingChange[];
  /** `fail`: the error message. */
  error?: string;
}

/**
 * `run-manifest.json` of `t5sql train`: written when the run starts or resumes (`running`) and again when it
 * finishes or fails, so a killed run still says what it was.
 */
export interface TrainRunManifest extends ManifestCommon {
  kind: 'train';
  status: 'running' | 'finished' | 'failed';
  /** The command line of the latest start or resume. */
  command: string[];
  settings: TrainRunSettings;
  data: { records: number; truncated: number; fingerprint: ExamplesFingerprint };
  trainable: { params: number; total: number };
  /** Every start, resume, finish and failure of the run, oldest first. */
  history: TrainRunEvent[];
  /** Whether the latest session continued from a checkpoint. */
  resumed: boolean;
  /** Of the latest session (as `startedAt`); `finishedAt`, `seconds` and the rest stay `null` until it ends. */
  finishedAt: string | null;
  seconds: number | null;
  peakMemory: PeakMemory | null;
  finalLoss: number | null;
  tokensPerSecond: number | null;
  /** Loss of every update of the run, resumed sessions included. */
  lossCurve: { step: number; loss: number }[];
  /** Set when `status` is `failed`. */
  error?: string;
}

/** A run manifest of either kind. */
export type RunManifest = BenchRunManifest | TrainRunManifest;

/**
 * Writes `manifest` to `path` atomically (a temporary sibling renamed into place), pretty-printed.
 *
 * @example
 * ```ts
 * declare const manifest: RunManifest;
 * writeRunManifest('runs/t5-small/run-manifest.json', manifest);
 * ```
 */
export function writeRunManifest(path: string, manifest: RunManifest): void {
  writeJsonAtomicSync(path, manifest);
}

/**
 * The manifest in `path`, `undefined` when there is none. Files of schema versions 1 (the harness) and 2
 * (`t5sql train`) come back with their `kind` filled in and every other field as written; the caller checks
 * `kind`. Throws naming the file when it is not JSON, not an object, or of a version this code does not know.
 *
 * @example
 * ```ts
 * const earlier = readRunManifest('runs/t5-small/run-manifest.json');
 * if (earlier?.kind === 'train') console.log(earlier.history.length);
 * ```
 */
export function readRunManifest(path: string): RunManifest | undefined {
  if (!existsSync(path)) return undefined;
  const value = readJsonFileSync(path, { what: 'run manifest' });
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new RunManifestError(`${path}: a run manifest must be a JSON object`);
  const manifest = value as Record<string, unknown>;
  switch (manifest.schemaVersion) {
    case 1:
      return { ...manifest, kind: 'bench' } as unknown as RunManifest;
    case 2:
      return { ...manifest, kind: 'train' } as unknown as RunManifest;
    case RUN_MANIFEST_SCHEMA_VERSION:
      return manifest as unknown as RunManifest;
    default:
      throw new RunManifestError(
        `${path}: run manifest schemaVersion ${JSON.stringify(manifest.schemaVersion)}; this version of @t5sql/repro reads 1 to ${RUN_MANIFEST_SCHEMA_VERSION}`,
      );
  }
}
