import { statSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Whether `id` can only be meant as a local path, never as a hub repo id (`name` or `org/name`): it starts with
 * `./`, `../`, `/` or `~`, has a backslash or a drive letter, is `.` / `..`, or has more than one `/`.
 *
 * @example
 * looksLikeLocalPath('./checkpoints/step-100'); // true
 * looksLikeLocalPath('google/flan-t5-small'); // false
 */
export function looksLikeLocalPath(id: string): boolean {
  return (
    id === '.' ||
    id === '..' ||
    /^(\.{1,2}[\\/]|[/~])/.test(id) ||
    id.includes('\\') ||
    /^[A-Za-z]:/.test(id) ||
    id.split('/').length > 2
  );
}

/**
 * Why `path` is not a usable local folder: it does not exist, or it is a file (then `wanted`, the file the caller
 * was looking for, is named). Null when it is a folder.
 */
export function localFolderProblem(path: string, wanted: string): string | null {
  let isFile: boolean;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return null;
    isFile = true;
  } catch {
    isFile = false;
  }
  const absolute = resolve(path);
  const where = absolute === path ? '' : ` (resolved to ${absolute})`;
  return isFile
    ? `'${path}'${where} is a file; expected a folder holding ${wanted}, or a hub repo id such as 'org/name'.`
    : `Local folder '${path}' does not exist${where}; give an existing folder or a hub repo id such as 'org/name'.`;
}
