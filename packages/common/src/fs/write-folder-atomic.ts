import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Where {@link writeFolderAtomic} builds the folder. */
export interface WriteFolderOptions {
  /**
   * The temporary folder (default `.<name>.<pid>.<12 hex>.tmp` beside the target). It must be on the same file
   * system as the target, and should be a name a clean-up of stale temporaries recognises.
   */
  tempPath?: string;
}

/**
 * Builds a folder under a temporary name with `fill`, then replaces `path` with it by one rename, so readers see
 * the old folder or the complete new one, never half of it. When `fill` throws, the temporary folder is removed
 * and `path` is left as it was.
 *
 * @example
 * ```ts
 * await writeFolderAtomic('cache/t5-tiny', async (dir) => {
 *   await model.savePretrained(dir);
 *   await writeJsonAtomic(join(dir, 'pretrain.json'), info);
 * });
 * ```
 */
export async function writeFolderAtomic(
  path: string,
  fill: (tempPath: string) => Promise<void> | void,
  options: WriteFolderOptions = {},
): Promise<void> {
  const temp =
    options.tempPath ??
    join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  await mkdir(dirname(path), { recursive: true });
  await rm(temp, { recursive: true, force: true });
  await mkdir(temp);
  try {
    await fill(temp);
    await rm(path, { recursive: true, force: true });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}
