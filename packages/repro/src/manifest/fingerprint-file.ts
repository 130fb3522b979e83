import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { RunManifestError } from '../errors.js';

/** Identity of one input file: its content hash and size, so a manifest says exactly which data was used. */
export interface FileFingerprint {
  path: string;
  sha256: string;
  bytes: number;
}

/** Identity of one dataset as an experiment used it: files plus how many records were read and used. */
export interface DatasetFingerprint {
  name: string;
  files: FileFingerprint[];
  /** Records in the source split(s) before subsetting, by split name. */
  recordCounts: Record<string, number>;
  /** Records actually used (after subset selection), by role. */
  used?: Record<string, number>;
}

const cache = new Map<string, FileFingerprint>();

/** SHA-256 of a file, streamed (data files can be large). Cached per path + size + mtime within the process. */
export async function fingerprintFile(path: string): Promise<FileFingerprint> {
  const st = statSync(path);
  const key = `${path}:${st.size}:${st.mtimeMs}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const hash = createHash('sha256');
  await new Promise<void>((resolve, reject) => {
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve())
      .on('error', (err) =>
        reject(new RunManifestError(`fingerprintFile: cannot read ${path}: ${err.message}`, { cause: err })),
      );
  });
  const fp = { path, sha256: hash.digest('hex'), bytes: st.size };
  cache.set(key, fp);
  return fp;
}
