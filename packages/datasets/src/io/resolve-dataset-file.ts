import { statSync } from 'node:fs';
import { join } from 'node:path';
import { type HubDownloadOptions, hfHubDownload } from '@t5sql/hub';

/** Where a dataset file comes from: a local file or folder, or a hub dataset repository. */
export interface DatasetSource {
  /** A local file, or a folder holding the file under its hub name. */
  path?: string;
  /** A hub dataset repository, downloaded into the huggingface_hub cache (the one the model loader uses). */
  repoId?: string;
  /** Options for the hub download (revision, cacheDir, token, offline, ...). `repoType` is always `dataset`. */
  hub?: Omit<HubDownloadOptions, 'repoType'>;
}

/**
 * The local path of `filename`: `path` itself when it is a file, `path/filename` when it is a folder,
 * else the file downloaded from the hub dataset `repoId` (default `defaultRepoId`).
 */
export async function resolveDatasetFile(
  source: DatasetSource,
  filename: string,
  defaultRepoId: string,
): Promise<string> {
  if (source.path !== undefined) {
    let isDir = false;
    try {
      isDir = statSync(source.path).isDirectory();
    } catch {
      // a missing path is reported by the reader, with the path in the message
    }
    return isDir ? join(source.path, filename) : source.path;
  }
  return hfHubDownload(source.repoId ?? defaultRepoId, filename, { ...source.hub, repoType: 'dataset' });
}
