import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { EntryNotFoundError, LocalEntryNotFoundError } from './errors.js';
import { type HubDownloadOptions, hfHubDownload } from './hf-hub-download.js';

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Finds a file either in a local directory or in a hub repository, the way `from_pretrained` accepts both.
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
  try {
    return await hfHubDownload(pathOrRepoId, filename, options);
  } catch (error) {
    if (error instanceof EntryNotFoundError) return null;
    if (error instanceof LocalEntryNotFoundError && error.snapshotCached) return null;
    throw error;
  }
}
