// Gets --output ready for a run of `t5sql train`: refuses to mix two runs in one folder, finds and checks the
// checkpoint a resume continues from, and only then changes the folder (removes a killed run's temporary files,
// the earlier run for --overwrite, sets damaged or superseded checkpoints aside).
import { join } from 'node:path';
import type { SettingChange } from '@t5sql/repro';
import { CommandError, UsageError } from '../usage-error.js';
import { earlierRun, removeEarlierRun, removeLeftovers, setAside } from './output-folder.js';
import { type ResumePoint, type TrainRunInfo, checkResume, findResumePoint } from './resume-point.js';

/** How the command line treats an --output that may hold an earlier run. */
export type OutputMode = 'new' | 'resume' | 'overwrite';

/** Refuses a new run into a folder that holds an earlier one (cheap: call it before loading anything). */
export async function refuseEarlierRun(output: string): Promise<void> {
  const found = await earlierRun(output);
  if (found.length === 0) return;
  const shown = found.length > 4 ? [...found.slice(0, 4), `${found.length - 4} more`] : found;
  throw new UsageError(
    `--output ${output} holds an earlier run (${shown.join(', ')}). Add --resume to continue it, or --overwrite to delete it and start a new run.`,
  );
}

/**
 * Checks everything a run needs of `output` first, then prepares it. Returns the checkpoint to resume from (with
 * the settings the resume grows) or nothing for a run from step 0.
 */
export async function prepareRun(options: {
  output: string;
  mode: OutputMode;
  resumeFrom?: string;
  run: TrainRunInfo;
  log: (line: string) => void;
}): Promise<{ resume?: ResumePoint; changes: SettingChange[] }> {
  const { output, mode, log } = options;
  const checkpointDir = join(output, 'checkpoints');
  if (mode === 'new') await refuseEarlierRun(output);
  let resume: ResumePoint | undefined;
  let changes: SettingChange[] = [];
  if (mode === 'resume') {
    resume = await findResumePoint(checkpointDir, options.resumeFrom);
    if (resume === undefined) {
      const found = await earlierRun(output);
      if (found.length > 0) {
        throw new CommandError(
          `--resume: ${output} holds an earlier run (${found.join(', ')}) but no checkpoint in ${checkpointDir} to continue from; start over with --overwrite`,
        );
      }
      log(`--resume: nothing to resume in ${output} yet; starting a new run`);
    } else {
      changes = checkResume(resume, options.run);
    }
  }
  // Everything is checked: from here on the folder changes.
  for (const path of await removeLeftovers(output)) log(`removed ${path}, left by an interrupted save`);
  if (mode === 'overwrite')
    for (const rel of await removeEarlierRun(output)) log(`--overwrite: removed ${join(output, rel)}`);
  for (const aside of resume?.setAside ?? []) {
    const moved = await setAside(aside.path, aside.why);
    log(
      aside.why === 'damaged'
        ? `warning: ${aside.path} is damaged (${aside.problem}); set aside as ${moved}, resuming from ${resume!.path}`
        : `warning: ${aside.path} is newer than ${resume!.path}; set aside as ${moved}`,
    );
  }
  return { resume, changes };
}
