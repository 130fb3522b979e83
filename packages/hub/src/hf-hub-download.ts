import { existsSync } from 'node:fs';
import { existsResolved, linkSnapshot, markNoExist, writeRef } from './cache-files.js';
import { COMMIT_HASH_RE, type RepoType, repoCachePaths } from './cache-layout.js';
import { type DownloadProgress, downloadBlob } from './download-blob.js';
import { EntryNotFoundError, HubError, LocalEntryNotFoundError } from './errors.js';
import { getFileMetadata } from './file-metadata.js';
import { isOfflineEnv, resolveCacheDir, resolveEndpoint, resolveToken } from './hub-env.js';
import { hubFileUrl } from './hub-url.js';
import { loadFromCache } from './load-from-cache.js';
import { localFolderProblem, looksLikeLocalPath } from './local-path.js';
import { ProgressBar } from './progress-bar.js';

/** Options of {@link hfHubDownload}; every one has the default huggingface_hub would use. */
export interface HubDownloadOptions {
  /** Branch, tag or commit hash. Default `main`. */
  revision?: string;
  /** Default `model`. */
  repoType?: RepoType;
  /** Cache root. Default `HF_HUB_CACHE`, else `<HF_HOME>/hub`, else `~/.cache/huggingface/hub`. */
  cacheDir?: string;
  /** Token sent as `Authorization: Bearer`; `false` sends none. Default `HF_TOKEN`, then the token file. */
  token?: string | false;
  /** Use the cache only. Default: `HF_HUB_OFFLINE=1`. */
  offline?: boolean;
  /** Hub URL. Default `HF_ENDPOINT`, else https://huggingface.co. */
  endpoint?: string;
  /** Progress callback; giving one turns the built-in progress bar off. */
  onProgress?: (p: DownloadProgress) => void;
  /** No progress bar on stderr. */
  quiet?: boolean;
  /** Aborts the download; the partial file is kept for the next call to resume. */
  signal?: AbortSignal;
  /** Extra attempts (each resuming with a Range request) after a dropped connection. Default 3. */
  retries?: number;
  /** Base delay between attempts, multiplied by the attempt number. Default 500 ms. */
  retryDelayMs?: number;
  /** Check the sha256 (LFS) or git sha1 the hub gives as ETag. Default true. */
  verify?: boolean;
  /** Re-download even when the blob is cached. */
  forceDownload?: boolean;
  /** `fetch` to use (tests, proxies). Default the global one. */
  fetch?: typeof fetch;
}

const USER_AGENT = `t5sql-hub/0.0.0; node/${process.versions.node}`;

// Two calls for the same blob in one process share one download instead of fighting over `.incomplete`.
const inFlight = new Map<string, Promise<void>>();

// fetch reports an unreachable host or a reset connection as a TypeError ('fetch failed').
function isNetworkError(error: unknown): boolean {
  return !(error instanceof HubError) && error instanceof TypeError;
}

function progressBarsDisabled(): boolean {
  const v = process.env.HF_HUB_DISABLE_PROGRESS_BARS;
  return v !== undefined && ['1', 'true', 'yes', 'on'].includes(v.toLowerCase());
}

/**
 * Downloads one file of a hub repository into the huggingface_hub cache layout and returns the local path
 * of `snapshots/<commit>/<filename>`. A file already cached is returned after one HEAD request (none at all
 * for a commit-hash revision or in offline mode); an interrupted download resumes from `blobs/<etag>.incomplete`.
 *
 * @example
 * import { EntryNotFoundError, hfHubDownload } from '@t5sql/hub';
 * const config = await hfHubDownload('google-t5/t5-small', 'config.json');
 * const parquet = await hfHubDownload('gretelai/synthetic_text_to_sql', 'synthetic_text_to_sql_test.snappy.parquet', {
 *   repoType: 'dataset',
 * });
 */
