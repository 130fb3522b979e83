// The full checks of schema-constrained decoding (SchemaConstraint, issue 14), which the test suite runs on samples:
//
// 1. Recall: every Spider gold query (dev, train_spider, train_others) and every Spider-in-Gretel-format SQL (schemas
//    read from its sql_context), spelled as the model is trained to write it (encodeSqlTarget, t5-small tokenizer),
//    keeps its gold token at every step under teacher forcing, EOS included.
// 2. Precision: a tiny random T5 decodes every dev prompt under the constraint (greedy, then beam 4). Its logits get
//    a bonus of 10 for the gold token of each step, which the random logits outweigh now and then, and EOS gets 0.5
//    more per step, so the text strays from the gold query (and would stop early) and the constraint must keep it
//    valid; a query that ends (EOS) must parse with the official parser and run on its database. With the
//    constraint's default endWithinBudget, a row near maxNewTokens (160) is steered to end with a complete query,
//    so every output should end; the count of rows it steered is printed.
//
//   pnpm --filter @t5sql/benchmarks run check:constrained [-- options]
//   options: --data <dir with spider/ and t5-small-tokenizer/> (default ../shared/data beside the checkout)
//            --precision-limit N (dev prompts, default all) --beam-limit N (default all) --skip-precision
//            --model tiny (default: d_model 32, 2+2 layers) | relu-fixture | gated-fixture (the shared tiny T5
//              fixtures' configs, ../shared/fixtures/t5/*, with the tokenizer's 32,128-token vocabulary: their own
//              128-token vocabulary cannot spell SQL) | t5-small (t5-small's shape); all random-weight (seed 3)
//            --backend cpu (default) | wasm | any name selectBackend knows
//            --guide gold (default: the bonuses above) | none (the random model alone: it never wants to stop, so
//              every query is one the constraint finished within the budget)
//            --max-new-tokens N (default 160)
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  type GretelSplit,
  encodeSqlTarget,
  getTemplate,
  loadGretel,
  loadSpider,
  tokenizeExamples,
} from '@t5sql/datasets';
import { SchemaConstraint, decodePredictions, tokenTexts } from '@t5sql/repro';
import {
  type SpiderTableEntry,
  SqliteExecutor,
  buildSchema,
  parseSpiderSql,
  schemaFromCreateTables,
} from '@t5sql/sql-eval';
import {
  type LogitsProcessorStep,
  type T5ConfigJson,
  T5ForConditionalGeneration,
  T5Tokenizer,
  generateSequences,
  selectBackend,
} from '@t5sql/t5-core';
import { T5_SMALL_SHAPE } from './micro/t5-small-shape.js';

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    data: { type: 'string', default: process.env.T5SQL_DATA_DIR ?? resolve(here, '../../../shared/data') },
    'precision-limit': { type: 'string' },
    'beam-limit': { type: 'string' },
    'skip-precision': { type: 'boolean', default: false },
    model: { type: 'string', default: 'tiny' },
    guide: { type: 'string', default: 'gold' },
    'max-new-tokens': { type: 'string', default: '160' },
    backend: { type: 'string', default: 'cpu' },
  },
});
const dataDir = values.data as string;
if (values.guide !== 'gold' && values.guide !== 'none')
  throw new Error(`--guide: gold or none, not ${values.guide}`);
const guided = values.guide === 'gold';
const maxNewTokens = Number(values['max-new-tokens']);
if (!Number.isInteger(maxNewTokens) || maxNewTokens < 1)
  throw new Error('--max-new-tokens: a positive integer');
const spiderDir = join(dataDir, 'spider');
const EOS = 1;

await selectBackend({ prefer: values.backend as string, quiet: true });
const tok = await T5Tokenizer.fromPretrained(join(dataDir, 't5-small-tokenizer'));
const tokens = tokenTexts(tok);
const tables = JSON.parse(readFileSync(join(spiderDir, 'tables.json'), 'utf8')) as SpiderTableEntry[];
function entryOf(db: string): SpiderTableEntry {
  const entry = tables.find((t) => t.db_id === db);
  if (entry === undefined) throw new Error(`${db} is not in ${join(spiderDir, 'tables.json')}`);
  return entry;
}

