// The T5 target encoding (@t5sql/datasets' encodeSqlTarget / decodeSqlTarget) through the real tokenizer ids:
// t5-small's and flan-t5-small's tokenizer files (same vocabulary; clean_up_tokenization_spaces true and false),
// every Spider gold query and every Spider-in-Gretel-format SQL, random strings, and the path from training
// labels to decoded predictions. Here because it needs both t5-core's tokenizer and datasets.
import '@tensorflow/tfjs-backend-cpu';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  type Rng,
  T5_SAFE_CHARACTERS,
  type TextToSqlRecord,
  canonicalSqlSpacing,
  createRng,
  decodeSqlTarget,
  encodeSqlTarget,
  loadGretel,
} from '@t5sql/datasets';
import { type DecoderCache, type IncrementalSeq2Seq, T5Tokenizer } from '@t5sql/t5-core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodePredictions, generatePredictions, toTokenized } from '../src/index.js';

const DATA_DIR = join(process.env.T5SQL_SHARED_DIR ?? resolve(__dirname, '../../../../shared'), 'data');
const UNK = 2; // <unk> in both vocabularies

let t5: T5Tokenizer;
let flan: T5Tokenizer;
beforeAll(async () => {
  t5 = await T5Tokenizer.fromPretrained(join(DATA_DIR, 't5-small-tokenizer'));
  flan = await T5Tokenizer.fromPretrained(join(DATA_DIR, 'flan-t5-small-tokenizer'));
  await tf.setBackend('cpu');
});

/** encode → ids → decode without special tokens; `cleanUp` overrides the tokenizer config's setting. */
function roundTrip(tok: T5Tokenizer, text: string, cleanUp?: boolean): string {
  return tok.decode(tok.encode(text), { skipSpecialTokens: true, cleanUpTokenizationSpaces: cleanUp });
}

