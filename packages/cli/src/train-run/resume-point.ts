// Where `t5sql train --resume` continues from, and whether the command line asks for the same run.
import {
  type ExamplesFingerprint,
  type SettingChange,
  type TrainRunSettings,
  diffTrainRunSettings,
} from '@t5sql/repro';
import {
  type TrainerState,
  checkTrainingCheckpoint,
  findResumableCheckpoint,
  listCheckpoints,
  readTrainerState,
} from '@t5sql/t5-core';
import { CommandError, UsageError } from '../usage-error.js';

/** What `t5sql train` stores in every checkpoint (the trainer's `runInfo`) and checks on resume. */
export interface TrainRunInfo {
  settings: TrainRunSettings;
  data: ExamplesFingerprint;
}

/** The checkpoint a resume continues from, and the checkpoint folders to set aside before it does. */
export interface ResumePoint {
  path: string;
  state: TrainerState;
  /** Newer checkpoints that are damaged, or that belong to the branch a `--resume-from` abandons. */
  setAside: { path: string; why: 'damaged' | 'superseded'; problem?: string }[];
}

/** The command-line option behind each setting, for error messages. */
const FLAGS: Record<keyof TrainRunSettings, string> = {
  model: '--model / --config',
  method: '--method (with --r, --alpha, --lora-dropout, --targets, --virtual-tokens)',
  seed: '--seed',
  optimizer: '--optimizer',
  learningRate: '--lr',
  batchSize: '--batch-size',
  epochs: '--epochs',
  maxSteps: '--max-steps',
  template: '--template',
  sqlEncoding: '--sql-encoding',
  maxSourceLength: '--max-source-length',
  maxTargetLength: '--max-target-length',
  dataset: '--dataset',
  split: '--split',
  limit: '--limit',
};

const show = (v: unknown) => (v === null || v === undefined ? 'none' : JSON.stringify(v));

/**
 * `--resume-from <dir>`: that checkpoint, which must be healthy (checkpoints of higher steps in `checkpointDir`
 * are then superseded). Otherwise the newest healthy checkpoint in `checkpointDir`, newer damaged ones to be set
 * aside. `undefined` when `checkpointDir` holds no checkpoint at all.
 */
export async function findResumePoint(
  checkpointDir: string,
  resumeFrom?: string,
): Promise<ResumePoint | undefined> {
  if (resumeFrom !== undefined) {
    const problem = await checkTrainingCheckpoint(resumeFrom);
    if (problem !== undefined)
      throw new CommandError(`--resume-from ${resumeFrom}: not a usable checkpoint (${problem})`);
    const state = await readTrainerState(resumeFrom);
    const newer = (await listCheckpoints(checkpointDir)).filter((c) => c.step > state.step);
    return { path: resumeFrom, state, setAside: newer.map((c) => ({ path: c.path, why: 'superseded' })) };
  }
  const found = await findResumableCheckpoint(checkpointDir);
  if (found.latest === undefined) {
    if (found.damaged.length === 0) return undefined;
    throw new CommandError(
      `--resume: every checkpoint in ${checkpointDir} is damaged (${found.damaged.map((d) => d.problem).join('; ')}); start over with --overwrite`,
    );
  }
  return {
    path: found.latest.path,
    state: await readTrainerState(found.latest.path),
    setAside: found.damaged.map((d) => ({ path: d.path, why: 'damaged', problem: d.problem })),
  };
}

/**
 * Checks that `current` continues the run saved at `point`: every setting the same except a larger
 * `--max-steps` / `--epochs` (returned, for the manifest's history), and the same training data. Throws naming
 * each changed option with its old and new value.
 */
export function checkResume(point: ResumePoint, current: TrainRunInfo): SettingChange[] {
  const saved = point.state.config?.runInfo as Partial<TrainRunInfo> | undefined;
  if (saved?.settings === undefined || saved.data === undefined) {
    throw new CommandError(
      `${point.path} records no run settings (written by an older t5sql or another program), so a resume cannot be checked against them; start a new run with --overwrite or another --output`,
    );
  }
  const diffs = diffTrainRunSettings(saved.settings, current.settings);
  const refused = diffs.filter((d) => !d.allowed).map((d) => d.change);
  if (refused.length > 0) {
    throw new UsageError(
      [
        ...refused.map(
          (c) =>
            `${FLAGS[c.setting]}: the run being resumed (${point.path}) used ${show(c.from)}, this command asks for ${show(c.to)}`,
        ),
        'A resume continues the same run: only --max-steps and --epochs may grow. For new settings start a new run (--overwrite or another --output).',
      ].join('\n'),
    );
  }
  if (saved.data.sha256 !== current.data.sha256) {
    throw new CommandError(
      `the training data differs from the run being resumed (${point.path}): it was trained on ${saved.data.examples} tokenized examples with sha256 ${saved.data.sha256}, this command gives ${current.data.examples} with sha256 ${current.data.sha256}. With the same options, the data files have changed; resume with the original data, or start a new run (--overwrite or another --output)`,
    );
  }
  return diffs.map((d) => d.change);
}
