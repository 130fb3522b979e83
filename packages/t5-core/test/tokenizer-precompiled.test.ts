// The SentencePiece charsmap normaliser against Rust `tokenizers`' Precompiled (normalize_str of t5-small's
// tokenizer.json normaliser, stored by scripts/make-tokenizer-reference.py). Exact string equality.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PrecompiledCharsmap } from '../src/tokenizer/index.js';
import { SHARED_DIR } from './support/backends.js';

const reference: { normalize: [string, string][] } = JSON.parse(
  readFileSync(resolve(__dirname, 'fixtures', 'tokenizer-reference.json'), 'utf8'),
);

describe('PrecompiledCharsmap', () => {
  const tokenizerJson = JSON.parse(
    readFileSync(join(SHARED_DIR, 'data', 't5-small-tokenizer', 'tokenizer.json'), 'utf8'),
  );
  const charsmap = PrecompiledCharsmap.fromBase64(tokenizerJson.normalizer.precompiled_charsmap);

  it('normalises code points across all planes exactly as Rust tokenizers does', () => {
    const mismatches = reference.normalize
      .filter(([input, want]) => charsmap.normalize(input) !== want)
      .map(
        ([input, want]) =>
          `${JSON.stringify(input)} -> ${JSON.stringify(charsmap.normalize(input))}, want ${JSON.stringify(want)}`,
      );
    expect(mismatches.slice(0, 10)).toEqual([]);
    // The sample must exercise real rewrites, not only identities.
    expect(reference.normalize.filter(([a, b]) => a !== b).length).toBeGreaterThan(100);
  });

  it('rejects a truncated charsmap, naming it', () => {
    expect(() => new PrecompiledCharsmap(new Uint8Array([0xff, 0, 0, 0, 1]), 'x/tokenizer.json')).toThrow(
      /x\/tokenizer\.json: .*trie size/,
    );
  });
});
