// Schema-constrained decoding (SchemaConstraint, PICARD-style) with the real t5-small tokenizer: the token texts
// it checks are the decoded text; teacher-forced gold targets keep their gold token at every step (recall); a tiny
// random T5 decoding dev prompts under the constraint writes only queries that parse and run (precision); the
// top-k rule, the fallback and EOS behave as documented. The full runs (every gold query, every dev prompt) are
// `pnpm --filter @t5sql/benchmarks run check:constrained`.
import '@tensorflow/tfjs-backend-cpu';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Mulberry32 } from '@t5sql/common';
import { encodeSqlTarget, getTemplate, loadGretel, loadSpider, tokenizeExamples } from '@t5sql/datasets';
import {
  type SpiderTableEntry,
  SqliteExecutor,
  buildSchema,
  parseSpiderSql,
  schemaFromCreateTables,
} from '@t5sql/sql-eval';
import { T5ForConditionalGeneration, T5Tokenizer, generateSequences } from '@t5sql/t5-core';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SchemaConstraint, type TokenTexts, decodePredictions, tokenTexts } from '../src/index.js';

const DATA_DIR = join(process.env.T5SQL_SHARED_DIR ?? resolve(__dirname, '../../../../shared'), 'data');
const SPIDER = join(DATA_DIR, 'spider');
const EOS = 1;
const VOCAB = 32128; // t5-small's embedding rows (the tokenizer has 32,100 entries)

let tok: T5Tokenizer;
let tokens: TokenTexts;
let tables: SpiderTableEntry[];
const entry = (db: string) => tables.find((t) => t.db_id === db) as SpiderTableEntry;
const golds = (split: string) =>
  JSON.parse(readFileSync(join(SPIDER, `${split}.json`), 'utf8')) as Array<{ db_id: string; query: string }>;

beforeAll(async () => {
  await tf.setBackend('cpu');
  tok = await T5Tokenizer.fromPretrained(join(DATA_DIR, 't5-small-tokenizer'));
  tokens = tokenTexts(tok);
  tables = JSON.parse(readFileSync(join(SPIDER, 'tables.json'), 'utf8'));
});

/** Ids of `encodeSqlTarget(sql)` (EOS last), as the model is trained to write them. */
const targetIds = (sql: string) => tok.encode(encodeSqlTarget(sql));

describe('tokenTexts', () => {
  it('concatenated, the texts are the decoded text; special tokens have none', () => {
    for (const { query } of golds('dev').slice(0, 200)) {
      const ids = targetIds(query);
      const joined = ids.map((id) => tokens.texts[id] ?? '').join('');
      expect(joined.trimStart()).toBe(
        tok.decode(ids, { skipSpecialTokens: true, cleanUpTokenizationSpaces: false }),
      );
    }
    expect(tokens.texts.length).toBe(32100);
    for (const id of [0, 1, 2, 32000, 32099]) expect(tokens.texts[id]).toBeNull();
    expect(tokens.texts.filter((t) => t === null)).toHaveLength(103);
  });
});

/**
 * Teacher forcing through `process`: at each step the gold token is placed among the top k of a random score row
 * (a 32,128-wide row, as the model gives); returns the steps at which the constraint removed it.
 */
async function removedGoldSteps(schema: SpiderTableEntry, sql: string, rng: () => number): Promise<number[]> {
  const constraint = new SchemaConstraint({ schemas: [schema], tokens });
  const ids = targetIds(sql);
  const removed: number[] = [];
  for (let k = 0; k < ids.length; k++) {
    const row = Float32Array.from({ length: VOCAB }, () => rng() * 10);
    row[ids[k]] = 10 + Math.floor(rng() * 8) * 1e-3; // top 8, at a random rank
    await constraint.process({
      sequences: [[0, ...ids.slice(0, k)]],
      inputRows: [0],
      scores: [row],
      step: k,
      maxNewTokens: 512,
      finished: [false],
    });
    if (!Number.isFinite(row[ids[k]])) removed.push(k);
  }
  return removed;
}