/** The random model's config: a named shape, always with the tokenizer's vocabulary. */
function modelConfig(name: string): T5ConfigJson {
  const vocab = { vocab_size: 32128 };
  if (name === 'tiny')
    return { ...vocab, d_model: 32, num_heads: 2, d_kv: 16, d_ff: 64, num_layers: 2, num_decoder_layers: 2 };
  if (name === 't5-small') return { ...T5_SMALL_SHAPE, ...vocab };
  const fixture = (
    { 'relu-fixture': 't5_v1_0_relu_tied', 'gated-fixture': 't5_v1_1_gated_gelu_untied' } as Record<
      string,
      string
    >
  )[name];
  if (fixture === undefined)
    throw new Error(`--model: expected tiny, relu-fixture, gated-fixture or t5-small, got "${name}"`);
  const path = join(dataDir, '..', 'fixtures', 't5', fixture, 'config.json');
  return { ...JSON.parse(readFileSync(path, 'utf8')), ...vocab };
}

/** Index of the first gold token the constraint refuses, or -1. */
function firstRefused(constraint: SchemaConstraint, sql: string): number {
  const ids = tok.encode(encodeSqlTarget(sql));
  return ids.findIndex((id, i) => !constraint.allows(0, [0, ...ids.slice(0, i)], id));
}

console.log('Recall: gold targets under teacher forcing (t5-small tokenizer, t5-escape targets)');
const corpora: Array<{
  name: string;
  rows: Array<{ i: number; sql: string; schema: () => SpiderTableEntry }>;
}> = [];
for (const split of ['dev', 'train_spider', 'train_others']) {
  const rows = JSON.parse(readFileSync(join(spiderDir, `${split}.json`), 'utf8')) as Array<{
    query: string;
    db_id: string;
  }>;
  corpora.push({
    name: `Spider ${split}`,
    rows: rows.map((r, i) => ({ i, sql: r.query, schema: () => entryOf(r.db_id) })),
  });
}
for (const split of ['train', 'test']) {
  const { records } = await loadGretel({
    path: join(dataDir, 'spider-as-gretel'),
    split: split as GretelSplit,
  });
  const cache = new Map<string, SpiderTableEntry>();
  const schemaOf = (r: { context: string; domain: string }): SpiderTableEntry => {
    let entry = cache.get(r.context);
    if (entry === undefined) {
      entry = schemaFromCreateTables(r.context, r.domain);
      cache.set(r.context, entry);
    }
    return entry;
  };
  corpora.push({
    name: `Spider in Gretel format, ${split}`,
    rows: records.map((r, i) => ({ i, sql: r.sql, schema: () => schemaOf(r) })),
  });
}
for (const { name, rows } of corpora) {
  const started = performance.now();
  const constraints = new Map<SpiderTableEntry, SchemaConstraint>();
  const refused: string[] = [];
  let steps = 0;
  for (const row of rows) {
    const schema = row.schema();
    let c = constraints.get(schema);
    if (c === undefined) {
      c = new SchemaConstraint({ schemas: [schema], tokens });
      constraints.set(schema, c);
    }
    steps += tok.encode(encodeSqlTarget(row.sql)).length;
    const k = firstRefused(c, row.sql);
    if (k >= 0) refused.push(`  #${row.i} (token ${k}): ${row.sql}`);
  }
  const ms = performance.now() - started;
  console.log(
    `${name.padEnd(34)} ${String(rows.length - refused.length).padStart(5)} / ${String(rows.length).padEnd(5)} kept every gold token` +
      `  (${steps} tokens, ${(ms / 1000).toFixed(1)} s)`,
  );
  for (const line of refused) console.log(line);
}

