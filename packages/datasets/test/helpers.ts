// Test helpers: where the shared data lives, a T5 tokenizer from the real tokenizer files, temp dirs.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Tokenizer } from '@huggingface/tokenizers';
import type { TextToSqlRecord, TextTokenizer } from '../src/index.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The shared data folder: T5SQL_SHARED_DIR (vitest sets it), else ../shared beside the checkout. */
export function sharedData(...parts: string[]): string {
  return join(process.env.T5SQL_SHARED_DIR ?? resolve(repoRoot, '..', 'shared'), 'data', ...parts);
}

/** t5-small's tokenizer (tokenizer.json + tokenizer_config.json) behind the TextTokenizer interface. */
export function t5Tokenizer(): TextTokenizer {
  const dir = sharedData('t5-small-tokenizer');
  const tok = new Tokenizer(
    JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8')),
    JSON.parse(readFileSync(join(dir, 'tokenizer_config.json'), 'utf8')),
  );
  return { encode: (text: string) => tok.encode(text).ids, padTokenId: 0 };
}

/** A whitespace tokenizer with EOS=1, for tests whose expected numbers are worked out by hand. */
export const wordTokenizer: TextTokenizer = {
  encode: (text: string) => [
    ...text
      .split(/\s+/)
      .filter(Boolean)
      .map((w) => 100 + w.length),
    1,
  ],
  padTokenId: 0,
};

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 't5sql-datasets-'));
}

export function record(
  id: string,
  question: string,
  sql: string,
  context = 'CREATE TABLE t (a number);',
): TextToSqlRecord {
  return { id, question, sql, context };
}
