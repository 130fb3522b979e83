// The worker thread of SqliteExecutor: runs read-only queries with sql.js. A real CommonJS file (not code passed
// with `eval: true`), so it runs the same whatever flags started the parent (`--input-type=module`,
// `--experimental-default-type=module`); the parent also starts it with `execArgv: []`.
//
// In:  `{ id, kind: 'query', path, sql }` or `{ id, kind: 'schema', path }`.
// Out: `{ ready: true }` once sql.js is loaded, or `{ startupError }` if it cannot be; then per message
//      `{ id, started: true }` once the database is open and the query starts (the time limit runs from there),
//      followed by `{ id, ok: true, rows }` / `{ id, ok: true, schema }` / `{ id, ok: false, error }`.
'use strict';
const { parentPort } = require('node:worker_threads');
const { readFileSync } = require('node:fs');

const dbs = new Map();

function open(SQL, path) {
  let db = dbs.get(path);
  if (db === undefined) {
    // The copy lives in memory, so the file on disk can never change. query_only is a second lock: only a PRAGMA
    // could lift it, and checkReadOnly refuses every PRAGMA before SQLite sees it.
    db = new SQL.Database(readFileSync(path));
    db.run('PRAGMA query_only = 1');
    dbs.set(path, db);
  }
  return db;
}

// SQLite's whitespace and comments, plus the empty statements (`;`) that prepare skips.
const TRIVIA = /^(?:[ \t\n\f\r;]+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?(?:\*\/|$))*/;
// One SQLite keyword / identifier token: ASCII letters, digits, `_`, `$` and every non-ASCII character.
const WORD = /^[A-Za-z0-9_$\u0080-\uffff]+/;
const READ_KEYWORDS = new Set(['select', 'with', 'values']);

// Python's sqlite3 rejects a second statement ("You can only execute one statement at a time") unless what
// follows the first one is only whitespace, comments or semicolons.
function onlyTrivia(rest) {
  return rest.replace(/--[^\n]*|\/\*[\s\S]*?(\*\/|$)|[\s;]/g, '').length === 0;
}

/**
 * Refuses anything but one read. Done on the text before SQLite prepares it, because preparing is enough for some
 * statements to act (`PRAGMA query_only = 0` takes effect at prepare time). Then, as sqlite3_stmt_readonly (which
 * sql.js does not export) decides it, the compiled program must open no write transaction and not vacuum.
 * Returns the statement text with its leading trivia removed, so SQLite prepares exactly what was checked.
 */
function checkReadOnly(db, sql) {
  const text = sql.replace(TRIVIA, '');
  // Deliberate fix: a query with no statement (empty prediction) fails instead of returning no rows.
  if (text.length === 0) throw new Error('empty query: no SQL statement to run');
  const word = (WORD.exec(text) || [''])[0];
  if (!READ_KEYWORDS.has(word.toLowerCase())) {
    throw new Error(
      `refused: only a read query (SELECT, WITH or VALUES) may run, found "${word || text.slice(0, 20)}"`,
    );
  }
  // WITH can lead an INSERT / UPDATE / DELETE: look at the program SQLite compiles (EXPLAIN prepares, not runs).
  const explain = db.prepare(`EXPLAIN ${text}`);
  try {
    while (explain.step()) {
      const [, opcode, , p2] = explain.get();
      const writes =
        (opcode === 'Transaction' && p2 !== 0) ||
        opcode === 'Vacuum' ||
        opcode === 'JournalMode' ||
        opcode === 'Checkpoint';
      if (writes) throw new Error('refused: the query writes to the database, which is read-only');
    }
  } finally {
    explain.free();
  }
  return text;
}

function runQuery(db, sql) {
  const it = db.iterateStatements(checkReadOnly(db, sql));
  const first = it.next();
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
    const info = db.exec(`PRAGMA table_info(${t})`);
    schema[t] = info.length === 0 ? [] : info[0].values.map((r) => String(r[1]).toLowerCase());
  }
  return schema;
}

function handle(SQL, msg) {
  try {
    const db = open(SQL, msg.path);
    parentPort.postMessage({ id: msg.id, started: true });
    if (msg.kind === 'schema') parentPort.postMessage({ id: msg.id, ok: true, schema: readSchema(db) });
    else parentPort.postMessage({ id: msg.id, ok: true, rows: runQuery(db, msg.sql) });
  } catch (e) {
    parentPort.postMessage({ id: msg.id, ok: false, error: String(e?.message || e) });
  }
}

// Messages that arrive before sql.js is ready wait in the port until the listener is attached.
require('sql.js')().then(
  (SQL) => {
    parentPort.on('message', (msg) => handle(SQL, msg));
    parentPort.postMessage({ ready: true });
  },
  (e) => parentPort.postMessage({ startupError: `cannot load sql.js: ${String(e?.message || e)}` }),
);
