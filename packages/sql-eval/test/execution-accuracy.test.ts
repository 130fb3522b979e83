import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SqliteExecutor, executionAccuracy } from '../src/index.js';
import { databaseDir, loadDev, loadParityFixture, loadTables, tablesPath } from './spider-data.js';

const singerDb = join(databaseDir, 'concert_singer', 'concert_singer.sqlite');

describe('executionAccuracy', () => {
  it('scores a dev subset of gold against itself at 1.0 and every gold executes', async () => {
    // Every 5th dev example (207, all 20 databases); the full 1,034 run is in the benchmark.
    const dev = loadDev().filter((_, i) => i % 5 === 0);
    const r = await executionAccuracy({
      predictions: dev.map((d) => d.query),
      golds: dev.map((d) => d.query),
      dbIds: dev.map((d) => d.db_id),
      databaseDir,
      tables: loadTables(),
    });
    expect(r.goldFailures).toEqual([]);
    expect(r.failedPredictions).toBe(0);
    expect(r.score).toBe(1);
    expect(r.byHardness.all.count).toBe(dev.length);
  });

  // Reference: test-suite-sql-eval exec_eval.py (default flags: DISTINCT removed, first statement only) on the
  // same SQLite files, via scripts/make_parity_fixture.py. Tolerance: none, every example must agree.
  it('agrees with the official execution comparison on every perturbed dev prediction', async () => {
    const { rows } = loadParityFixture();
    const r = await executionAccuracy({
      predictions: rows.map((x) => x.pred),
      golds: rows.map((x) => x.gold),
      dbIds: rows.map((x) => x.db_id),
      databaseDir,
    });
    expect(r.perExample).toEqual(rows.map((x) => x.exec));
    expect(r.goldFailures).toEqual([]);
    // Without tables, hardness comes from the schema read out of each database (the official way).
    expect(r.hardness).toEqual(rows.map((x) => x.hardness));
    expect(r.failedPredictions).toBeGreaterThan(100);
  });

  it('agrees with the official execution comparison on fuzzed dev predictions', async () => {
    const { rows } = loadParityFixture('spider-dev-fuzzed.json');
    const r = await executionAccuracy({
      predictions: rows.map((x) => x.pred),
      golds: rows.map((x) => x.gold),
      dbIds: rows.map((x) => x.db_id),
      databaseDir,
    });
    expect(r.perExample).toEqual(rows.map((x) => x.exec));
  });

  it('keeps the database read-only: DROP, DELETE and UPDATE fail and change nothing', async () => {
    const executor = new SqliteExecutor();
    try {
      const r = await executionAccuracy({
        predictions: [
          'DROP TABLE singer',
          'DELETE FROM singer',
          "UPDATE singer SET name = 'x'",
          'SELECT count(*) FROM singer',
        ],
        golds: Array(4).fill('SELECT count(*) FROM singer'),
        dbIds: Array(4).fill('concert_singer'),
        databaseDir,
        executor,
      });
      expect(r.perExample).toEqual([0, 0, 0, 1]);
      expect(r.failedPredictions).toBe(3);
      const after = await executor.query(singerDb, 'SELECT count(*) FROM singer');
      expect(after).toEqual({ ok: true, rows: [[6]] });
    } finally {
      await executor.close();
    }
  });

  it('runs every prediction on the database as it is on disk, whatever an earlier prediction tried', async () => {
    // Each attack is followed by a correct prediction, which must still score 1. Against a database whose
    // query_only lock a PRAGMA could lift, the DROP / DELETE made every later gold fail.
    const attacks = [
      'PRAGMA query_only = 0',
      'DROP TABLE singer',
      'PRAGMA query_only = 0',
      'DELETE FROM singer',
      'PRAGMA query_only = 0; DROP TABLE singer',
      'PRAGMA writable_schema = 1',
      "ATTACH DATABASE ':memory:' AS other",
      "VACUUM INTO 'copy.sqlite'",
      'CREATE TEMP TABLE singer AS SELECT 1 AS x',
      'WITH x AS (SELECT 1) DELETE FROM singer',
    ];
    const predictions = attacks.flatMap((a) => [a, 'SELECT count(*) FROM singer']);
    const executor = new SqliteExecutor();
    try {
      const r = await executionAccuracy({
        predictions,
        golds: predictions.map(() => 'SELECT count(*) FROM singer'),
        dbIds: predictions.map(() => 'concert_singer'),
        databaseDir,
        executor,
      });
      expect(r.goldFailures).toEqual([]);
      expect(r.perExample).toEqual(attacks.flatMap(() => [0, 1]));
      expect(r.failedPredictions).toBe(attacks.length);
      expect(await executor.query(singerDb, 'SELECT count(*) FROM singer')).toEqual({
        ok: true,
        rows: [[6]],
      });
    } finally {
      await executor.close();
    }
  });

  it('runs the same when node was started with --input-type=module or --experimental-default-type=module', () => {
    // The worker must not inherit flags that change how its code is read. Runs the built package, so build first.
    const pkgDir = resolve(__dirname, '..');
    execFileSync(resolve(pkgDir, '..', '..', 'node_modules', '.bin', 'tsc'), ['-b'], { cwd: pkgDir });
    // With tables.json given, as `t5sql eval-sql` does, a worker that could not start used to score 0 with exit 0.
    const script = `import { readFileSync } from 'node:fs';
import { executionAccuracy } from ${JSON.stringify(pathToFileURL(join(pkgDir, 'dist', 'index.js')).href)};
const r = await executionAccuracy({
  predictions: ['SELECT count(*) FROM singer'],
  golds: ['SELECT count(*) FROM singer'],
  dbIds: ['concert_singer'],
  databaseDir: ${JSON.stringify(databaseDir)},
  tables: JSON.parse(readFileSync(${JSON.stringify(tablesPath)}, 'utf8')),
});
console.log(JSON.stringify({ score: r.score, goldFailures: r.goldFailures }));`;
    const dir = mkdtempSync(join(tmpdir(), 'sql-eval-flags-'));
    try {
      const file = join(dir, 'score.js');
      writeFileSync(file, script);
      for (const args of [
        ['--input-type=module', '--eval', script],
        ['--experimental-default-type=module', file],
      ]) {
        const out = execFileSync(process.execPath, args, {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        expect(JSON.parse(out), args[0]).toEqual({ score: 1, goldFailures: [] });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops a runaway query at the time limit, counts it, and carries on with the next one', async () => {
    const runaway =
      'SELECT count(*) FROM singer, singer, singer, singer, singer, singer, singer, singer, singer, singer, singer, singer';
    const r = await executionAccuracy({
      predictions: [runaway, 'SELECT count(*) FROM singer'],
      golds: ['SELECT count(*) FROM singer', 'SELECT count(*) FROM singer'],
      dbIds: ['concert_singer', 'concert_singer'],
      databaseDir,
      timeoutMs: 300,
    });
    expect(r.perExample).toEqual([0, 1]);
    expect(r.timedOut).toBe(1);
    expect(r.failedPredictionIndices).toEqual([0]);
  });

  it('reports missing databases and failing gold queries as counts, not crashes', async () => {
    const r = await executionAccuracy({
      predictions: ['SELECT 1', 'SELECT name FROM singer', 'SELECT name FROM singer'],
      golds: ['SELECT 1', 'SELECT nonexistent FROM singer', 'SELECT name FROM singer'],
      dbIds: ['geo', 'concert_singer', 'concert_singer'],
      databaseDir,
      tables: loadTables(),
    });
    expect(r.perExample).toEqual([0, 0, 1]);
    expect(r.missingDatabaseExamples).toBe(1);
    expect(r.missingDatabases).toEqual(['geo']);
    expect(r.goldFailures).toHaveLength(1);
    expect(r.goldFailures[0]).toMatchObject({ index: 1, dbId: 'concert_singer' });
    expect(r.goldFailures[0].error).toMatch(/no such column/);
  });

  it('compares as a bag unless the gold orders, with columns in any order', async () => {
    const one = async (pred: string, gold: string) =>
      (
        await executionAccuracy({
          predictions: [pred],
          golds: [gold],
          dbIds: ['concert_singer'],
          databaseDir,
        })
      ).perExample[0];
    expect(await one('SELECT age, name FROM singer', 'SELECT name, age FROM singer ORDER BY name DESC')).toBe(
      0,
    );
    expect(
      await one(
        'SELECT age, name FROM singer ORDER BY name DESC',
        'SELECT name, age FROM singer ORDER BY name DESC',
      ),
    ).toBe(1);
    expect(await one('SELECT age, name FROM singer ORDER BY age', 'SELECT name, age FROM singer')).toBe(1);
    expect(await one('SELECT DISTINCT country FROM singer', 'SELECT country FROM singer')).toBe(1);
    expect(
      await one('SELECT name FROM singer WHERE age > = 30', 'SELECT name FROM singer WHERE age >= 30'),
    ).toBe(1);
    expect(await one('', 'SELECT name FROM singer WHERE age > 1000')).toBe(0);
  });
});