describe('recall: gold targets under teacher forcing keep the gold token', () => {
  it('every Spider dev gold query (allows) and a seeded sample of 40 through process()', async () => {
    const rejected: string[] = [];
    const byDb = new Map<string, SchemaConstraint>();
    for (const { db_id, query } of golds('dev')) {
      let c = byDb.get(db_id);
      if (c === undefined) {
        c = new SchemaConstraint({ schemas: [entry(db_id)], tokens });
        byDb.set(db_id, c);
      }
      const ids = targetIds(query);
      const k = ids.findIndex((id, i) => !c.allows(0, [0, ...ids.slice(0, i)], id));
      if (k >= 0) rejected.push(`${query} @${k}`);
    }
    expect(rejected).toEqual([]);
    const rng = new Mulberry32(17).next;
    const dev = golds('dev');
    for (let n = 0; n < 40; n++) {
      const { db_id, query } = dev[Math.floor(rng() * dev.length)];
      expect(await removedGoldSteps(entry(db_id), query, rng), query).toEqual([]);
    }
  });

  it('a seeded sample of 400 train gold queries, and the Spider-in-Gretel test SQL with schemas from sql_context', async () => {
    const rng = new Mulberry32(5).next;
    const train = [...golds('train_spider'), ...golds('train_others')];
    const rejected: string[] = [];
    for (let n = 0; n < 400; n++) {
      const { db_id, query } = train[Math.floor(rng() * train.length)];
      const c = new SchemaConstraint({ schemas: [entry(db_id)], tokens });
      const ids = targetIds(query);
      if (ids.some((id, i) => !c.allows(0, [0, ...ids.slice(0, i)], id))) rejected.push(query);
    }
    // Allowed to fail: only the 3 train gold queries SQLite cannot run (4513, 4514: ORDER BY before INTERSECT;
    // 3153: a table the schema lacks), which a 400 sample from 8,659 hits rarely.
    const known = new Set([3153, 4513, 4514].map((i) => golds('train_spider')[i].query));
    expect(rejected.filter((q) => !known.has(q))).toEqual([]);

    const { records } = await loadGretel({ path: join(DATA_DIR, 'spider-as-gretel'), split: 'test' });
    const schemas = new Map<string, SpiderTableEntry>();
    const gretelRejected: string[] = [];
    for (const r of records.filter((_, i) => i % 4 === 0)) {
      let schema = schemas.get(r.context);
      if (schema === undefined) {
        schema = schemaFromCreateTables(r.context, r.domain);
        schemas.set(r.context, schema);
      }
      const c = new SchemaConstraint({ schemas: [schema], tokens });
      const ids = targetIds(r.sql);
      if (ids.some((id, i) => !c.allows(0, [0, ...ids.slice(0, i)], id))) gretelRejected.push(r.sql);
    }
    expect(gretelRejected).toEqual([]);
  });
});

