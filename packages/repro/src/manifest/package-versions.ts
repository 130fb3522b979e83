import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readJsonFileSync } from '@t5sql/common';

/**
 * Versions of the named packages as resolved from `fromUrl` (a module URL, usually `import.meta.url`): the
 * version in each one's package.json, or `null` when it is not installed.
 */
export function packageVersions(names: readonly string[], fromUrl: string): Record<string, string | null> {
  const require = createRequire(fromUrl);
  const out: Record<string, string | null> = {};
  for (const name of names) {
    out[name] = null;
    let entry: string;
    try {
      entry = require.resolve(name);
    } catch {
      continue;
    }
    // Walk up from the entry file to the package.json that names this package.
    let dir = dirname(entry.startsWith('file:') ? fileURLToPath(entry) : entry);
    for (;;) {
      const pj = join(dir, 'package.json');
      if (existsSync(pj)) {
        const parsed = readJsonFileSync(pj) as { name?: string; version?: string };
        if (parsed.name === name) {
          out[name] = parsed.version ?? null;
          break;
        }
      }
      const up = dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  return out;
}
