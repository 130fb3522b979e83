import { Worker } from 'node:worker_threads';
import { SqliteExecutorError } from '../errors.js';
import type { SqlRow } from './result-eq.js';

/** Outcome of one query: its rows, or why it produced none. */
export type QueryOutcome = { ok: true; rows: SqlRow[] } | { ok: false; error: string; timedOut: boolean };

type Pending = {
  resolve: (v: WorkerReply) => void;
  reject: (e: Error) => void;
  timer?: NodeJS.Timeout;
  worker: Worker;
};
type WorkerReply = {
  id: number;
  ok: boolean;
  started?: boolean;
  rows?: SqlRow[];
  schema?: Record<string, string[]>;
  error?: string;
};
type WorkerEvent = WorkerReply | { ready: true } | { startupError: string };

/** Options of {@link SqliteExecutor}. */
export interface SqliteExecutorOptions {
  /** Wall-clock limit per query in ms, from the moment it starts running (database open); the worker running an
   * over-long query is terminated. Default 10,000. */
  timeoutMs?: number;
  /** V8 heap limit of the worker in MB, so a runaway result cannot take the process down. Default 2,048. */
  maxHeapMb?: number;
}

/**
 * Runs read-only SQLite queries in a worker thread with a per-query time limit. Each database file is read once
 * into memory (so nothing can write to the file). Only one read statement runs (`SELECT`, `WITH` or `VALUES` that
 * compiles to no write); anything else — `PRAGMA`, `ATTACH`, `VACUUM`, `CREATE TEMP`, DML, transactions, a second
 * statement — is refused before SQLite prepares it, and the connection also has `PRAGMA query_only`, so every
 * query sees the database as it is on disk. A query that runs past the limit terminates the worker; the next query
 * starts a fresh one. Call {@link SqliteExecutor.close} when done.
 *
 * A query that fails is an outcome (`ok: false`), never an exception; an executor that cannot run queries at all
 * (the worker cannot start, or crashes for a reason other than a query's memory use) rejects instead, so that no
 * score is ever computed from it.
 *
 * @example
 * const exec = new SqliteExecutor({ timeoutMs: 5000 });
 * const out = await exec.query('spider/database/concert_singer/concert_singer.sqlite', 'SELECT count(*) FROM singer');
 * await exec.close();
 */
export class SqliteExecutor {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  /** Workers that loaded sql.js and answer queries. */
  private readonly ready = new WeakSet<Worker>();
  /** Workers this executor terminated (time limit, close): their exit is expected. */
  private readonly retired = new WeakSet<Worker>();
  private nextId = 1;
  private readonly timeoutMs: number;
  private readonly maxHeapMb: number;

  constructor(options: SqliteExecutorOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxHeapMb = options.maxHeapMb ?? 2048;
  }

  /**
   * Runs `sql` on the database file at `path`. Never throws for a bad query: the error is in the outcome.
   *
   * @throws {SqliteExecutorError} when the worker cannot start or crashes (the executor cannot run queries at all).
   */
  async query(path: string, sql: string): Promise<QueryOutcome> {
    const reply = await this.send({ kind: 'query', path, sql });
    if (reply.ok) return { ok: true, rows: reply.rows ?? [] };
    return { ok: false, error: reply.error ?? 'unknown error', timedOut: reply.error === TIMEOUT };
  }

  /** The official `get_schema`: lower-cased table → column names, read from the database itself. */
  async schema(path: string): Promise<Record<string, string[]>> {
    const reply = await this.send({ kind: 'schema', path });
    if (!reply.ok) throw new SqliteExecutorError(`cannot read the schema of ${path}: ${reply.error}`);
    return reply.schema ?? {};
  }

  /** Stops the worker. */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w !== null) {
      this.retired.add(w);
      await w.terminate();
    }
  }

  private start(): Worker {
    // A real file started without the parent's flags: `eval`'d code would follow `--input-type=module` and
    // friends, and then not run at all.
    let worker: Worker;
    try {
      worker = new Worker(new URL('./sqlite-worker.cjs', import.meta.url), {
        execArgv: [],
        resourceLimits: { maxOldGenerationSizeMb: this.maxHeapMb },
      });
    } catch (e) {
      throw new SqliteExecutorError(`sql-eval: the SQLite worker could not start: ${(e as Error).message}`, {
        cause: e,
      });
    }
    worker.on('message', (event: WorkerEvent) => {
      if ('ready' in event) this.ready.add(worker);
      else if ('startupError' in event) this.crash(worker, event.startupError);
      else if (event.started === true) this.startClock(event.id);
      else this.settle(event);
    });
    worker.on('error', (e: Error & { code?: string }) => {
      // Out of memory while a query runs is that query's fault (a huge result): it fails, the next query starts a
      // fresh worker. Any other error, or running out of memory before sql.js is even loaded, is the executor's.
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY' && this.ready.has(worker)) {
        this.failQueries(worker, `the query ran out of memory (worker heap limit ${this.maxHeapMb} MB)`);
      } else this.crash(worker, e.message);
    });
    worker.on('exit', (code) => {
      if (this.retired.has(worker)) this.failQueries(worker, `worker stopped (exit code ${code})`);
      else this.crash(worker, `it exited with code ${code}`);
    });
    // An idle worker must not keep the process alive; a busy one must (see send / settle).
    worker.unref();
    this.worker = worker;
    return worker;
  }

  /** Settles every query waiting on `worker` as failed (the worker is gone; the next query starts a new one). */
  private failQueries(worker: Worker, error: string): void {
    if (this.worker === worker) this.worker = null;
    this.retired.add(worker);
    for (const [id, p] of [...this.pending]) if (p.worker === worker) this.settle({ id, ok: false, error });
  }

  /** Rejects every query waiting on `worker`: the executor could not run them. */
  private crash(worker: Worker, reason: string): void {
    const what = this.ready.has(worker) ? 'crashed' : 'could not start';
    const error = new SqliteExecutorError(`sql-eval: the SQLite worker ${what}: ${reason}`);
    if (this.worker === worker) this.worker = null;
    this.retired.add(worker);
    void worker.terminate();
    for (const [id, p] of [...this.pending]) {
      if (p.worker !== worker) continue;
      clearTimeout(p.timer);
      this.pending.delete(id);
      p.reject(error);
    }
  }

  private startClock(id: number): void {
    const p = this.pending.get(id);
    if (p === undefined) return;
    const worker = p.worker;
    p.timer = setTimeout(() => {
      // A runaway query cannot be interrupted inside sql.js: drop the whole worker and start over next time.
      this.settle({ id, ok: false, error: TIMEOUT });
      if (this.worker === worker) this.worker = null;
      this.retired.add(worker);
      void worker.terminate();
    }, this.timeoutMs);
  }

  private settle(reply: WorkerReply): void {
    const p = this.pending.get(reply.id);
    if (p === undefined) return;
    clearTimeout(p.timer);
    this.pending.delete(reply.id);
    if (![...this.pending.values()].some((q) => q.worker === p.worker)) p.worker.unref();
    p.resolve(reply);
  }

  private send(msg: { kind: 'query' | 'schema'; path: string; sql?: string }): Promise<WorkerReply> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, worker });
      worker.ref();
      worker.postMessage({ id, ...msg });
    });
  }
}

const TIMEOUT = 'query timed out';