describe('the top-k rule, the fallback and EOS', () => {
  const ids = (text: string) => tok.encode(text).slice(0, -1);
  /** One step of `c` on one row: `prefix` (decoder start first) with next-token scores `row`, edited in place. */
  const processOne = (
    c: SchemaConstraint,
    prefix: number[],
    row: Float32Array,
    step: number,
    maxNewTokens = 512,
  ) =>
    c.process({ sequences: [prefix], inputRows: [0], scores: [row], step, maxNewTokens, finished: [false] });

  it('keeps the valid top-k candidates, removes the rest and everything outside the top-k', async () => {
    const c = new SchemaConstraint({ schemas: [entry('concert_singer')], tokens, topK: 3 });
    const prefix = [0, ...ids('SELECT name FROM')];
    const singer = ids(' singer')[0];
    const junk = ids(' WHERE')[0];
    const row = new Float32Array(VOCAB).fill(-5);
    row[junk] = 3; // best, invalid after FROM
    row[singer] = 2; // valid
    row[2] = 1; // <unk>, never valid
    row[ids(' concert')[0]] = 0.5; // valid, but 4th
    await processOne(c, prefix, row, 3);
    const finite = [...row.keys()].filter((t) => Number.isFinite(row[t]));
    expect(finite).toEqual([singer]);
    expect(row[singer]).toBe(2);
  });

  it('takes the best valid token further down when every top-k candidate fails', async () => {
    const c = new SchemaConstraint({ schemas: [entry('concert_singer')], tokens, topK: 2 });
    const prefix = [0, ...ids('SELECT name FROM')];
    const row = new Float32Array(VOCAB).fill(-5);
    row[ids(' WHERE')[0]] = 3;
    row[2] = 2;
    row[ids(' stadium')[0]] = -1; // the best valid one
    await processOne(c, prefix, row, 3);
    expect([...row.keys()].filter((t) => Number.isFinite(row[t]))).toEqual([ids(' stadium')[0]]);
    expect(c.stats).toEqual({
      rowSteps: 1,
      bestRejected: 1,
      fallbacks: 1,
      deadEnds: 0,
      invalidPrefixes: 0,
      budgetForced: 0,
      noCompletion: 0,
      finishedOnEos: 0,
    });
  });

  it('finishOnEos: a row that wants EOS before its query is complete gets the completion instead', async () => {
    const prefix = [0, ...ids('SELECT name FROM singer WHERE age >')];
    const row = () => {
      const r = new Float32Array(VOCAB).fill(-5);
      r[EOS] = 4; // the model wants to stop
      r[ids(' AND')[0]] = 1; // invalid here, in the top-k
      return r;
    };
    const steered = row();
    const c = new SchemaConstraint({ schemas: [entry('concert_singer')], tokens, topK: 2 });
    await processOne(c, prefix, steered, 8);
    const kept = [...steered.keys()].filter((t) => Number.isFinite(steered[t]));
    expect(kept).toHaveLength(1);
    expect(steered[kept[0]]).toBe(4); // EOS's score
    expect(tok.decode([...prefix, kept[0]], { skipSpecialTokens: true })).toBe(
      'SELECT name FROM singer WHERE age > 1',
    );
    expect(c.stats.finishedOnEos).toBe(1);

    // PICARD's behaviour: EOS is removed and the best valid token further down is taken.
    const plain = row();
    const p = new SchemaConstraint({
      schemas: [entry('concert_singer')],
      tokens,
      topK: 2,
      finishOnEos: false,
    });
    await processOne(p, prefix, plain, 8);
    expect(plain[EOS]).toBe(Number.NEGATIVE_INFINITY);
    expect(p.stats).toMatchObject({ finishedOnEos: 0, fallbacks: 1 });
  });

  it('endWithinBudget: with just enough tokens left, only the completion is allowed; with more, the model chooses', async () => {
    const c = new SchemaConstraint({ schemas: [entry('concert_singer')], tokens });
    const prefix = [0, ...ids('SELECT count(')];
    const row = () => {
      const r = new Float32Array(VOCAB).fill(-5);
      r[ids(' name')[0]] = 3; // valid, but the query then needs more tokens
      return r;
    };
    // The completion is ` * ) from singer` (4 tokens or so): plus EOS, it needs them all when that many are left.
    const plan = (c as unknown as { completionOf(n: unknown): number[] }).completionOf(
      (c as unknown as { nodeFor(r: unknown, p: number[]): unknown }).nodeFor(
        (c as unknown as { roots: unknown[] }).roots[0],
        prefix,
      ),
    );
    expect(tok.decode(plan, { skipSpecialTokens: true }).trim()).toBe('* ) from singer');
    const tight = row();
    await processOne(c, prefix, tight, 20, 20 + plan.length + 1);
    expect([...tight.keys()].filter((t) => Number.isFinite(tight[t]))).toEqual([plan[0]]);
    expect(c.stats.budgetForced).toBe(1);
    const loose = row();
    await processOne(c, prefix, loose, 0);
    expect(Number.isFinite(loose[ids(' name')[0]])).toBe(true);
    expect(c.stats.budgetForced).toBe(1);
  });

  it('allows EOS only after a complete query; leaves free rows and finished rows alone', async () => {
    const c = new SchemaConstraint({ schemas: [entry('concert_singer'), null], tokens });
    const complete = [0, ...ids('SELECT name FROM singer')];
    const open = [0, ...ids('SELECT name FROM')];
    expect(c.allows(0, complete, EOS)).toBe(true);
    expect(c.allows(0, open, EOS)).toBe(false);
    expect(c.allows(1, open, EOS)).toBe(true);
    const free = Float32Array.from({ length: VOCAB }, (_, i) => i % 7);
    const before = Float32Array.from(free);
    const done = Float32Array.from(free);
    await c.process({
      sequences: [open, open, [...open, EOS]],
      inputRows: [1, 1, 0],
      scores: [free, Float32Array.from(free), done],
      step: 4,
      maxNewTokens: 512,
      finished: [false, false, true],
    });
    expect(free).toEqual(before);
    expect(done).toEqual(before);
  });

  it('reads `t5-escape`: `#lt` is `<`, and a partial escape is a valid prefix', () => {
    const c = new SchemaConstraint({ schemas: [entry('concert_singer')], tokens });
    const target = targetIds('SELECT name FROM singer WHERE age < 30');
    expect(target.every((id, i) => c.allows(0, [0, ...target.slice(0, i)], id))).toBe(true);
    const hash = tok.encode('#').slice(0, -1); // `▁#`
    const prefix = [0, ...ids('SELECT name FROM singer WHERE age')];
    expect(c.allows(0, prefix, hash[hash.length - 1])).toBe(true); // could become `#lt`
    const raw = new SchemaConstraint({ schemas: [entry('concert_singer')], tokens, sqlEncoding: 'none' });
    expect(raw.allows(0, prefix, hash[hash.length - 1])).toBe(false); // `#` is not SQL
  });

  it('rejects bad options', () => {
    expect(() => new SchemaConstraint({ schemas: [], tokens, topK: 0 })).toThrow(
      /topK must be a positive integer/,
    );
    expect(() => new SchemaConstraint({ schemas: [], tokens, sqlEncoding: 'x' as never })).toThrow(/x/);
    expect(() => new SchemaConstraint({ schemas: [{ db_id: 'e' } as SpiderTableEntry], tokens })).toThrow(
      /table_names_original is not an array/,
    );
  });
});

