// spiece.model → tokenizer.json conversion. References: the t5-small tokenizer.json shipped on the hub (Rust
// `tokenizers` format) for every Spider question and query, and Python sentencepiece's ids stored in
// test/fixtures/tokenizer-reference.json (scripts/make-tokenizer-reference.py). Equality is exact.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  PieceType,
  T5Tokenizer,
  type TokenizerJson,
  parseSentencePieceModel,
  sentencePieceToTokenizerJson,
} from '../src/tokenizer/index.js';
import { SHARED_DIR } from './support/backends.js';

const T5_DIR = join(SHARED_DIR, 'data', 't5-small-tokenizer');
const SPIDER = join(SHARED_DIR, 'data', 'spider');
const reference: { encode: { text: string; sentencepiece: number[]; t5Small: number[] }[] } = JSON.parse(
  readFileSync(resolve(__dirname, 'fixtures', 'tokenizer-reference.json'), 'utf8'),
);

function spiderTexts(): string[] {
  const texts: string[] = [];
  for (const file of ['dev.json', 'train_spider.json', 'train_others.json']) {
    for (const ex of JSON.parse(readFileSync(join(SPIDER, file), 'utf8')) as {
      question: string;
      query: string;
    }[]) {
      texts.push(ex.question, ex.query);
    }
  }
  return texts;
}

describe('SentencePiece model conversion', () => {
  const bytes = new Uint8Array(readFileSync(join(T5_DIR, 'spiece.model')));
  const hubJson = JSON.parse(readFileSync(join(T5_DIR, 'tokenizer.json'), 'utf8')) as TokenizerJson;
  let converted: T5Tokenizer;
  let hub: T5Tokenizer;
  beforeAll(async () => {
    const { tokenizerJson, tokenizerConfig } = sentencePieceToTokenizerJson(parseSentencePieceModel(bytes));
    converted = new T5Tokenizer(tokenizerJson, tokenizerConfig);
    hub = await T5Tokenizer.fromPretrained(T5_DIR);
  });

  it('reads the ModelProto: pieces, float32 scores, types, trainer ids and the charsmap', () => {
    const model = parseSentencePieceModel(bytes);
    expect(model.pieces).toHaveLength(32000);
    expect(model.pieces.slice(0, 3).map((p) => [p.piece, p.type])).toEqual([
      ['<pad>', PieceType.CONTROL],
      ['</s>', PieceType.CONTROL],
      ['<unk>', PieceType.UNKNOWN],
    ]);
    // Python sentencepiece reports -2.0122928619384766 for piece 3 (the float32 value widened to double).
    expect(model.pieces[3]).toEqual({ piece: '▁', score: -2.0122928619384766, type: PieceType.NORMAL });
    expect(model.trainerSpec).toMatchObject({ modelType: 1, unkId: 2, bosId: -1, eosId: 1, padId: 0 });
    expect(model.normalizerSpec.name).toBe('nmt_nfkc');
    expect(model.normalizerSpec.precompiledCharsmap.length).toBe(237539);
  });

  it("builds the hub file's vocabulary, scores (to float32 precision) and added tokens", () => {
    const { tokenizerJson } = sentencePieceToTokenizerJson(parseSentencePieceModel(bytes));
    const ours = tokenizerJson.model.vocab as [string, number][];
    const theirs = hubJson.model.vocab as [string, number][];
    expect(ours.map(([p]) => p)).toEqual(theirs.map(([p]) => p));
    const maxScoreDiff = Math.max(...ours.map(([, s], i) => Math.abs(s - theirs[i][1])));
    expect(maxScoreDiff).toBeLessThan(1e-6);
    expect(tokenizerJson.added_tokens).toEqual(hubJson.added_tokens);
    expect(tokenizerJson.model.unk_id).toBe(2);
    expect(tokenizerJson.post_processor).toEqual(hubJson.post_processor);
  });

  it('gives the same ids as the hub tokenizer.json on all Spider questions and SQL (dev + train)', () => {
    const texts = spiderTexts();
    expect(texts.length).toBe(19386);
    let equal = 0;
    const firstMismatches: string[] = [];
    for (const text of texts) {
      if (JSON.stringify(converted.encode(text)) === JSON.stringify(hub.encode(text))) equal++;
      else if (firstMismatches.length < 5) firstMismatches.push(text);
    }
    expect(firstMismatches).toEqual([]);
    expect(equal).toBe(texts.length);
  });

  it('equals Python sentencepiece on the Spider sample and the edge cases it shares with HF', () => {
    const mismatches: string[] = [];
    for (const row of reference.encode) {
      const ours = JSON.stringify(converted.encode(row.text));
      // sentencepiece knows nothing of T5's added tokens (<extra_id_N>, literal "<pad>"), and it takes the longest
      // charsmap match where HF takes the shortest ("i\u0306 subscript ᵢ\u0306"); there HF is the reference.
      const spKnowsText = !/<extra_id_\d+>|<pad>|<\/s>|<unk>/.test(row.text) && !row.text.includes('ᵢ');
      const want = spKnowsText ? row.sentencepiece : row.t5Small;
      if (ours !== JSON.stringify(want)) mismatches.push(row.text);
    }
    expect(mismatches).toEqual([]);
  });

  it('T5Tokenizer.fromPretrained converts spiece.model when a folder has no tokenizer.json', async () => {
    const dir = await mkdtemp(join(tmpdir(), 't5-spiece-'));
    try {
      await writeFile(join(dir, 'spiece.model'), bytes);
      const tok = await T5Tokenizer.fromPretrained(dir);
      expect(tok.vocabSize).toBe(32100);
      expect(tok.encode('How many heads of the departments are older than 56 ?')).toEqual(
        hub.encode('How many heads of the departments are older than 56 ?'),
      );
      expect(tok.decode(tok.encode('count(*) <extra_id_0>'), { skipSpecialTokens: true })).toBe('count(*)');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('rejects a file that is not a SentencePiece model, naming it', () => {
    expect(() => parseSentencePieceModel(new Uint8Array([0x0a, 0x05, 0x01]), 'bad.model')).toThrow(
      /bad\.model/,
    );
    expect(() => parseSentencePieceModel(new Uint8Array(0), 'empty.model')).toThrow(
      /empty\.model: .*no pieces/,
    );
  });
});
