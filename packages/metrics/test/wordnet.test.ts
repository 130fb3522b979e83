// WordNet 3.0 comes from the data-only @t5sql/wordnet-data package (gzip-compressed, no install script).
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadWordNet } from '../src/index.js';
import { wordNetDataDir } from '../src/wordnet/load-wordnet.js';

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

  it('ships WordNet 3.0 byte for byte: every gunzipped file matches the SHA-256 of the WordNet 3.0 release', () => {
    const dict = wordNetDataDir();
    const sums = readFileSync(join(dict, '..', 'SHA256SUMS'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split(/\s+/) as [string, string]);
    // index, data and exception files for each of noun, verb, adj, adv.
    expect(sums).toHaveLength(12);
    for (const [sum, name] of sums) {
      const bytes = gunzipSync(readFileSync(join(dict, `${name}.gz`)));
      expect(createHash('sha256').update(bytes).digest('hex'), name).toBe(sum);
    }
  });

  it('reads a folder of plain WordNet files and names a missing one', async () => {
    const dict = wordNetDataDir();
    const root = mkdtempSync(join(tmpdir(), 't5sql-wordnet-'));
    try {
      for (const name of readdirSync(dict)) {
        writeFileSync(join(root, name.replace(/\.gz$/, '')), gunzipSync(readFileSync(join(dict, name))));
      }
      const plain = await loadWordNet(root);
      expect([...plain.synonyms('car')].sort()).toEqual([...(await loadWordNet()).synonyms('car')].sort());
      rmSync(join(root, 'data.adv'));
      await expect(loadWordNet(root)).rejects.toThrow(`cannot read WordNet file ${join(root, 'data.adv')}`);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
