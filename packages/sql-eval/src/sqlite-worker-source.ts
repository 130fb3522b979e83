/**
 * Source of the worker thread that runs queries with sql.js. It is plain JavaScript run with `eval: true`, so the
 * same code works from `src/` (tests) and `dist/` (published) without a separate build step for the worker.
 *
 * Messages in: `{ id, kind: 'query', path, sql }` or `{ id, kind: 'schema', path }`.
 * Messages out: `{ id, started: true }` once the database is open and the query starts (the time limit runs from
 * there, so loading sql.js and the file do not count), then `{ id, ok: true, rows }` / `{ id, ok: true, schema }` /
 * `{ id, ok: false, error }`.
 */
export const SQLITE_WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const initSqlJs = require(workerData.sqlJsPath);
const ready = initSqlJs();
const dbs = new Map();

function open(SQL, path) {
  let db = dbs.get(path);
  if (db === undefined) {
    db = new SQL.Database(readFileSync(path));
    // The copy lives in memory, so the file can never change; query_only also rejects writes to the copy.
    db.run('PRAGMA query_only = 1');
    dbs.set(path, db);
  }
  return db;
}

// Python's sqlite3 rejects a second statement ("You can only execute one statement at a time") unless what
// follows the first one is only whitespace, comments or semicolons.
function onlyTrivia(rest) {
  return rest.replace(/--[^\n]*|\/\*[\s\S]*?(\*\/|$)|[\s;]/g, '').length === 0;
}

function runQuery(db, sql) {
  const it = db.iterateStatements(sql);
  const first = it.next();
  // Deliberate fix: a query with no statement (empty prediction) fails instead of returning no rows.
  if (first.done) throw new Error('empty query: no SQL statement to run');
  const stmt = first.value;
  try {
    if (!onlyTrivia(it.getRemainingSQL())) throw new Error('You can only execute one statement at a time.');
    const rows = [];
    while (stmt.step()) rows.push(stmt.get());
    return rows;
  } finally {
    stmt.free();
  }
}

function readSchema(db) {
  const tables = db.exec("SELECT name FROM sqlite_master WHERE type='table';");
  const names = tables.length === 0 ? [] : tables[0].values.map((r) => String(r[0]).toLowerCase());
  const schema = {};
  for (const t of names) {
    const info = db.exec('PRAGMA table_info(' + t + ')');
    schema[t] = info.length === 0 ? [] : info[0].values.map((r) => String(r[1]).toLowerCase());
  }
  return schema;
}

parentPort.on('message', async (msg) => {
  try {
    const SQL = await ready;
    const db = open(SQL, msg.path);
    parentPort.postMessage({ id: msg.id, started: true });
    if (msg.kind === 'schema') parentPort.postMessage({ id: msg.id, ok: true, schema: readSchema(db) });
    else parentPort.postMessage({ id: msg.id, ok: true, rows: runQuery(db, msg.sql) });
  } catch (e) {
    parentPort.postMessage({ id: msg.id, ok: false, error: String((e && e.message) || e) });
  }
});
`;
