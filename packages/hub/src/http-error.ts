import {
  EntryNotFoundError,
  HubAuthError,
  HubError,
  RepositoryNotFoundError,
  RevisionNotFoundError,
} from './errors.js';

/** What was being fetched, for error messages. */
export interface RequestContext {
  repoId: string;
  repoType: string;
  revision: string;
  filename: string;
  url: string;
  tokenSent: boolean;
}

/**
 * Maps a failed hub response to a typed error. The hub says what went wrong in `X-Error-Code`
 * (`RepoNotFound`, `RevisionNotFound`, `EntryNotFound`, `GatedRepo`) and `X-Error-Message`; a bare 404 is
 * taken as a missing file, which is what mirrors without those headers mean by it.
 */
export function httpError(response: Response, ctx: RequestContext): HubError {
  const code = response.headers.get('x-error-code') ?? '';
  const serverMessage = response.headers.get('x-error-message');
  const status = response.status;
  const where = `${ctx.repoType} '${ctx.repoId}'`;
  const detail = serverMessage ? ` (hub says: ${serverMessage})` : '';
  const opts = { status, url: ctx.url };
  const tokenHint = ctx.tokenSent
    ? 'The token that was sent (HF_TOKEN, HF_TOKEN_PATH or <HF_HOME>/token) does not grant access to it.'
    : 'No token was sent: set HF_TOKEN (or pass `token`) if the repository is private or gated.';

  if (code === 'RepoNotFound') {
    return new RepositoryNotFoundError(
      `Repository not found: ${where} at ${ctx.url} (HTTP ${status})${detail}. Check the id; if it is private, ${
        ctx.tokenSent ? 'the token sent does not grant access to it' : 'set HF_TOKEN'
      }.`,
      opts,
    );
  }
  if (code === 'RevisionNotFound') {
    return new RevisionNotFoundError(
      `Revision '${ctx.revision}' not found in ${where} (HTTP ${status})${detail}.`,
      opts,
    );
  }
  if (code === 'EntryNotFound' || (status === 404 && code === '')) {
    return new EntryNotFoundError(
      `File '${ctx.filename}' not found in ${where} at revision '${ctx.revision}' (HTTP ${status}, ${ctx.url})${detail}.`,
      opts,
    );
  }
  if (code === 'GatedRepo' || status === 401 || status === 403) {
    const gated =
      code === 'GatedRepo' ? ' The repository is gated: accept its conditions on the hub first.' : '';
    return new HubAuthError(
      `Access denied to '${ctx.filename}' in ${where} (HTTP ${status}, ${ctx.url})${detail}.${gated} ${tokenHint}`,
      opts,
    );
  }
  return new HubError(
    `Hub request failed for '${ctx.filename}' in ${where}: HTTP ${status} ${response.statusText} at ${ctx.url}${detail}.`,
    opts,
  );
}
