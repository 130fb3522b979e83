/**
 * Error classes raised by the hub client. They mirror huggingface_hub's names so that code ported from Python
 * reads the same: callers catch {@link EntryNotFoundError} to try an alternative file, and so on.
 */

/** Base class of every error raised by `@t5sql/hub`. */
export class HubError extends Error {
  override name = 'HubError';
  /** HTTP status of the response that caused the error, when there was one. */
  readonly status?: number;
  /** URL that was requested, when there was one. */
  readonly url?: string;

  constructor(message: string, options: { status?: number; url?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.status = options.status;
    this.url = options.url;
  }
}

/** 401/403: the hub refused the request; a token (HF_TOKEN) is missing, wrong, or lacks access (gated repo). */
export class HubAuthError extends HubError {
  override name = 'HubAuthError';
}

/** The repository does not exist, or is private and no valid token was sent. */
export class RepositoryNotFoundError extends HubError {
  override name = 'RepositoryNotFoundError';
}

/** The repository exists but the revision (branch, tag or commit) does not. */
export class RevisionNotFoundError extends HubError {
  override name = 'RevisionNotFoundError';
}

/** The repository and revision exist but the file does not (HTTP 404 `EntryNotFound`, or a cached `.no_exist` marker). */
export class EntryNotFoundError extends HubError {
  override name = 'EntryNotFoundError';
}

/**
 * Offline mode (or an unreachable hub) and the file is not in the local cache.
 * `snapshotCached` says whether anything of that repo at that revision is cached, so callers can tell
 * "this file was never downloaded" apart from "this repo was never downloaded".
 */
export class LocalEntryNotFoundError extends HubError {
  override name = 'LocalEntryNotFoundError';
  readonly snapshotCached: boolean;

  constructor(message: string, options: { snapshotCached: boolean; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.snapshotCached = options.snapshotCached;
  }
}

/** The downloaded bytes do not match the size or hash the hub announced. */
export class DownloadIntegrityError extends HubError {
  override name = 'DownloadIntegrityError';
}
