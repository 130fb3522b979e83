// The --output folder of `t5sql train`: what an earlier run left there, removing it for --overwrite, setting a
// checkpoint aside, and removing the temporary files of a killed run. Only names `t5sql train` writes are touched.
import { existsSync } from 'node:fs';
import { readdir, rename, rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { removeStaleTemp } from '@t5sql/t5-core/internal';

/** Files `t5sql train` writes directly into --output: the manifest, a full model, or an adapter. */
const RUN_FILES = [
  'run-manifest.json',
  'model.safetensors',
  'config.json',
  'generation_config.json',
  'adapter_model.safetensors',
  'adapter_config.json',
];
/** Folder names of `<output>/checkpoints`: `checkpoint-<step>`, and ones set aside by a resume. */
const CHECKPOINT_NAME = /^checkpoint-\d+(\.(damaged|superseded)(-\d+)?)?$/;
/**
 * The manifest's temporary file as @t5sql/repro's writeJsonAtomic named it before @t5sql/common; today's
 * (`run-manifest.json.<pid>.<12 hex>.tmp`) is one removeStaleTemp already knows.
 */
const MANIFEST_TEMP = /^run-manifest\.json\.tmp-\d+-\d+$/;

async function names(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch (error) {
    if (
      (error as NodeJS.ErrnoException).code === 'ENOENT' ||
      (error as NodeJS.ErrnoException).code === 'ENOTDIR'
    )
      return [];
    throw error;
  }
}

/** What an earlier run left in `output` (paths relative to it); empty for a new or unrelated folder. */
export async function earlierRun(output: string): Promise<string[]> {
  const top = await names(output);
  const checkpoints = (await names(join(output, 'checkpoints'))).filter((n) => CHECKPOINT_NAME.test(n));
  return [...top.filter((n) => RUN_FILES.includes(n)), ...checkpoints.map((n) => join('checkpoints', n))];
}

/** `--overwrite`: deletes what {@link earlierRun} lists (and `checkpoints/` when that leaves it empty). */
export async function removeEarlierRun(output: string): Promise<string[]> {
  const found = await earlierRun(output);
  for (const rel of found) await rm(join(output, rel), { recursive: true, force: true });
  await rmdir(join(output, 'checkpoints')).catch(() => {}); // kept when something else is in it
  return found;
}

/**
 * Deletes what an interrupted save leaves in `output` and `output/checkpoints` (temporary checkpoint folders and
 * files, a half-written manifest). Returns their paths.
 */
export async function removeLeftovers(output: string): Promise<string[]> {
  const removed = [
    ...(await removeStaleTemp(output)),
    ...(await removeStaleTemp(join(output, 'checkpoints'))),
  ];
  for (const name of (await names(output)).filter((n) => MANIFEST_TEMP.test(n))) {
    await rm(join(output, name), { force: true });
    removed.push(join(output, name));
  }
  return removed.sort();
}

/**
 * Renames a checkpoint folder to `<name>.<why>` (or `<name>.<why>-2`, ...) so that it no longer counts as a
 * checkpoint of the run but its files stay. Returns the new path.
 */
export async function setAside(path: string, why: 'damaged' | 'superseded'): Promise<string> {
  let target = `${path}.${why}`;
  for (let n = 2; existsSync(target); n++) target = `${path}.${why}-${n}`;
  await rename(path, target);
  return target;
}
