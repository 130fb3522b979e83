import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteExecutor, executionAccuracy } from '../src/index.js';
import { databaseDir } from './spider-data.js';

const singerDb = join(databaseDir, 'concert_singer', 'concert_singer.sqlite');
const scratch = mkdtempSync(join(tmpdir(), 'sql-eval-executor-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// Everything a statement could change in the connection that a later query would see: rows, schema (main and
// temp), attached databases, the query_only / writable_schema locks, and LIKE's case rule.
const FINGERPRINT = `SELECT (SELECT count(*) FROM singer),
  (SELECT group_concat(type || ':' || name, ',') FROM sqlite_master),
  (SELECT count(*) FROM temp.sqlite_master),
  (SELECT count(*) FROM pragma_database_list),
  (SELECT query_only FROM pragma_query_only),
  (SELECT writable_schema FROM pragma_writable_schema),
  'a' LIKE 'A'`;

describe('SqliteExecutor', () => {
  it('refuses every statement that is not one read and leaves the database as it is on disk', async () => {
    const attachFile = join(scratch, 'attached.sqlite');
    const vacuumFile = join(scratch, 'vacuumed.sqlite');
    const attacks = [
      'PRAGMA query_only = 0',
      'pragma QUERY_ONLY=false',
      '/* a comment */ PRAGMA query_only = 0',
      '-- a comment\nPRAGMA query_only = 0',
      ';; PRAGMA query_only = 0',
      'PRAGMA query_only = 0; DROP TABLE singer',
      'PRAGMA writable_schema = 1',
      'PRAGMA case_sensitive_like = 1',
      'PRAGMA journal_mode = OFF',
      'DROP TABLE singer',
      'DELETE FROM singer',
      "UPDATE singer SET name = 'x'",
      'INSERT INTO singer (singer_id) VALUES (99)',
      'REPLACE INTO singer (singer_id) VALUES (1)',
      'WITH x AS (SELECT 1) DELETE FROM singer',
      'WITH x AS (SELECT 99) INSERT INTO singer (singer_id) SELECT * FROM x',
      "ATTACH DATABASE ':memory:' AS other",
      `ATTACH DATABASE '${attachFile}' AS other`,
      `VACUUM INTO '${vacuumFile}'`,
      'VACUUM',
      'CREATE TEMP TABLE singer (x)',
      'CREATE TEMPORARY VIEW singer AS SELECT 1 AS x',
      'CREATE TABLE t (x)',
      'CREATE INDEX i ON singer (name)',
      'ANALYZE',
      'REINDEX',
      'BEGIN',
      'BEGIN IMMEDIATE',
      'SAVEPOINT s',
      'EXPLAIN DELETE FROM singer',
      'SELECT 1; PRAGMA query_only = 0',
      'SELECT 1; DROP TABLE singer',
    ];
    const executor = new SqliteExecutor();
    try {
      const before = await executor.query(singerDb, FINGERPRINT);
      expect(before).toEqual({ ok: true, rows: [[6, expect.any(String), 0, 2, 1, 0, 1]] });
      for (const sql of attacks) {
        const out = await executor.query(singerDb, sql);
        expect(out.ok, sql).toBe(false);
        expect(await executor.query(singerDb, FINGERPRINT), `state after: ${sql}`).toEqual(before);
      }
      // sql.js keeps files in its own in-memory file system, so nothing reaches the disk either way.
      expect(existsSync(attachFile)).toBe(false);
      expect(existsSync(vacuumFile)).toBe(false);
      // Reads of every shape still run.
      for (const sql of [
        '  /* c */ select count(*) from singer',
        'WITH s AS (SELECT age FROM singer) SELECT max(age) FROM s',
        'VALUES (1, 2)',
        "SELECT * FROM pragma_table_info('singer')",
      ]) {
        expect((await executor.query(singerDb, sql)).ok, sql).toBe(true);
      }
    } finally {
      await executor.close();
    }
  });

  it('names why a write is refused', async () => {
    const executor = new SqliteExecutor();
    try {
      expect(await executor.query(singerDb, 'PRAGMA query_only = 0')).toMatchObject({
        ok: false,
        error: expect.stringMatching(/only a read query .* found "PRAGMA"/),
      });
      expect(await executor.query(singerDb, 'WITH x AS (SELECT 1) DELETE FROM singer')).toMatchObject({
        ok: false,
        error: expect.stringMatching(/writes to the database/),
      });
    } finally {
      await executor.close();
    }
  });

  it('throws instead of answering when its worker cannot start (here: a 1 MB heap)', async () => {
    const executor = new SqliteExecutor({ maxHeapMb: 1 });
    try {
      await expect(executor.query(singerDb, 'SELECT 1')).rejects.toThrow(/SQLite worker could not start/);
      await expect(
        executionAccuracy({
          predictions: ['SELECT count(*) FROM singer'],
          golds: ['SELECT count(*) FROM singer'],
          dbIds: ['concert_singer'],
          databaseDir,
          executor,
        }),
      ).rejects.toThrow(/SQLite worker could not start/);
    } finally {
      await executor.close();
    }
  });

  it('fails only the query that exhausts the worker heap, then carries on', async () => {
    const executor = new SqliteExecutor({ maxHeapMb: 24 });
    try {
      const huge =
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 50000000) SELECT x, 'row' FROM c";
      expect(await executor.query(singerDb, huge)).toMatchObject({
        ok: false,
        error: expect.stringMatching(/memory/),
        timedOut: false,
      });
      expect(await executor.query(singerDb, 'SELECT count(*) FROM singer')).toEqual({
        ok: true,
        rows: [[6]],
      });
    } finally {
      await executor.close();
    }
  });
});