export async function hfHubDownload(
  repoId: string,
  filename: string,
  options: HubDownloadOptions = {},
): Promise<string> {
  const idParts = repoId.split('/');
  if (idParts.length > 2 || idParts.some((part) => !/^[\w.-]+$/.test(part) || /^\.+$/.test(part))) {
    const asPath = looksLikeLocalPath(repoId) ? localFolderProblem(repoId, filename) : null;
    throw new HubError(
      `Invalid repo id '${repoId}': expected 'name' or 'org/name' (letters, digits, '-', '_', '.').${
        asPath === null ? '' : ` As a local path: ${asPath}`
      }`,
    );
  }
  if (filename === '' || filename.startsWith('/') || filename.split('/').includes('..')) {
    throw new HubError(
      `Invalid filename '${filename}' for '${repoId}': expected a relative path inside the repo.`,
    );
  }
  const revision = options.revision ?? 'main';
  const repoType = options.repoType ?? 'model';
  const cacheDir = resolveCacheDir(options.cacheDir);
  const lookup = { revision, repoType, cacheDir };
  const paths = repoCachePaths(cacheDir, repoId, repoType);

  if (options.offline ?? isOfflineEnv()) return loadFromCache(repoId, filename, lookup);
  // A commit hash never moves: a cached snapshot of it is the answer without asking the hub.
  if (COMMIT_HASH_RE.test(revision) && !options.forceDownload) {
    const snapshot = paths.snapshot(revision, filename);
    if (await existsResolved(snapshot)) return snapshot;
  }

  const endpoint = resolveEndpoint(options.endpoint);
  const token = resolveToken(options.token);
  const headers: Record<string, string> = { 'User-Agent': USER_AGENT };
  if (token) headers.Authorization = `Bearer ${token}`;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const url = hubFileUrl(endpoint, repoId, repoType, revision, filename);
  const ctx = { repoId, repoType, revision, filename, url, tokenSent: token !== undefined };

  let head: Awaited<ReturnType<typeof getFileMetadata>>;
  try {
    head = await getFileMetadata(fetchImpl, headers, ctx, options.signal);
  } catch (error) {
    if (options.signal?.aborted || !isNetworkError(error)) throw error;
    // Hub unreachable: fall back to the cache, as huggingface_hub does, naming both causes if that fails too.
    try {
      return await loadFromCache(
        repoId,
        filename,
        lookup,
        `the hub at ${endpoint} is unreachable (${String(error)})`,
      );
    } catch (cacheError) {
      if (cacheError instanceof LocalEntryNotFoundError) {
        throw new LocalEntryNotFoundError(`${cacheError.message} Set HF_HUB_OFFLINE=1 to skip the network.`, {
          snapshotCached: cacheError.snapshotCached,
          cause: error,
        });
      }
      throw cacheError;
    }
  }
  if ('error' in head) {
    if (head.error instanceof EntryNotFoundError && head.commitHash && COMMIT_HASH_RE.test(head.commitHash)) {
      await writeRef(paths, revision, head.commitHash);
      await markNoExist(paths, head.commitHash, filename);
    }
    throw head.error;
  }
  const { commitHash, etag, size, location } = head.metadata;
  const blobPath = paths.blob(etag);
  const snapshotPath = paths.snapshot(commitHash, filename);

  if (!options.forceDownload && (await existsResolved(snapshotPath))) {
    await writeRef(paths, revision, commitHash);
    return snapshotPath;
  }
  if (options.forceDownload || !existsSync(blobPath)) {
    let pending = inFlight.get(blobPath);
    if (!pending) {
      const bar = options.onProgress || options.quiet || progressBarsDisabled() ? null : new ProgressBar();
      pending = downloadBlob({
        fetchImpl,
        url: location,
        headers,
        trustedOrigin: new URL(url).origin,
        filename,
        etag,
        expectedSize: size,
        blobPath,
        incompletePath: paths.incomplete(etag),
        retries: options.retries ?? 3,
        retryDelayMs: options.retryDelayMs ?? 500,
        verify: options.verify ?? true,
        signal: options.signal,
        onProgress: (p) => {
          options.onProgress?.(p);
          bar?.update(p);
        },
      })
        .then(
          () => bar?.done(filename),
          (error: unknown) => {
            bar?.abort(filename);
            throw error;
          },
        )
        .finally(() => inFlight.delete(blobPath));
      inFlight.set(blobPath, pending);
    }
    await pending;
  }
  await linkSnapshot(blobPath, snapshotPath);
  await writeRef(paths, revision, commitHash);
  return snapshotPath;
}
