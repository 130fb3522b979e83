import { join } from 'node:path';

/** Repository kinds of the hub; each has its own URL prefix and cache folder prefix. */
export type RepoType = 'model' | 'dataset' | 'space';

/** A full 40-hex git commit hash: such a revision is immutable, so the cache can answer without the network. */
export const COMMIT_HASH_RE = /^[0-9a-f]{40}$/;

/**
 * Folder name of a repository in the cache: `models--org--name`, `datasets--org--name`, `spaces--org--name`.
 *
 * @example
 * repoFolderName('google-t5/t5-small', 'model'); // 'models--google-t5--t5-small'
 */
export function repoFolderName(repoId: string, repoType: RepoType): string {
  return [`${repoType}s`, ...repoId.split('/')].join('--');
}

/** Every path of one repository inside the cache (see huggingface_hub's "Understand caching" guide). */
export interface RepoCachePaths {
  readonly root: string;
  blob(etag: string): string;
  incomplete(etag: string): string;
  snapshot(commit: string, filename: string): string;
  ref(revision: string): string;
  noExist(commit: string, filename: string): string;
}

/** Paths of `repoId` under `cacheDir`, `filename` being a POSIX path inside the repository. */
export function repoCachePaths(cacheDir: string, repoId: string, repoType: RepoType): RepoCachePaths {
  const root = join(cacheDir, repoFolderName(repoId, repoType));
  const parts = (p: string) => p.split('/');
  return {
    root,
    blob: (etag) => join(root, 'blobs', etag),
    incomplete: (etag) => join(root, 'blobs', `${etag}.incomplete`),
    snapshot: (commit, filename) => join(root, 'snapshots', commit, ...parts(filename)),
    ref: (revision) => join(root, 'refs', ...parts(revision)),
    noExist: (commit, filename) => join(root, '.no_exist', commit, ...parts(filename)),
  };
}
