// Removes what an interrupted save leaves behind: a killed run never reaches the rename or the clean-up, and a
// half-written checkpoint folder of a real model is as large as the model.
import type { Dirent } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { TEMP_SIBLING_NAME } from '@t5sql/common';

/**
 * `saveTrainingCheckpoint`'s temporary folder (writeFolderAtomic's name): `.checkpoint-<step>.<pid>.<12 hex>.tmp`,
 * or `.checkpoint-<step>.<12 hex>.tmp` as versions before @t5sql/common named it.
 */
const CHECKPOINT_TEMP = /^\.checkpoint-\d+\.(?:\d+\.)?[0-9a-f]{12}\.tmp$/;
/** writeFileAtomic's (and so `writeSafetensors`' and the run manifest's) temporary file. */
const FILE_TEMP = TEMP_SIBLING_NAME;

/**
 * Deletes the temporary folders and files our own writers leave in `dir` when a process dies mid-save (only the
 * names those writers produce, only directly in `dir`), and returns their paths. Call it when a run starts or
 * resumes, while no other process writes into `dir`. A missing `dir` is not an error.
 *
 * @example
 * ```ts
 * for (const path of await removeStaleTemp('runs/t5-sql/checkpoints')) console.warn(`removed ${path}`);
 * ```
 */
export async function removeStaleTemp(dir: string): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const removed: string[] = [];
  for (const entry of entries) {
    const ours = entry.isDirectory() ? CHECKPOINT_TEMP.test(entry.name) : FILE_TEMP.test(entry.name);
    if (!ours || !(entry.isDirectory() || entry.isFile())) continue;
    const path = join(dir, entry.name);
    await rm(path, { recursive: true, force: true });
    removed.push(path);
  }
  return removed.sort();
}