/** `count` seeded Spider dev records and their tokenized prompts. */
async function devPrompts(seed: number, count: number) {
  const { records } = await loadSpider({ dir: SPIDER, split: 'dev' });
  const rng = new Mulberry32(seed).next;
  const picked = Array.from({ length: count }, () => records[Math.floor(rng() * records.length)]);
  const { examples } = tokenizeExamples(picked, {
    tokenizer: tok,
    template: getTemplate('t5-instruct'),
    maxSourceLength: 256,
    maxTargetLength: 128,
  });
  return { picked, examples };
}

/** A tiny random-weight T5 (d_model 32, 2+2 layers) with t5-small's vocabulary. */
const tinyModel = (seed: number) =>
  T5ForConditionalGeneration.fromConfig(
    {
      vocab_size: VOCAB,
      d_model: 32,
      num_heads: 2,
      d_kv: 16,
      d_ff: 64,
      num_layers: 2,
      num_decoder_layers: 2,
    },
    { seed },
  );

describe('precision: a tiny random T5 decoding dev prompts under the constraint', () => {
  const exec = new SqliteExecutor({ timeoutMs: 5000 });
  afterAll(() => exec.close());

  it('greedy on 6 and beam-4 on 2 seeded dev prompts: no dead end, every token valid, every ended query runs', async () => {
    const { picked, examples } = await devPrompts(3, 8);
    const model = await tinyModel(3);
    let ended = 0;
    let repaired = 0;
    const failures: string[] = [];
    for (let i = 0; i < picked.length; i++) {
      const schema = entry(picked[i].dbId as string);
      const gold = examples[i].labels;
      const constraint = new SchemaConstraint({ schemas: [schema], tokens });
      // A model that knows the answer but errs: the random model's logits plus a bonus of 10 for the gold token
      // of this step, which the random logits outweigh now and then, and a growing wish to stop (EOS + 0.5 per
      // step), so that the text strays from the gold query and the constraint has to keep it valid.
      const logitsProcessor = {
        process: (step: Parameters<SchemaConstraint['process']>[0]) => {
          for (const row of step.scores) {
            if (step.step < gold.length) row[gold[step.step]] += 10;
            row[EOS] += 0.5 * step.step;
          }
          return constraint.process(step);
        },
      };
      const [seq] = await generateSequences(model, [examples[i].inputIds], {
        maxNewTokens: 96,
        numBeams: i < 6 ? 1 : 4,
        logitsProcessor,
      });
      expect(constraint.stats.deadEnds).toBe(0);
      repaired += constraint.stats.bestRejected;
      const end = seq.indexOf(EOS);
      const generated = seq.slice(1, end < 0 ? seq.length : end + 1);
      const check = new SchemaConstraint({ schemas: [schema], tokens });
      generated.forEach((id, k) => expect(check.allows(0, [0, ...generated.slice(0, k)], id)).toBe(true));
      if (end < 0) continue; // cut by maxNewTokens: must not happen (endWithinBudget)
      ended++;
      const [sql] = decodePredictions(tok, [seq]);
      try {
        parseSpiderSql(buildSchema(schema), sql);
      } catch (e) {
        failures.push(`${schema.db_id}: ${sql}: ${(e as Error).message}`);
        continue;
      }
      const out = await exec.query(join(SPIDER, 'database', schema.db_id, `${schema.db_id}.sqlite`), sql);
      if (!out.ok && !out.timedOut) failures.push(`${schema.db_id}: ${sql}: ${out.error}`);
    }
    expect(failures).toEqual([]);
    expect(ended).toBe(picked.length);
    expect(repaired).toBeGreaterThan(0); // the constraint did change the model's choice
    model.dispose();
  });

  it('endWithinBudget: a random model that never wants to stop still ends every row with a query that runs', async () => {
    const { picked, examples } = await devPrompts(11, 4);
    const model = await tinyModel(5);
    const maxNewTokens = 40;
    /** The rows' outputs: EOS suppressed by the model (-20), so only the budget can end a row. */
    const decode = async (endWithinBudget: boolean, numBeams: number) => {
      const outputs: { sql: string | null; forced: number; schema: SpiderTableEntry }[] = [];
      for (let i = 0; i < picked.length; i++) {
        const schema = entry(picked[i].dbId as string);
        const constraint = new SchemaConstraint({ schemas: [schema], tokens, endWithinBudget });
        const logitsProcessor = {
          process: (step: Parameters<SchemaConstraint['process']>[0]) => {
            for (const row of step.scores) row[EOS] -= 20;
            return constraint.process(step);
          },
        };
        const [seq] = await generateSequences(model, [examples[i].inputIds], {
          maxNewTokens,
          numBeams,
          logitsProcessor,
        });
        expect(seq.length).toBeLessThanOrEqual(maxNewTokens + 1);
        const sql = seq.indexOf(EOS) < 0 ? null : decodePredictions(tok, [seq])[0];
        outputs.push({ sql, forced: constraint.stats.budgetForced, schema });
      }
      return outputs;
    };
    // Without it, such a model runs into the budget: the rows are cut, as valid prefixes.
    const free = await decode(false, 1);
    expect(free.every((o) => o.sql === null)).toBe(true);
    for (const numBeams of [1, 4]) {
      const steered = await decode(true, numBeams);
      for (const { sql, forced, schema } of steered) {
        expect(sql).not.toBeNull();
        expect(forced).toBeGreaterThan(0);
        parseSpiderSql(buildSchema(schema), sql as string);
        const out = await exec.query(
          join(SPIDER, 'database', schema.db_id, `${schema.db_id}.sqlite`),
          sql as string,
        );
        expect(out.ok || out.timedOut, `${schema.db_id}: ${sql}: ${out.ok ? '' : out.error}`).toBe(true);
      }
    }
    model.dispose();
  });
});
