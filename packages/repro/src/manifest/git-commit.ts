import { spawnSync } from 'node:child_process';

/** The checkout a run came from; `null` fields when git or the repository is unavailable (e.g. an npm install). */
export interface GitInfo {
  commit: string | null;
  /** True when tracked files differ from the commit. */
  dirty: boolean | null;
}

/** Reads the current commit with `git rev-parse HEAD` in `cwd`; never throws. */
export function gitInfo(cwd: string = process.cwd()): GitInfo {
  const rev = spawnSync('git', ['rev-parse', 'HEAD'], { cwd, encoding: 'utf8' });
  if (rev.status !== 0) return { commit: null, dirty: null };
  const status = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], {
    cwd,
    encoding: 'utf8',
  });
  return {
    commit: rev.stdout.trim(),
    dirty: status.status === 0 ? status.stdout.trim().length > 0 : null,
  };
}
