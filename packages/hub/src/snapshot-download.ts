import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readRef, writeRef } from './cache-files.js';
import { repoCachePaths } from './cache-layout.js';
import { HubError, LocalEntryNotFoundError } from './errors.js';
import { type HubDownloadOptions, hfHubDownload } from './hf-hub-download.js';
import { httpError } from './http-error.js';
import { isOfflineEnv, resolveCacheDir, resolveEndpoint, resolveToken } from './hub-env.js';

/** Options of {@link snapshotDownload}: those of `hfHubDownload` plus file filters. */
export interface SnapshotDownloadOptions extends HubDownloadOptions {
  /** Only files matching one of these globs (`*` matches any run of characters, `/` included; `?` one). */
  allowPatterns?: string[];
  /** Skip files matching one of these globs. */
  ignorePatterns?: string[];
}

/** fnmatch-style glob as huggingface_hub's filters use: `*` matches anything, including `/`. */
function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/**
 * Downloads every file of a repository revision (listed by `GET /api/<type>s/<repo>/revision/<rev>`) and returns
 * the `snapshots/<commit>` folder. Offline, returns the cached snapshot folder of the revision.
 *
 * @example
 * const dir = await snapshotDownload('google-t5/t5-small', { allowPatterns: ['*.json', '*.safetensors'] });
 */
export async function snapshotDownload(
  repoId: string,
  options: SnapshotDownloadOptions = {},
): Promise<string> {
  const revision = options.revision ?? 'main';
  const repoType = options.repoType ?? 'model';
  const cacheDir = resolveCacheDir(options.cacheDir);
  const paths = repoCachePaths(cacheDir, repoId, repoType);
  if (options.offline ?? isOfflineEnv()) {
    const commit = await readRef(paths, revision);
    const dir = commit === null ? null : join(paths.root, 'snapshots', commit);
    if (dir === null || !existsSync(dir)) {
      throw new LocalEntryNotFoundError(
        `Offline mode: no cached snapshot of ${repoType} '${repoId}' at revision '${revision}' in ${cacheDir} ` +
          `(${commit === null ? `${paths.ref(revision)} is missing` : `${dir} is missing`}).`,
        { snapshotCached: false },
      );
    }
    return dir;
  }
  const endpoint = resolveEndpoint(options.endpoint);
  const token = resolveToken(options.token);
  const headers: Record<string, string> = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  const url = `${endpoint}/api/${repoType}s/${repoId}/revision/${encodeURIComponent(revision)}`;
  const response = await (options.fetch ?? globalThis.fetch)(url, { headers, signal: options.signal });
  if (!response.ok) {
    throw httpError(response, {
      repoId,
      repoType,
      revision,
      filename: '(repository listing)',
      url,
      tokenSent: !!token,
    });
  }
  const info = (await response.json()) as { sha?: string; siblings?: { rfilename: string }[] };
  if (!info.sha || !Array.isArray(info.siblings)) {
    throw new HubError(`Unexpected answer from ${url}: expected { sha, siblings: [{ rfilename }] }.`, {
      url,
    });
  }
  const allow = options.allowPatterns?.map(globToRegExp);
  const ignore = options.ignorePatterns?.map(globToRegExp) ?? [];
  const files = info.siblings
    .map((s) => s.rfilename)
    .filter((f) => (!allow || allow.some((r) => r.test(f))) && !ignore.some((r) => r.test(f)));
  for (const file of files) {
    await hfHubDownload(repoId, file, { ...options, revision: info.sha });
  }
  await writeRef(paths, revision, info.sha);
  return join(paths.root, 'snapshots', info.sha);
}
