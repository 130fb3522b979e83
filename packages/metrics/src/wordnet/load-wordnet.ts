import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { WordNetError } from '../errors.js';
import { POS_LIST, WordNet, type WordNetFiles, type WordNetPos } from './wordnet.js';

const gunzipAsync = promisify(gunzip);

/** WordNet's file-name suffix for each part of speech (`index.noun`, `data.verb`, `adj.exc`, ...). */
export const WORDNET_FILE_SUFFIX: Record<WordNetPos, string> = { n: 'noun', v: 'verb', a: 'adj', r: 'adv' };

/** The `dict/` folder of the installed `@t5sql/wordnet-data` package. */
export function wordNetDataDir(): string {
  const require = createRequire(import.meta.url);
  try {
    return join(dirname(require.resolve('@t5sql/wordnet-data/package.json')), 'dict');
  } catch (err) {
    throw new WordNetError(
      'meteor: the WordNet data package "@t5sql/wordnet-data" is not installed; it is a dependency of ' +
        `@t5sql/metrics and must be resolvable from ${dirname(new URL(import.meta.url).pathname)}`,
      { cause: err },
    );
  }
}

/** Reads one file of a WordNet folder, gunzipping `<name>.gz`; the error names the file. */
async function readWordNetFile(dir: string, name: string, gzipped: boolean): Promise<Buffer> {
  const path = join(dir, gzipped ? `${name}.gz` : name);
  try {
    const bytes = await readFile(path);
    return gzipped ? await gunzipAsync(bytes) : bytes;
  } catch (err) {
    throw new WordNetError(`meteor: cannot read WordNet file ${path}: ${(err as Error).message}`, {
      cause: err,
    });
  }
}

async function readWordNetFiles(dir: string, gzipped: boolean): Promise<WordNetFiles> {
  const files = { index: {}, data: {}, exceptions: {} } as WordNetFiles;
  await Promise.all(
    POS_LIST.map(async (pos) => {
      const s = WORDNET_FILE_SUFFIX[pos];
      const [index, data, exceptions] = await Promise.all([
        readWordNetFile(dir, `index.${s}`, gzipped),
        readWordNetFile(dir, `data.${s}`, gzipped),
        readWordNetFile(dir, `${s}.exc`, gzipped),
      ]);
      files.index[pos] = index.toString('utf8');
      files.data[pos] = data;
      files.exceptions[pos] = exceptions.toString('utf8');
    }),
  );
  return files;
}

/**
 * Reads WordNet 3.0: by default the gzip-compressed files of the `@t5sql/wordnet-data` package (a data-only
 * dependency whose install runs nothing), or the plain `index.*`, `data.*` and `*.exc` files of a folder.
 *
 * @example
 * ```ts
 * const wn = await loadWordNet();
 * wn.synonyms('car'); // Set { 'car', 'auto', 'automobile', ... }
 * ```
 * @param dir a folder holding uncompressed `index.<pos>`, `data.<pos>` and `<pos>.exc` to use instead
 */
export async function loadWordNet(dir?: string): Promise<WordNet> {
  if (dir !== undefined) return new WordNet(await readWordNetFiles(dir, false));
  return new WordNet(await readWordNetFiles(wordNetDataDir(), true));
}

let shared: Promise<WordNet> | undefined;

/** The process-wide WordNet, loaded on first use and cached (a failed load is retried on the next call). */
export function sharedWordNet(): Promise<WordNet> {
  if (shared === undefined) {
    shared = loadWordNet();
    shared.catch(() => {
      shared = undefined;
    });
  }
  return shared;
}
