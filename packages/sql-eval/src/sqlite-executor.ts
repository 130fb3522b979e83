import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { SqlRow } from './result-eq.js';
import { SQLITE_WORKER_SOURCE } from './sqlite-worker-source.js';

/** Outcome of one query: its rows, or why it produced none. */
export type QueryOutcome = { ok: true; rows: SqlRow[] } | { ok: false; error: string; timedOut: boolean };

type Pending = { resolve: (v: WorkerReply) => void; timer?: NodeJS.Timeout; worker: Worker };
type WorkerReply = {
  id: number;
  ok: boolean;
  started?: boolean;
  rows?: SqlRow[];
  schema?: Record<string, string[]>;
  error?: string;
};

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
 * into memory (so nothing can write to the file) and kept open with `PRAGMA query_only`. A query that runs past the
 * limit terminates the worker; the next query starts a fresh one. Call {@link SqliteExecutor.close} when done.
 *
 * @example
 * const exec = new SqliteExecutor({ timeoutMs: 5000 });
 * const out = await exec.query('spider/database/concert_singer/concert_singer.sqlite', 'SELECT count(*) FROM singer');
 * await exec.close();
 */
export class SqliteExecutor {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private readonly timeoutMs: number;
  private readonly maxHeapMb: number;
  private readonly sqlJsPath = createRequire(import.meta.url).resolve('sql.js');

  constructor(options: SqliteExecutorOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxHeapMb = options.maxHeapMb ?? 2048;
  }

  /** Runs `sql` on the database file at `path`. Never throws for a bad query: the error is in the outcome. */
  async query(path: string, sql: string): Promise<QueryOutcome> {
    const reply = await this.send({ kind: 'query', path, sql });
    if (reply.ok) return { ok: true, rows: reply.rows ?? [] };
    return { ok: false, error: reply.error ?? 'unknown error', timedOut: reply.error === TIMEOUT };
  }

  /** The official `get_schema`: lower-cased table → column names, read from the database itself. */
  async schema(path: string): Promise<Record<string, string[]>> {
    const reply = await this.send({ kind: 'schema', path });
    if (!reply.ok) throw new Error(`cannot read the schema of ${path}: ${reply.error}`);
    return reply.schema ?? {};
  }

  /** Stops the worker. */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w !== null) await w.terminate();
  }

  private start(): Worker {
    const worker = new Worker(SQLITE_WORKER_SOURCE, {
      eval: true,
      workerData: { sqlJsPath: this.sqlJsPath },
      resourceLimits: { maxOldGenerationSizeMb: this.maxHeapMb },
    });
    worker.on('message', (reply: WorkerReply) =>
      reply.started === true ? this.startClock(reply.id) : this.settle(reply),
    );
    const failAll = (error: string): void => {
      if (this.worker === worker) this.worker = null;
      for (const [id, p] of [...this.pending]) if (p.worker === worker) this.settle({ id, ok: false, error });
    };
    worker.on('error', (e) => failAll(`worker failed: ${e.message}`));
    worker.on('exit', (code) => failAll(`worker exited with code ${code}`));
    // An idle worker must not keep the process alive; a busy one must (see send / settle).
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private startClock(id: number): void {
    const p = this.pending.get(id);
    if (p === undefined) return;
    const worker = p.worker;
    p.timer = setTimeout(() => {
      // A runaway query cannot be interrupted inside sql.js: drop the whole worker and start over next time.
      this.settle({ id, ok: false, error: TIMEOUT });
      if (this.worker === worker) this.worker = null;
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
    return new Promise((resolve) => {
      this.pending.set(id, { resolve, worker });
      worker.ref();
      worker.postMessage({ id, ...msg });
    });
  }
}

const TIMEOUT = 'query timed out';