describe('the characters the encoding writes as themselves', () => {
  it('each survives both tokenizers in every position, with and without the clean-up', () => {
    const lost: string[] = [];
    for (const tok of [t5, flan]) {
      for (const cleanUp of [true, false]) {
        for (const c of T5_SAFE_CHARACTERS) {
          const contexts = [c, `a${c}b`, `${c}${c}`, `(${c}) 1`, `${c} #lt`];
          // The encoder never writes a space before . ? ! , or ' (what the clean-up removes).
          if (!(cleanUp && /[.?!,']/.test(c))) contexts.push(`a ${c} b`);
          for (const text of contexts)
            if (roundTrip(tok, text, cleanUp) !== text) lost.push(JSON.stringify(text));
        }
      }
    }
    expect(lost).toEqual([]);
  });

  it('the ASCII left out are exactly those T5 cannot spell', () => {
    const printable = Array.from({ length: 0x7f - 0x21 }, (_, i) => String.fromCharCode(0x21 + i));
    const lost = printable.filter((c) => roundTrip(t5, `a${c}b`, false) !== `a${c}b`);
    expect(lost.join('')).toBe('<\\^`{}~');
    expect(printable.filter((c) => !T5_SAFE_CHARACTERS.has(c)).join('')).toBe('#<\\^`{}~');
  });
});

interface Counts {
  total: number;
  /** Queries holding `<`. */
  lessThan: number;
  /** decode(encode(q)) === q, the raw text. */
  plainExact: number;
  /** The same up to whitespace SQL does not care about (canonicalSqlSpacing). */
  plainSame: number;
  /** decodeSqlTarget(decode(encode(encodeSqlTarget(q)))) === canonicalSqlSpacing(q). */
  encodedSame: number;
  /** Encoded queries whose ids hold <unk>. */
  encodedUnk: number;
}

function count(tok: T5Tokenizer, queries: readonly string[], failures: string[]): Counts {
  const c: Counts = { total: 0, lessThan: 0, plainExact: 0, plainSame: 0, encodedSame: 0, encodedUnk: 0 };
  for (const q of queries) {
    c.total++;
    if (q.includes('<')) c.lessThan++;
    const plain = roundTrip(tok, q);
    if (plain === q) c.plainExact++;
    if (canonicalSqlSpacing(plain) === canonicalSqlSpacing(q)) c.plainSame++;
    const ids = tok.encode(encodeSqlTarget(q));
    if (ids.includes(UNK)) c.encodedUnk++;
    const back = decodeSqlTarget(tok.decode(ids, { skipSpecialTokens: true }));
    if (back === canonicalSqlSpacing(q)) c.encodedSame++;
    else failures.push(`${q} → ${back}`);
  }
  return c;
}

describe('every gold query survives the tokenizer once encoded', () => {
  const spider = (split: string) =>
    (JSON.parse(readFileSync(join(DATA_DIR, 'spider', `${split}.json`), 'utf8')) as { query: string }[]).map(
      (r) => r.query,
    );
  const gretel = async (split: 'train' | 'test') =>
    (await loadGretel({ path: join(DATA_DIR, 'spider-as-gretel'), split })).records.map((r) => r.sql);

  // Measured with t5-small's files (clean_up_tokenization_spaces true); the datasets README quotes this table.
  const expected: Record<string, Omit<Counts, 'encodedSame' | 'encodedUnk'>> = {
    'spider dev': { total: 1034, lessThan: 42, plainExact: 241, plainSame: 992 },
    'spider train_spider': { total: 7000, lessThan: 320, plainExact: 1888, plainSame: 6671 },
    'spider train_others': { total: 1659, lessThan: 29, plainExact: 62, plainSame: 1630 },
    'Spider in Gretel format, train': { total: 7000, lessThan: 320, plainExact: 1888, plainSame: 6671 },
    'Spider in Gretel format, test': { total: 1034, lessThan: 42, plainExact: 241, plainSame: 992 },
  };

  it('Spider dev / train_spider / train_others and the Spider-in-Gretel-format parquet files', async () => {
    const corpora: Record<string, string[]> = {
      'spider dev': spider('dev'),
      'spider train_spider': spider('train_spider'),
      'spider train_others': spider('train_others'),
      'Spider in Gretel format, train': await gretel('train'),
      'Spider in Gretel format, test': await gretel('test'),
    };
    const failures: string[] = [];
    const lines = [
      'corpus                          tokenizer  queries  with <  plain exact  plain same  encoded same',
    ];
    for (const [name, queries] of Object.entries(corpora)) {
      for (const [tokName, tok] of [
        ['t5-small', t5],
        ['flan-t5', flan],
      ] as const) {
        const c = count(tok, queries, failures);
        lines.push(
          `${name.padEnd(32)}${tokName.padEnd(11)}${String(c.total).padStart(7)}${String(c.lessThan).padStart(8)}` +
            `${String(c.plainExact).padStart(13)}${String(c.plainSame).padStart(12)}${String(c.encodedSame).padStart(14)}`,
        );
        expect(c.encodedSame, `${name}, ${tokName}`).toBe(c.total);
        expect(c.encodedUnk, `${name}, ${tokName}`).toBe(0);
        if (tokName === 't5-small') {
          const { encodedSame: _s, encodedUnk: _u, ...plain } = c;
          expect(plain, name).toEqual(expected[name]);
        }
      }
    }
    console.log(lines.join('\n'));
    expect(failures).toEqual([]);
  });
});

/** Printable ASCII, whitespace controls, Unicode that T5 normalizes or lacks, and pieces that meet the edge cases. */
const CHARACTERS = [
  ...Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)),
  ...'\t\n\r\f\v',
  ...['é', 'ß', 'Ü', 'ș', 'À', 'ñ', '中', 'Ａ', 'ﬁ', '½', '€', '😀', '\u00a0', '\u3000', '\u200b', '\ufeff'],
  ...['\u2581', '\u0301', '\u0000', '</s>', '<unk>', '<extra_id_0>', '<pad>'],
];
const PIECES = [
  ...["'", '"', '`', '[', ']', ' ', ' ', '  ', '\n', '\t', ',', '.', '?', '!', '1', 'x', '=', '(', ')'],
  ...[
    's',
    'm',
    've',
    're',
    "n't",
    '<',
    '<=',
    '#',
    '##',
    '#lt',
    '#sp',
    '#u41;',
    '--',
    '/*',
    '*/',
    'é',
    'e\u0301',
  ],
];

function randomString(rng: Rng): string {
  const length = Math.floor(rng() * 40);
  const pool = rng() < 0.5 ? CHARACTERS : PIECES;
  let s = '';
  for (let i = 0; i < length; i++) s += pool[Math.floor(rng() * pool.length)];
  return s;
}

describe('random strings', () => {
  it('decodeSqlTarget(decode(ids(encodeSqlTarget(s)))) is canonicalSqlSpacing(s), for both tokenizers and clean-ups', () => {
    const rng = createRng(1414);
    const samples = Array.from({ length: 1500 }, () => randomString(rng));
    const failures: string[] = [];
    let plainLost = 0;
    for (const s of samples) {
      const want = canonicalSqlSpacing(s);
      const target = encodeSqlTarget(s);
      for (const tok of [t5, flan]) {
        const ids = tok.encode(target);
        if (ids.includes(UNK) || ids.slice(0, -1).includes(tok.eosTokenId))
          failures.push(`special ids: ${JSON.stringify(s)}`);
        for (const cleanUp of [true, false]) {
          const back = decodeSqlTarget(
            tok.decode(ids, { skipSpecialTokens: true, cleanUpTokenizationSpaces: cleanUp }),
          );
          if (back !== want) failures.push(`${JSON.stringify(s)} → ${JSON.stringify(back)}`);
        }
      }
      if (canonicalSqlSpacing(roundTrip(t5, s)) !== want) plainLost++;
    }
    expect(failures).toEqual([]);
    // The same strings without the encoding mostly do not survive: the check above can fail.
    expect(plainLost).toBeGreaterThan(samples.length / 2);
  });
});

/**
 * A model that answers every source with the labels it was trained on: the logits put all weight on the next
 * label. Generation then shows what decoding does with a perfectly trained model's output.
 */
class ScriptedSeq2Seq implements IncrementalSeq2Seq {
  readonly decoderStartTokenId = 0;
  readonly eosTokenId = 1;
  readonly padTokenId = 0;
  private readonly answers = new Map<string, number[]>();

  constructor(
    readonly vocabSize: number,
    examples: readonly { inputIds: number[]; labels: number[] }[],
  ) {
    for (const e of examples) this.answers.set(e.inputIds.join(','), e.labels);
  }

  encode(inputIds: tf.Tensor2D, attentionMask: tf.Tensor2D): tf.Tensor3D {
    return tf.tidy(() =>
      tf.expandDims(tf.mul(tf.cast(inputIds, 'float32'), tf.cast(attentionMask, 'float32')), 2),
    );
  }

  initDecoderCache(encoderHiddenStates: tf.Tensor3D): DecoderCache {
    const [batch, src] = encoderHiddenStates.shape;
    const cross = tf.reshape(encoderHiddenStates, [batch, 1, src, 1]) as tf.Tensor4D;
    const empty = () => tf.zeros([batch, 1, 0, 1]) as tf.Tensor4D;
    return {
      layers: [{ selfKey: empty(), selfValue: empty(), crossKey: cross, crossValue: tf.clone(cross) }],
      length: 0,
    };
  }

  decodeStep(ids: tf.Tensor2D, cache: DecoderCache): { logits: tf.Tensor3D; cache: DecoderCache } {
    const [batch, n] = ids.shape;
    const layer = cache.layers[0];
    // The self-attention "cache" holds the decoder tokens so far: [batch, 1, length, 1].
    const history = tf.tidy(() =>
      tf.concat([layer.selfKey, tf.reshape(tf.cast(ids, 'float32'), [batch, 1, n, 1])], 2),
    ) as tf.Tensor4D;
    const sources = (layer.crossKey.arraySync() as number[][][][]).map((row) =>
      row[0].map((x) => x[0]).filter((id) => id !== this.padTokenId),
    );
    const past = layer.selfKey.shape[2];
    const logits = new Float32Array(batch * n * this.vocabSize);
    for (let b = 0; b < batch; b++) {
      const answer = this.answers.get(sources[b].join(','));
      if (answer === undefined)
        throw new Error(`ScriptedSeq2Seq: no answer for source ${sources[b].join(',')}`);
      for (let p = 0; p < n; p++) {
        const next = answer[past + p] ?? this.eosTokenId; // position past + p predicts label past + p
        logits[(b * n + p) * this.vocabSize + next] = 100;
      }
    }
    return {
      logits: tf.tensor3d(logits, [batch, n, this.vocabSize]),
      cache: {
        layers: [
          {
            selfKey: history,
            selfValue: tf.clone(history),
            crossKey: layer.crossKey,
            crossValue: layer.crossValue,
          },
        ],
        length: cache.length + n,
      },
    };
  }
}

describe('training targets and generated predictions', () => {
  const records: TextToSqlRecord[] = [
    ['How many heads are younger than 56?', 'SELECT count(*) FROM head WHERE age  <  56'],
    ['Which singers are not from "Tokyo , Japan"?', "SELECT name FROM singer WHERE city != 'Tokyo ,  Japan'"],
    ['Which names start with a brace?', "SELECT name FROM t WHERE name LIKE '{%' AND n <= 3"],
    ['How many are there?', 'SELECT count(*) FROM t'],
  ].map(([question, sql], i) => ({ id: `q${i}`, question, sql, context: 't(name, age, city, n)' }));
  const hyper = { maxSourceLength: 64, maxTargetLength: 64 };
  const decoding = { batchSize: 3, maxNewTokens: 64, numBeams: 1 };

  it('toTokenized trains on the escaped SQL by default, and generatePredictions reads it back', async () => {
    const { examples } = toTokenized(records, t5, 't5-instruct', hyper);
    expect(examples[0].labels).toEqual(t5.encode('SELECT count(*) FROM head WHERE age #lt 56'));
    for (const e of examples) expect(e.labels).not.toContain(UNK);
    const model = new ScriptedSeq2Seq(t5.vocabSize, examples);
    const predictions = await generatePredictions(model, t5, examples, decoding);
    expect(predictions).toEqual(records.map((r) => canonicalSqlSpacing(r.sql)));
    expect(predictions[0]).toBe('SELECT count(*) FROM head WHERE age < 56');
    expect(predictions[1]).toBe("SELECT name FROM singer WHERE city!='Tokyo ,  Japan'");
  });

  it('with sqlEncoding none the model is trained on <unk> and cannot write < back', async () => {
    const { examples } = toTokenized(records, t5, 't5-instruct', hyper, 'none');
    expect(examples[0].labels).toContain(UNK);
    const model = new ScriptedSeq2Seq(t5.vocabSize, examples);
    const predictions = await generatePredictions(model, t5, examples, { ...decoding, sqlEncoding: 'none' });
    expect(predictions[0]).toBe('SELECT count(*) FROM head WHERE age  56');
    expect(predictions[3]).toBe('SELECT count(*) FROM t');
  });

  it('decodePredictions reads generated text without the clean-up, so spaces inside literals stay', () => {
    // A model output that is not in the canonical spelling: a raw space before a closing quote.
    const ids = [[0, ...t5.encode("SELECT a FROM t WHERE b = 'x ' AND c = 1")]];
    expect(t5.decode(ids[0], { skipSpecialTokens: true })).toBe("SELECT a FROM t WHERE b = 'x'AND c = 1");
    expect(decodePredictions(t5, ids)).toEqual(["SELECT a FROM t WHERE b ='x ' AND c = 1"]);
    expect(decodePredictions(t5, ids, 'none')).toEqual(["SELECT a FROM t WHERE b = 'x'AND c = 1"]);
  });
});
