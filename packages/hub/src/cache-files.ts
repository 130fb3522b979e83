import { copyFile, lstat, mkdir, readFile, rename, stat, symlink, unlink, writeFile } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import { tempSibling, writeFileAtomic } from '@t5sql/common';
import { COMMIT_HASH_RE, type RepoCachePaths } from './cache-layout.js';

/** True when `path` exists and, if it is a symlink, its target exists too. */
export async function existsResolved(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Writes `refs/<revision>` = commit (temp file + rename), unless the revision is the commit itself. */
export async function writeRef(paths: RepoCachePaths, revision: string, commit: string): Promise<void> {
  if (revision === commit) return;
  const refPath = paths.ref(revision);
  try {
    if ((await readFile(refPath, 'utf8')).trim() === commit) return;
  } catch {
    // no ref yet
  }
  await writeFileAtomic(refPath, commit);
}

/** Reads the commit a revision points to: the revision itself for a commit hash, else `refs/<revision>`. */
export async function readRef(paths: RepoCachePaths, revision: string): Promise<string | null> {
  if (COMMIT_HASH_RE.test(revision)) return revision;
  try {
    return (await readFile(paths.ref(revision), 'utf8')).trim();
  } catch {
    return null;
  }
}

/**
 * Points `snapshots/<commit>/<filename>` at the blob with a relative symlink (so the cache can be moved),
 * made under a temporary name and renamed over the target; where symlinks are refused (Windows without
 * developer mode, some network file systems) the blob is copied instead.
 */
export async function linkSnapshot(blobPath: string, snapshotPath: string): Promise<void> {
  await mkdir(dirname(snapshotPath), { recursive: true });
  const tmp = tempSibling(snapshotPath);
  try {
    await symlink(relative(dirname(snapshotPath), blobPath), tmp);
  } catch {
    await copyFile(blobPath, tmp);
  }
  try {
    await rename(tmp, snapshotPath);
  } catch (error) {
    await unlink(tmp).catch(() => undefined);
    throw error;
  }
}

/** Records that `filename` does not exist at `commit` (huggingface_hub's `.no_exist` marker, an empty file). */
export async function markNoExist(paths: RepoCachePaths, commit: string, filename: string): Promise<void> {
  const marker = paths.noExist(commit, filename);
  await mkdir(dirname(marker), { recursive: true });
  await writeFile(marker, '');
}

/** True when a `.no_exist` marker says the file is absent at that commit. */
export async function isMarkedNoExist(
  paths: RepoCachePaths,
  commit: string,
  filename: string,
): Promise<boolean> {
  try {
    await lstat(paths.noExist(commit, filename));
    return true;
  } catch {
    return false;
  }
}
