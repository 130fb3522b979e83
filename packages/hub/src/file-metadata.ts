import { HubError } from './errors.js';
import { type RequestContext, httpError } from './http-error.js';

/** What a HEAD on a `resolve` URL tells about a file. */
export interface HubFileMetadata {
  /** Commit the revision currently points to (`X-Repo-Commit`). */
  commitHash: string;
  /** Git blob sha1 for regular files, sha256 for LFS files (`X-Linked-Etag`, else `ETag`), quotes stripped. */
  etag: string;
  /** Size in bytes (`X-Linked-Size`, else `Content-Length`). */
  size: number;
  /** Where to GET the bytes: the CDN URL an LFS redirect pointed to, else the resolve URL itself. */
  location: string;
}

/** Removes the weak-validator prefix and the quotes around an ETag value. */
export function normalizeEtag(etag: string | null): string | null {
  if (etag === null) return null;
  return etag.replace(/^W\//, '').replace(/^"|"$/g, '');
}

const MAX_RELATIVE_REDIRECTS = 10;

/**
 * HEAD the resolve URL and read the file's metadata, as huggingface_hub's `get_hf_file_metadata`:
 * relative redirects (renamed repositories) are followed, absolute ones (LFS files served by a CDN) are not,
 * since the hub puts `X-Repo-Commit`, `X-Linked-Etag` and `X-Linked-Size` on the redirect itself.
 */
export async function getFileMetadata(
  fetchImpl: typeof fetch,
  headers: Record<string, string>,
  ctx: RequestContext,
  signal?: AbortSignal,
): Promise<{ metadata: HubFileMetadata } | { error: HubError; commitHash: string | null }> {
  let url = ctx.url;
  let response: Response | undefined;
  for (let hop = 0; hop <= MAX_RELATIVE_REDIRECTS; hop++) {
    response = await fetchImpl(url, {
      method: 'HEAD',
      headers: { ...headers, 'Accept-Encoding': 'identity' },
      redirect: 'manual',
      signal,
    });
    const location = response.headers.get('location');
    const isRedirect = response.status >= 300 && response.status < 400 && location !== null;
    // A relative Location has no scheme/host: same server, so it is a rename and is followed.
    if (isRedirect && !/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
      url = new URL(location, url).toString();
      continue;
    }
    break;
  }
  if (!response) throw new HubError(`No response from ${ctx.url}`);
  const commitHash = response.headers.get('x-repo-commit');
  if (response.status >= 400) {
    return { error: httpError(response, { ...ctx, url }), commitHash };
  }
  const etag = normalizeEtag(response.headers.get('x-linked-etag') ?? response.headers.get('etag'));
  const sizeHeader = response.headers.get('x-linked-size') ?? response.headers.get('content-length');
  const missing = [
    commitHash ? null : 'X-Repo-Commit',
    etag ? null : 'ETag/X-Linked-Etag',
    sizeHeader ? null : 'X-Linked-Size/Content-Length',
  ].filter((m) => m !== null);
  if (missing.length > 0) {
    throw new HubError(
      `The hub's answer for '${ctx.filename}' (${url}, HTTP ${response.status}) lacks ${missing.join(', ')}; ` +
        'a proxy may be stripping headers, or HF_ENDPOINT does not point to a Hugging Face hub.',
      { status: response.status, url },
    );
  }
  const size = Number(sizeHeader);
  if (!Number.isSafeInteger(size) || size < 0) {
    throw new HubError(`The hub gave an invalid size '${sizeHeader}' for '${ctx.filename}' (${url}).`, {
      url,
    });
  }
  const location = response.headers.get('location');
  const isRedirect = response.status >= 300 && response.status < 400 && location !== null;
  return {
    metadata: {
      commitHash: commitHash!,
      etag: etag!,
      size,
      location: isRedirect ? new URL(location, url).toString() : url,
    },
  };
}
