import { existsSync, readFileSync } from 'node:fs';
import type { MethodSpec } from '../experiments/types.js';
import type { ExamplesFingerprint } from './fingerprint-examples.js';
import type { GitInfo } from './git-commit.js';
import type { PeakMemory } from './memory-tracker.js';
import type { RunManifest } from './run-manifest.js';

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
export interface TrainRunManifest {
  schemaVersion: 2;
  status: 'running' | 'finished' | 'failed';
  /** The command line of the latest start or resume. */
  command: string[];
  settings: TrainRunSettings;
  data: { records: number; truncated: number; fingerprint: ExamplesFingerprint };
  backend: RunManifest['backend'];
  packages: Record<string, string | null>;
  git: GitInfo;
  machine: RunManifest['machine'];
  trainable: { params: number; total: number };
  /** Every start, resume, finish and failure of the run, oldest first. */
  history: TrainRunEvent[];
  /** Whether the latest session continued from a checkpoint. */
  resumed: boolean;
  /** Of the latest session; `finishedAt`, `seconds` and the rest stay `null` until it ends. */
  startedAt: string;
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

/** Settings a resume may raise: more updates on the same run. */
const GROWABLE: ReadonlySet<keyof TrainRunSettings> = new Set(['epochs', 'maxSteps']);

/**
 * Compares the settings a checkpoint was written with (`saved`) and those of a resume (`current`): every
 * difference, each marked `allowed` only when it raises `epochs` or `maxSteps`.
 *
 * @example
 * ```ts
 * const refused = diffTrainRunSettings(saved, current).filter((d) => !d.allowed);
 * ```
 */
export function diffTrainRunSettings(
  saved: TrainRunSettings,
  current: TrainRunSettings,
): { change: SettingChange; allowed: boolean }[] {
  const out: { change: SettingChange; allowed: boolean }[] = [];
  for (const setting of Object.keys(current) as (keyof TrainRunSettings)[]) {
    const from = saved[setting] ?? null;
    const to = current[setting] ?? null;
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    const allowed = GROWABLE.has(setting) && typeof from === 'number' && typeof to === 'number' && to > from;
    out.push({ change: { setting, from, to }, allowed });
  }
  return out;
}

/** The manifest in `path`, `undefined` when there is none; throws naming the file when it is not JSON. */
export function readTrainRunManifest(path: string): Partial<TrainRunManifest> | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Partial<TrainRunManifest>;
  } catch (error) {
    throw new Error(`${path}: not valid JSON (${(error as Error).message})`);
  }
}
