import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { existsResolved, isMarkedNoExist, readRef } from './cache-files.js';
import { type RepoType, repoCachePaths } from './cache-layout.js';
import { EntryNotFoundError, LocalEntryNotFoundError } from './errors.js';
import { resolveCacheDir } from './hub-env.js';

/** Where to look in the cache. */
export interface CacheLookupOptions {
  revision?: string;
  repoType?: RepoType;
  cacheDir?: string;
}

/**
 * Resolves a file from the cache alone (offline mode): `refs/<revision>` gives the commit, then
 * `snapshots/<commit>/<filename>` is the file. Throws {@link EntryNotFoundError} when a `.no_exist` marker
 * records that the file is absent, and {@link LocalEntryNotFoundError} naming the missing ref or file otherwise.
 *
 * @example
 * const path = await loadFromCache('google-t5/t5-small', 'config.json');
 */
export async function loadFromCache(
  repoId: string,
  filename: string,
  options: CacheLookupOptions = {},
  reason = 'offline mode (HF_HUB_OFFLINE=1 or `offline: true`)',
): Promise<string> {
  const revision = options.revision ?? 'main';
  const repoType = options.repoType ?? 'model';
  const cacheDir = resolveCacheDir(options.cacheDir);
  const paths = repoCachePaths(cacheDir, repoId, repoType);
  const commit = await readRef(paths, revision);
  const what = `'${filename}' of ${repoType} '${repoId}' at revision '${revision}'`;
  if (commit === null) {
    throw new LocalEntryNotFoundError(
      `Cannot find ${what} in the cache: ${reason}, and ${paths.ref(revision)} does not exist ` +
        `(nothing of this repository at this revision was downloaded into ${cacheDir}). Run once online first.`,
      { snapshotCached: false },
    );
  }
  const snapshot = paths.snapshot(commit, filename);
  if (await existsResolved(snapshot)) return snapshot;
  if (await isMarkedNoExist(paths, commit, filename)) {
    throw new EntryNotFoundError(`${what} does not exist (cached 404 at commit ${commit}).`);
  }
  const snapshotCached = existsSync(join(paths.root, 'snapshots', commit));
  throw new LocalEntryNotFoundError(
    `Cannot find ${what} in the cache: ${reason}, and ${snapshot} does not exist ` +
      `(revision '${revision}' resolves to commit ${commit}, but this file was never downloaded).`,
    { snapshotCached },
  );
}
