/** @t5sql/hub: Hugging Face hub downloads and a cache laid out like huggingface_hub's: resume, atomic placement, tokens, offline mode. No TensorFlow. */
export {
  COMMIT_HASH_RE,
  type RepoCachePaths,
  type RepoType,
  repoCachePaths,
  repoFolderName,
} from './cache-layout.js';
export type { DownloadProgress } from './download-blob.js';
export {
  DownloadIntegrityError,
  EntryNotFoundError,
  HubAuthError,
  HubError,
  LocalEntryNotFoundError,
  RepositoryNotFoundError,
  RevisionNotFoundError,
} from './errors.js';
export { type HubFileMetadata, normalizeEtag } from './file-metadata.js';
export { type HubDownloadOptions, hfHubDownload } from './hf-hub-download.js';
export {
  DEFAULT_ENDPOINT,
  hfHome,
  isOfflineEnv,
  resolveCacheDir,
  resolveEndpoint,
  resolveToken,
} from './hub-env.js';
export { hubFileUrl } from './hub-url.js';
export { type CacheLookupOptions, loadFromCache } from './load-from-cache.js';
export { ProgressBar, type ProgressSink } from './progress-bar.js';
export { resolveFile } from './resolve-file.js';
export { type SnapshotDownloadOptions, snapshotDownload } from './snapshot-download.js';
