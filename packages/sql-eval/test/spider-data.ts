// Test helper: locates Spider under the shared data folder (T5SQL_SHARED_DIR, set by vitest; else ../shared).
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SpiderTableEntry } from '../src/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const sharedDir = process.env.T5SQL_SHARED_DIR ?? resolve(here, '..', '..', '..', '..', 'shared');

export const spiderDir = join(sharedDir, 'data', 'spider');
export const databaseDir = join(spiderDir, 'database');
export const tablesPath = join(spiderDir, 'tables.json');
export const devPath = join(spiderDir, 'dev.json');
export const fixturesDir = join(here, 'fixtures');

export interface DevExample {
  db_id: string;
  query: string;
  sql: unknown;
}

let tablesCache: SpiderTableEntry[] | undefined;
let devCache: DevExample[] | undefined;

export function loadTables(): SpiderTableEntry[] {
  tablesCache ??= JSON.parse(readFileSync(tablesPath, 'utf8')) as SpiderTableEntry[];
  return tablesCache;
}

export function loadDev(): DevExample[] {
  devCache ??= JSON.parse(readFileSync(devPath, 'utf8')) as DevExample[];
  return devCache;
}

export function tableEntry(dbId: string): SpiderTableEntry {
  const e = loadTables().find((t) => t.db_id === dbId);
  if (e === undefined) throw new Error(`tables.json has no ${dbId}`);
  return e;
}

/** One row of test/fixtures/spider-dev-{perturbed,fuzzed}.json (see test/fixtures/README.md). */
export interface ParityRow {
  kind: string;
  db_id: string;
  gold: string;
  pred: string;
  hardness: 'easy' | 'medium' | 'hard' | 'extra';
  exact: number;
  parseError: boolean;
  partial: Array<[f1: number, labelTotal: number, predTotal: number]>;
  exec: number;
}

export function loadParityFixture(name = 'spider-dev-perturbed.json'): {
  components: string[];
  rows: ParityRow[];
} {
  return JSON.parse(readFileSync(join(fixturesDir, name), 'utf8'));
}
