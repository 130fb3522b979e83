import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EntryNotFoundError, HubError, LocalEntryNotFoundError, RepositoryNotFoundError } from './errors.js';
import { type HubDownloadOptions, hfHubDownload } from './hf-hub-download.js';
import { localFolderProblem, looksLikeLocalPath } from './local-path.js';

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Finds a file either in a local directory or in a hub repository, the way `from_pretrained` accepts both.
 * An argument that can only be a path (`./x`, `../x`, `/x`, `a/b/c`) and is not a folder is a {@link HubError}
 * saying that the local folder does not exist (or is a file), not a hub lookup.
 * Returns null when the file does not exist there, so callers can try an alternative
 * (`model.safetensors`, then `model.safetensors.index.json`). Offline, a file missing from a revision of which
 * other files are cached also counts as absent; a repository with nothing cached still throws.
 *
 * @example
 * const weights =
 *   (await resolveFile('google-t5/t5-small', 'model.safetensors')) ??
 *   (await resolveFile('google-t5/t5-small', 'model.safetensors.index.json'));
 */
export async function resolveFile(
  pathOrRepoId: string,
  filename: string,
  options: HubDownloadOptions = {},
): Promise<string | null> {
  if (isDirectory(pathOrRepoId)) {
    const local = join(pathOrRepoId, ...filename.split('/'));
    return existsSync(local) ? local : null;
  }
  // `./nonexist` is a missing folder, not a badly spelled repo id: say so instead of "Invalid repo id".
  if (looksLikeLocalPath(pathOrRepoId)) {
    throw new HubError(localFolderProblem(pathOrRepoId, filename) ?? `'${pathOrRepoId}' is not readable`);
  }
  try {
    return await hfHubDownload(pathOrRepoId, filename, options);
  } catch (error) {
    if (error instanceof EntryNotFoundError) return null;
    if (error instanceof LocalEntryNotFoundError && error.snapshotCached) return null;
    // `models/t5` may have been meant as a folder: when the hub has no such repo, say the folder is missing too.
    const noLocal = ` There is no local folder '${pathOrRepoId}' either (resolved to ${resolve(pathOrRepoId)}).`;
    if (error instanceof RepositoryNotFoundError) {
      throw new RepositoryNotFoundError(`${error.message}${noLocal}`, {
        status: error.status,
        url: error.url,
        cause: error,
      });
    }
    if (error instanceof LocalEntryNotFoundError) {
      throw new LocalEntryNotFoundError(`${error.message}${noLocal}`, {
        snapshotCached: false,
        cause: error,
      });
    }
    throw error;
  }
}
