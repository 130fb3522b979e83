import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { tempSibling } from './temp-sibling.js';

/**
 * Writes `data` to a temporary sibling of `path`, then renames it into place, so a reader (or an interrupted run)
 * never sees half a file. Creates the parent folder; on failure the temporary file is removed.
 *
 * @example
 * ```ts
 * await writeFileAtomic('out/model.safetensors', bytes);
 * ```
 */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = tempSibling(path);
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * {@link writeFileAtomic}, synchronously.
 *
 * @example
 * ```ts
 * writeFileAtomicSync('results/table.md', markdown);
 * ```
 */
export function writeFileAtomicSync(path: string, data: Uint8Array | string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = tempSibling(path);
  try {
    writeFileSync(temp, data);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
