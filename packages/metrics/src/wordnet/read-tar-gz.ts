import { gunzipSync } from 'node:zlib';

/**
 * Extracts the named regular files from a gzip-compressed ustar archive held in memory. Just enough tar for the
 * WNdb tarball: 512-byte headers, octal sizes, the ustar name prefix; everything else is skipped.
 *
 * @param wanted archive paths to return (e.g. `dict/index.noun`)
 * @returns the wanted files found, by path
 */
export function readTarGz(archive: Uint8Array, wanted: ReadonlySet<string>): Map<string, Uint8Array> {
  const tar = gunzipSync(archive);
  const out = new Map<string, Uint8Array>();
  let pos = 0;
  while (pos + 512 <= tar.length) {
    const header = tar.subarray(pos, pos + 512);
    // Two zero blocks end the archive; one is enough to stop.
    if (header.every((b) => b === 0)) break;
    const field = (start: number, length: number): string => {
      const raw = header.subarray(start, start + length);
      const nul = raw.indexOf(0);
      return raw.subarray(0, nul === -1 ? length : nul).toString('latin1');
    };
    const prefix = field(345, 155);
    const name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
    const size = Number.parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1);
    if (!Number.isFinite(size) || size < 0) {
      throw new Error(
        `WordNet archive: bad size field in the tar header of ${JSON.stringify(name)} at byte ${pos}`,
      );
    }
    const start = pos + 512;
    if ((type === '0' || type === '') && wanted.has(name)) {
      if (start + size > tar.length) throw new Error(`WordNet archive: ${name} is truncated`);
      out.set(name, tar.subarray(start, start + size));
    }
    pos = start + Math.ceil(size / 512) * 512;
  }
  return out;
}
