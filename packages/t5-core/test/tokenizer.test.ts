// T5Tokenizer against the Python reference stack. Reference: test/fixtures/tokenizer-reference.json, written by
// scripts/make-tokenizer-reference.py with sentencepiece (C++) and transformers' T5TokenizerFast (Rust
// `tokenizers`). Token ids and decoded strings must be exactly equal.
import { readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { repoCachePaths } from '@t5sql/hub';
import { beforeAll, describe, expect, it } from 'vitest';
import { T5Tokenizer } from '../src/tokenizer/index.js';
import { SHARED_DIR } from './support/backends.js';

interface Reference {
  encode: { text: string; sentencepiece: number[]; t5Small: number[]; flanT5Small: number[] }[];
  decode: {
    ids: number[];
    t5Small: { skip: string; keep: string };
    flanT5Small: { skip: string; keep: string };
  }[];
}

const reference: Reference = JSON.parse(
  readFileSync(resolve(__dirname, 'fixtures', 'tokenizer-reference.json'), 'utf8'),
);
const T5_DIR = join(SHARED_DIR, 'data', 't5-small-tokenizer');
const FLAN_DIR = join(SHARED_DIR, 'data', 'flan-t5-small-tokenizer');

describe('T5Tokenizer from tokenizer.json', () => {
  let t5: T5Tokenizer;
  let flan: T5Tokenizer;
  beforeAll(async () => {
    t5 = await T5Tokenizer.fromPretrained(T5_DIR);
    flan = await T5Tokenizer.fromPretrained(FLAN_DIR);
  });

  it('exposes the special ids and vocabulary size of t5-small', () => {
    expect([t5.padTokenId, t5.eosTokenId, t5.unkTokenId, t5.vocabSize]).toEqual([0, 1, 2, 32100]);
    expect(t5.tokenToId('<extra_id_0>')).toBe(32099);
  });

  it('encodes every reference text exactly like T5TokenizerFast (t5-small and flan-t5-small files)', () => {
    const mismatches: string[] = [];
    for (const row of reference.encode) {
      if (JSON.stringify(t5.encode(row.text)) !== JSON.stringify(row.t5Small))
        mismatches.push(`t5: ${row.text}`);
      if (JSON.stringify(flan.encode(row.text)) !== JSON.stringify(row.flanT5Small)) {
        mismatches.push(`flan: ${row.text}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(reference.encode.length).toBeGreaterThan(400);
  });

  it('decodes exactly like T5TokenizerFast, with and without special tokens and per clean_up_tokenization_spaces', () => {
    const mismatches: string[] = [];
    for (const row of reference.decode) {
      const cases: [T5Tokenizer, { skip: string; keep: string }, string][] = [
        [t5, row.t5Small, 't5'],
        [flan, row.flanT5Small, 'flan'],
      ];
      for (const [tok, want, name] of cases) {
        const skip = tok.decode(row.ids, { skipSpecialTokens: true });
        const keep = tok.decode(row.ids, { skipSpecialTokens: false });
        if (skip !== want.skip)
          mismatches.push(`${name} skip ${JSON.stringify(row.ids)}: ${skip} != ${want.skip}`);
        if (keep !== want.keep)
          mismatches.push(`${name} keep ${JSON.stringify(row.ids)}: ${keep} != ${want.keep}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('decodes SQL the way HF does: unknown "<" becomes <unk>, t5-small cleans " ," but flan does not', () => {
    const ids = t5.encode('SELECT count(*) , name FROM t WHERE a < 5');
    expect(ids).toContain(t5.unkTokenId);
    // "<" is a lone "▁" piece followed by <unk>: skipping specials leaves the two spaces around it.
    expect(t5.decode(ids, { skipSpecialTokens: true })).toBe('SELECT count(*), name FROM t WHERE a  5');
    expect(flan.decode(ids, { skipSpecialTokens: true })).toBe('SELECT count(*) , name FROM t WHERE a  5');
    expect(t5.decode(ids)).toBe('SELECT count(*), name FROM t WHERE a <unk> 5</s>');
  });

  it('encodeBatch pads right to the longest row and truncates keeping </s>', () => {
    const texts = ['How many singers do we have?', 'hi'];
    const longest = t5.encodeBatch(texts);
    const a = t5.encode(texts[0]);
    const b = t5.encode(texts[1]);
    expect(longest.inputIds).toEqual([a, [...b, ...new Array(a.length - b.length).fill(0)]]);
    expect(longest.attentionMask[1]).toEqual([...b.map(() => 1), ...new Array(a.length - b.length).fill(0)]);

    const cut = t5.encodeBatch(texts, { maxLength: 4, padding: 'max_length' });
    expect(cut.inputIds).toEqual([[...a.slice(0, 3), 1], [...b, 0, 0].slice(0, 4)]);
    expect(cut.attentionMask).toEqual([
      [1, 1, 1, 1],
      [1, 1, 0, 0].slice(0, 4).map((v, i) => (i < b.length ? 1 : v)),
    ]);

    const ragged = t5.encodeBatch(texts, { padding: false });
    expect(ragged.inputIds).toEqual([a, b]);
    expect(() => t5.encodeBatch(texts, { padding: 'max_length' })).toThrow(/maxLength/);
  });

  it('batchDecode decodes each row; bad ids name their position', () => {
    expect(t5.batchDecode([[0, 8, 1], []], { skipSpecialTokens: true })).toEqual(['the', '']);
    expect(() => t5.decode([5, -100])).toThrow(/ids\[1\] is -100/);
  });

  it('fromPretrained resolves a repo id through the @t5sql/hub cache (offline), spiece.model only', async () => {
    // huggingface_hub layout: snapshots/<commit>/<file> and refs/main naming the commit.
    const cacheDir = await mkdtemp(join(tmpdir(), 't5-hub-cache-'));
    try {
      const commit = 'a'.repeat(40);
      const paths = repoCachePaths(cacheDir, 'google-t5/t5-small', 'model');
      await mkdir(dirname(paths.snapshot(commit, 'spiece.model')), { recursive: true });
      await mkdir(dirname(paths.ref('main')), { recursive: true });
      await writeFile(paths.ref('main'), commit);
      await copyFile(join(T5_DIR, 'spiece.model'), paths.snapshot(commit, 'spiece.model'));
      await copyFile(join(T5_DIR, 'tokenizer_config.json'), paths.snapshot(commit, 'tokenizer_config.json'));
      const tok = await T5Tokenizer.fromPretrained('google-t5/t5-small', { cacheDir, offline: true });
      const text = 'What are the names of singers older than 40 , ordered by age ?';
      expect(tok.encode(text)).toEqual(t5.encode(text));
      // tokenizer_config.json's clean_up_tokenization_spaces (true for t5-small) carries over to the conversion.
      expect(tok.decode(tok.encode(text), { skipSpecialTokens: true })).toBe(
        t5.decode(t5.encode(text), { skipSpecialTokens: true }),
      );
    } finally {
      await rm(cacheDir, { recursive: true, force: true });
    }
  });

  it('names the tokenizer.json file when the file is malformed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 't5-bad-tokenizer-'));
    try {
      const json = JSON.parse(readFileSync(join(T5_DIR, 'tokenizer.json'), 'utf8'));
      const file = join(dir, 'tokenizer.json');
      const { decoder: _decoder, ...noDecoder } = json;
      await writeFile(file, JSON.stringify(noDecoder));
      await expect(T5Tokenizer.fromPretrained(dir)).rejects.toThrow(
        `${file}: not a usable tokenizer.json (Tokenizer must contain a "decoder" property)`,
      );
      await writeFile(file, JSON.stringify({ ...json, model: { ...json.model, vocab: { a: 0 } } }));
      await expect(T5Tokenizer.fromPretrained(dir)).rejects.toThrow(`${file}: not a usable tokenizer.json`);
      await writeFile(file, '{"model": ');
      await expect(T5Tokenizer.fromPretrained(dir)).rejects.toThrow(`${file}: not valid JSON`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('fails loudly on a folder without tokenizer files', async () => {
    await expect(T5Tokenizer.fromPretrained(__dirname)).rejects.toThrow(
      /neither tokenizer.json nor spiece.model/,
    );
  });
});