if (!values['skip-precision']) {
  console.log(
    `\nPrecision: a random-weight T5 (${values.model}: d_model ${modelConfig(values.model as string).d_model}, vocab 32128, ` +
      `backend ${values.backend}), ${guided ? 'gold-token bonus 10, EOS bonus 0.5 x step' : 'no bonus'}, ` +
      `up to ${maxNewTokens} new tokens`,
  );
  const { records } = await loadSpider({ dir: spiderDir, split: 'dev' });
  const { examples } = tokenizeExamples(records, {
    tokenizer: tok,
    template: getTemplate('t5-instruct'),
    maxSourceLength: 512,
    maxTargetLength: 256,
  });
  const model = await T5ForConditionalGeneration.fromConfig(modelConfig(values.model as string), { seed: 3 });
  const exec = new SqliteExecutor({ timeoutMs: 10_000 });
  const runs: Array<[string, number, string | undefined]> = [
    ['greedy', 1, values['precision-limit'] as string | undefined],
    ['beam 4', 4, (values['beam-limit'] ?? values['precision-limit']) as string | undefined],
  ];
  for (const [label, numBeams, limit] of runs) {
    const count = Math.min(records.length, limit === undefined ? records.length : Number(limit));
    const t = {
      outputs: 0,
      ended: 0,
      parsed: 0,
      ran: 0,
      timedOut: 0,
      differ: 0,
      bestRejected: 0,
      fallbacks: 0,
      steered: 0,
    };
    const t0 = performance.now();
    const failures: string[] = [];
    let deadEnds = 0;
    for (let i = 0; i < count; i++) {
      if (i > 0 && i % 100 === 0) process.stderr.write(`  ${label}: ${i}/${count}\n`);
      const record = records[i];
      const schema = entryOf(record.dbId as string);
      const gold = examples[i].labels;
      const constraint = new SchemaConstraint({ schemas: [schema], tokens });
      const logitsProcessor = {
        process: (step: LogitsProcessorStep) => {
          for (const row of guided ? step.scores : []) {
            if (step.step < gold.length) row[gold[step.step]] += 10;
            row[EOS] += 0.5 * step.step;
          }
          return constraint.process(step);
        },
      };
      const [seq] = await generateSequences(model, [examples[i].inputIds], {
        maxNewTokens,
        numBeams,
        logitsProcessor,
      });
      t.outputs++;
      t.bestRejected += constraint.stats.bestRejected;
      t.fallbacks += constraint.stats.fallbacks;
      if (constraint.stats.budgetForced > 0) t.steered++;
      deadEnds += constraint.stats.deadEnds;
      const [sql] = decodePredictions(tok, [seq]);
      if (sql !== decodePredictions(tok, [[0, ...gold]])[0]) t.differ++;
      if (!seq.slice(1).includes(EOS)) continue;
      t.ended++;
      try {
        parseSpiderSql(buildSchema(schema), sql);
        t.parsed++;
      } catch (e) {
        failures.push(`  dev #${i} does not parse: ${sql}: ${(e as Error).message}`);
        continue;
      }
      const out = await exec.query(join(spiderDir, 'database', schema.db_id, `${schema.db_id}.sqlite`), sql);
      if (out.ok) t.ran++;
      else if (out.timedOut) t.timedOut++;
      else failures.push(`  dev #${i} fails on SQLite: ${sql}: ${out.error}`);
    }
    console.log(
      `${label.padEnd(7)} ${t.outputs} outputs, ${t.ended} ended by EOS: ${t.parsed} parse, ${t.ran} run` +
        ` (${t.timedOut} timed out); ${t.differ} differ from gold; best token refused ${t.bestRejected}x,` +
        ` fallbacks ${t.fallbacks}, dead ends ${deadEnds}; ${t.steered} finished by the budget rule;` +
        ` ${((performance.now() - t0) / 1000).toFixed(0)} s`,
    );
    for (const line of failures) console.log(line);
  }
  await exec.close();
}
// Done: exit without waiting for the runtime to wind down on its own (after the full run it kept one core busy).
process.exit(0);
