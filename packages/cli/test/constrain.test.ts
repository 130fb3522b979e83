// `--constrain schema` on `t5sql generate` and `t5sql eval`: a random tiny model, which writes no SQL on its own,
// writes a prefix of a valid query over the example's database once constrained; the options' errors are usage
// errors naming what is missing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type SpiderTableEntry, SqlPrefixChecker } from '@t5sql/sql-eval';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../src/index.js';
import { SPIDER, TOKENIZER, cli, tinyConfig, tmp } from './support/cli-harness.js';

const tables = () => JSON.parse(readFileSync(join(SPIDER, 'tables.json'), 'utf8')) as SpiderTableEntry[];
const verdict = (db: string, sql: string) => SqlPrefixChecker.forDatabase(tables(), db).check(sql);
const PROMPT =
  'translate English to SQL: tables: singer(name, age) question: How many singers are there? SQL:';

describe('t5sql generate --constrain schema|picard', () => {
  it('writes a complete concert_singer query (picard: a valid prefix) where the unconstrained model writes none', async () => {
    const dir = tmp();
    const base = ['generate', '--config', tinyConfig(dir), '--seed', '7', '--tokenizer', TOKENIZER];
    const common = [...base, '--prompt', PROMPT, '--max-new-tokens', '12', '--json'];
    const free = await cli(common);
    expect(free.code, free.io.err()).toBe(EXIT.ok);
    const [plain] = JSON.parse(free.io.out()) as { sql: string }[];
    expect(verdict('concert_singer', plain.sql)).toBe('invalid');

    const withMode = (mode: string) =>
      cli([
        ...common,
        '--constrain',
        mode,
        '--tables',
        join(SPIDER, 'tables.json'),
        '--db-id',
        'concert_singer',
        '--num-beams',
        '2',
      ]);
    const constrained = await withMode('schema');
    expect(constrained.code, constrained.io.err()).toBe(EXIT.ok);
    const [out] = JSON.parse(constrained.io.out()) as { sql: string }[];
    expect(out.sql).toMatch(/^select/i);
    // The tiny random model never wants to stop: the query is finished within the 12 tokens.
    expect(verdict('concert_singer', out.sql)).toBe('complete');
    expect(constrained.io.err()).toMatch(/constrained decoding: best token refused at \d+ of \d+ beam steps/);
    expect(constrained.io.err()).toMatch(/[1-9]\d* steps finished a query to end within the token budget/);

    const picard = await withMode('picard');
    expect(picard.code, picard.io.err()).toBe(EXIT.ok);
    const [cut] = JSON.parse(picard.io.out()) as { sql: string }[];
    expect(verdict('concert_singer', cut.sql)).toBe('prefix');
    expect(picard.io.err()).toMatch(/ 0 steps finished a query to end within the token budget/);
  });

  it('refuses incomplete or unknown settings with usage errors', async () => {
    const dir = tmp();
    const base = ['generate', '--config', tinyConfig(dir), '--tokenizer', TOKENIZER, '--prompt', PROMPT];
    const tablesPath = join(SPIDER, 'tables.json');
    const cases: Array<[string[], RegExp]> = [
      [['--constrain', 'schema'], /--constrain needs --tables <tables.json> and --db-id <database>/],
      [
        ['--constrain', 'schema', '--tables', tablesPath, '--db-id', 'nope'],
        /"nope" is not in .*tables.json/,
      ],
      [['--constrain', 'maybe'], /--constrain/],
      [['--constrain-top-k', '3'], /--constrain-top-k needs --constrain schema or picard/],
      [['--db-id', 'concert_singer'], /--tables and --db-id go with --constrain schema or picard/],
      [
        ['--constrain', 'schema', '--tables', tablesPath, '--db-id', 'a', '--db-id', 'b', '--db-id', 'c'],
        /one for all prompts or one per prompt \(1\), not 3/,
      ],
    ];
    for (const [extra, message] of cases) {
      const r = await cli([...base, ...extra]);
      expect(r.code, extra.join(' ')).toBe(EXIT.usage);
      expect(r.io.err()).toMatch(message);
    }
  });
});

describe('t5sql eval --constrain schema', () => {
  it('decodes each Spider dev example within its own database', async () => {
    const dir = tmp();
    const predictionsOut = join(dir, 'predictions.jsonl');
    const r = await cli([
      'eval',
      '--config',
      tinyConfig(dir),
      '--seed',
      '7',
      '--tokenizer',
      TOKENIZER,
      '--data',
      SPIDER,
      '--split',
      'dev',
      '--limit',
      '3',
      '--max-new-tokens',
      '10',
      '--metrics',
      'exact_match',
      '--constrain',
      'schema',
      '--constrain-top-k',
      '4',
      '--predictions-out',
      predictionsOut,
    ]);
    expect(r.code, r.io.err()).toBe(EXIT.ok);
    expect(r.io.err()).toMatch(/constrained decoding:/);
    const dev = JSON.parse(readFileSync(join(SPIDER, 'dev.json'), 'utf8')) as { db_id: string }[];
    const lines = readFileSync(predictionsOut, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      const { id, prediction } = JSON.parse(line) as { id: string; prediction: string };
      const db = dev[Number(id.replace('dev-', ''))].db_id;
      // Finished within --max-new-tokens: a whole query, not a prefix cut off (nor an escape left open).
      expect(verdict(db, prediction), `${db}: ${prediction}`).toBe('complete');
    }
  });
});
