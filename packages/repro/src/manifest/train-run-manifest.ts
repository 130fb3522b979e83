import { RunManifestError } from '../errors.js';
// The life of `t5sql train`'s run-manifest.json: written `running` when a session starts or resumes, then
// `finished` or `failed`, keeping every earlier session's history; and the settings a resume may change.
import type { MemoryTracker } from './memory-tracker.js';
import type { RunEnvironment } from './run-environment.js';
import {
  RUN_MANIFEST_SCHEMA_VERSION,
  type SettingChange,
  type TrainRunEvent,
  type TrainRunManifest,
  type TrainRunSettings,
  readRunManifest,
  writeRunManifest,
} from './run-manifest.js';

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

/** What {@link TrainRunRecord.begin} records of a session of a training run. */
export interface TrainRunStart {
  /** The run's `run-manifest.json`. */
  path: string;
  /** The command line of this session. */
  command: string[];
  settings: TrainRunSettings;
  data: TrainRunManifest['data'];
  environment: RunEnvironment;
  trainable: TrainRunManifest['trainable'];
  /** When this session started. */
  startedAt: Date;
  /** Started by the caller; stopped when the session ends, for its peak memory. */
  memory: MemoryTracker;
  /** The checkpoint this session continues from; absent for a run from step 0. */
  resume?: {
    checkpoint: string;
    /** Updates done at the checkpoint. */
    step: number;
    /** Settings this session grew (see {@link diffTrainRunSettings}). */
    changes: SettingChange[];
    /** The loss of every update up to the checkpoint. */
    lossCurve: TrainRunManifest['lossCurve'];
  };
  /** Told when the manifest of the run being resumed cannot be read (its history of sessions is then lost). */
  warn: (line: string) => void;
}

/**
 * A training run's manifest as its session goes: {@link begin} writes it `running` (with the history of the
 * sessions before, when resuming), {@link fail} or {@link finish} write it again when the session ends.
 *
 * @example
 * ```ts
 * declare const settings: TrainRunSettings;
 * declare const trainable: TrainRunManifest['trainable'];
 * declare const runData: TrainRunManifest['data'];
 * const record = TrainRunRecord.begin({ path: 'runs/t5-small/run-manifest.json', command: ['t5sql', 'train'],
 *   settings, data: runData, environment: runEnvironment('wasm', import.meta.url), trainable, startedAt: new Date(),
 *   memory: new MemoryTracker(), warn: console.warn });
 * const history = await trainer.train(data);
 * record.finish({ lossCurve: history.steps, tokensPerSecond: history.tokensPerSecond });
 * ```
 */
export class TrainRunRecord {
  private constructor(
    private readonly path: string,
    private readonly memory: MemoryTracker,
    private readonly startedAt: Date,
    private manifest: TrainRunManifest,
  ) {}

  /** Writes the manifest of a session that starts or resumes a run (`status: 'running'`). */
  static begin(start: TrainRunStart): TrainRunRecord {
    const { resume, command } = start;
    const at = start.startedAt.toISOString();
    const event: TrainRunEvent =
      resume === undefined
        ? { event: 'start', at, step: 0, command }
        : {
            event: 'resume',
            at,
            step: resume.step,
            command,
            checkpoint: resume.checkpoint,
            changes: resume.changes,
          };
    const manifest: TrainRunManifest = {
      schemaVersion: RUN_MANIFEST_SCHEMA_VERSION,
      kind: 'train',
      status: 'running',
      command,
      settings: start.settings,
      data: start.data,
      ...start.environment,
      trainable: start.trainable,
      history: [...(resume !== undefined ? earlierHistory(start.path, start.warn) : []), event],
      resumed: resume !== undefined,
      startedAt: at,
      finishedAt: null,
      seconds: null,
      peakMemory: null,
      finalLoss: null,
      tokensPerSecond: null,
      lossCurve: resume?.lossCurve.map(({ step, loss }) => ({ step, loss })) ?? [],
    };
    const record = new TrainRunRecord(start.path, start.memory, start.startedAt, manifest);
    writeRunManifest(start.path, manifest);
    return record;
  }

  /** The manifest as last written. */
  get current(): TrainRunManifest {
    return this.manifest;
  }

  /** The session failed at update `step` (updates done when it stopped) with `error`. */
  fail(error: string, step: number): TrainRunManifest {
    const manifest: TrainRunManifest = { ...this.manifest, ...this.ended('failed'), error };
    manifest.history = [...manifest.history, { event: 'fail', at: manifest.finishedAt!, step, error }];
    return this.write(manifest);
  }

  /** The session finished: the loss of every update of the run and the session's tokens per second. */
  finish(result: {
    lossCurve: readonly { step: number; loss: number }[];
    tokensPerSecond: number;
  }): TrainRunManifest {
    const lossCurve = result.lossCurve.map(({ step, loss }) => ({ step, loss }));
    const last = this.manifest.history.at(-1)?.step ?? 0;
    const manifest: TrainRunManifest = {
      ...this.manifest,
      ...this.ended('finished'),
      finalLoss: lossCurve.at(-1)?.loss ?? null,
      tokensPerSecond: result.tokensPerSecond,
      lossCurve,
    };
    manifest.history = [
      ...manifest.history,
      { event: 'finish', at: manifest.finishedAt!, step: lossCurve.at(-1)?.step ?? last },
    ];
    return this.write(manifest);
  }

  private ended(status: 'finished' | 'failed'): Partial<TrainRunManifest> {
    const at = new Date();
    return {
      status,
      finishedAt: at.toISOString(),
      seconds: (at.getTime() - this.startedAt.getTime()) / 1000,
      peakMemory: this.memory.stop(),
    };
  }

  private write(manifest: TrainRunManifest): TrainRunManifest {
    this.manifest = manifest;
    writeRunManifest(this.path, manifest);
    return manifest;
  }
}

/** The history of the run being resumed, from its manifest (empty, with a warning, when that is unreadable). */
function earlierHistory(path: string, warn: (line: string) => void): TrainRunEvent[] {
  try {
    const earlier = readRunManifest(path);
    if (earlier === undefined) return [];
    if (earlier.kind !== 'train') throw new RunManifestError(`${path}: not the manifest of a training run`);
    return earlier.history ?? [];
  } catch (error) {
    warn(`warning: ${(error as Error).message}; its history of starts and resumes is lost`);
    return [];
  }
}
