import type { RepoType } from './cache-layout.js';

/**
 * The `resolve` URL of a file, as huggingface_hub's `hf_hub_url`: the revision is percent-encoded whole
 * (`refs/pr/1` → `refs%2Fpr%2F1`), the filename segment by segment.
 *
 * @example
 * hubFileUrl('https://huggingface.co', 'b-mc2/sql-create-context', 'dataset', 'main', 'sql_create_context_v4.json');
 * // 'https://huggingface.co/datasets/b-mc2/sql-create-context/resolve/main/sql_create_context_v4.json'
 */
export function hubFileUrl(
  endpoint: string,
  repoId: string,
  repoType: RepoType,
  revision: string,
  filename: string,
): string {
  const prefix = repoType === 'model' ? '' : `${repoType}s/`;
  const file = filename.split('/').map(encodeURIComponent).join('/');
  return `${endpoint}/${prefix}${repoId}/resolve/${encodeURIComponent(revision)}/${file}`;
}
