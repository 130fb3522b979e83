import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DownloadIntegrityError, HubError } from './errors.js';

/** Progress of one file, reported as bytes arrive. */
export interface DownloadProgress {
  /** Repository path of the file. */
  file: string;
  downloadedBytes: number;
  totalBytes: number;
}

/** What {@link downloadBlob} needs to know. */
export interface BlobDownloadRequest {
  fetchImpl: typeof fetch;
  /** URL to GET (the CDN location of an LFS file, or the resolve URL). */
  url: string;
  /** Headers for requests to the hub's own origin (the token lives here). */
  headers: Record<string, string>;
  /** Origin that may receive the token; a redirect elsewhere gets the headers without `Authorization`. */
  trustedOrigin: string;
  filename: string;
  etag: string;
  expectedSize: number;
  blobPath: string;
  incompletePath: string;
  /** Extra attempts after a dropped connection, each resuming with a Range request. */
  retries: number;
  retryDelayMs: number;
  verify: boolean;
  signal?: AbortSignal;
  onProgress: (p: DownloadProgress) => void;
}

const MAX_REDIRECTS = 10;

async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

/** GET following redirects by hand so that `Authorization` never leaves the hub's origin. */
async function getFollowing(req: BlobDownloadRequest, extra: Record<string, string>): Promise<Response> {
  let url = req.url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const sameOrigin = new URL(url).origin === req.trustedOrigin;
    const { Authorization, ...rest } = req.headers;
    const headers: Record<string, string> = { ...(sameOrigin ? req.headers : rest), ...extra };
    const response = await req.fetchImpl(url, { headers, redirect: 'manual', signal: req.signal });
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      url = new URL(location, url).toString();
      continue;
    }
    return response;
  }
  throw new HubError(`Too many redirects while downloading '${req.filename}' from ${req.url}.`);
}

/**
 * Hash the content the way the hub names it: sha256 for LFS files (64-hex etag),
 * git's blob sha1 (`sha1("blob <size>\0" + bytes)`) for regular files (40-hex etag).
 * Returns null for an etag of another shape (a mirror's own validator), which cannot be checked.
 */
async function contentHash(path: string, etag: string, size: number): Promise<string | null> {
  let hash: ReturnType<typeof createHash>;
  if (/^[0-9a-f]{64}$/.test(etag)) hash = createHash('sha256');
  else if (/^[0-9a-f]{40}$/.test(etag)) hash = createHash('sha1').update(`blob ${size}\0`);
  else return null;
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** One GET attempt, appending to the `.incomplete` file from where it stops. */
async function attempt(req: BlobDownloadRequest): Promise<void> {
  let offset = await fileSize(req.incompletePath);
  if (offset > req.expectedSize) {
    await unlink(req.incompletePath);
    offset = 0;
  }
  if (offset === req.expectedSize && offset > 0) return;
  const response = await getFollowing(req, offset > 0 ? { Range: `bytes=${offset}-` } : {});
  if (response.status === 416) {
    // Nothing past `offset`: the partial file does not belong to this blob; start over from zero.
    await response.body?.cancel();
    await unlink(req.incompletePath);
    return attempt(req);
  }
  if (response.status !== 200 && response.status !== 206) {
    await response.body?.cancel();
    throw new HubError(`Downloading '${req.filename}' failed: HTTP ${response.status} at ${req.url}.`, {
      status: response.status,
      url: req.url,
    });
  }
  // A 200 to a Range request means the server sent the whole file: overwrite instead of appending.
  if (response.status === 200) offset = 0;
  const handle = await open(req.incompletePath, offset === 0 ? 'w' : 'a');
  let written = offset;
  req.onProgress({ file: req.filename, downloadedBytes: written, totalBytes: req.expectedSize });
  try {
    if (!response.body) throw new HubError(`Empty response body for '${req.filename}' from ${req.url}.`);
    for await (const chunk of response.body) {
      // Each chunk is on disk before the next is read, so a dropped connection leaves a resumable prefix.
      await handle.write(chunk);
      written += chunk.byteLength;
      req.onProgress({ file: req.filename, downloadedBytes: written, totalBytes: req.expectedSize });
    }
  } finally {
    await handle.close();
  }
}

/**
 * Download one blob into `blobs/<etag>`: bytes go to `blobs/<etag>.incomplete` (kept across failures and
 * resumed with `Range: bytes=N-`), the size and content hash are checked, then the file is renamed into place.
 */
export async function downloadBlob(req: BlobDownloadRequest): Promise<void> {
  await mkdir(dirname(req.blobPath), { recursive: true });
  for (let tries = 0; ; tries++) {
    try {
      await attempt(req);
      break;
    } catch (error) {
      if (req.signal?.aborted || tries >= req.retries) throw error;
      await new Promise((r) => setTimeout(r, req.retryDelayMs * (tries + 1)));
    }
  }
  const size = await fileSize(req.incompletePath);
  if (size !== req.expectedSize) {
    throw new DownloadIntegrityError(
      `Downloaded ${size} bytes of '${req.filename}' but the hub announced ${req.expectedSize}; ` +
        `the partial file ${req.incompletePath} is kept and the next call resumes it.`,
    );
  }
  if (req.verify) {
    const actual = await contentHash(req.incompletePath, req.etag, size);
    if (actual !== null && actual !== req.etag) {
      await unlink(req.incompletePath);
      throw new DownloadIntegrityError(
        `Checksum mismatch for '${req.filename}': expected ${req.etag}, got ${actual}; the corrupt download was deleted.`,
      );
    }
  }
  await rename(req.incompletePath, req.blobPath);
}
