import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** `../shared` beside the checkout, or T5SQL_SHARED_DIR (vitest sets it). */
export function sharedDir(): string {
  return process.env.T5SQL_SHARED_DIR ?? resolve(__dirname, '..', '..', '..', '..', '..', 'shared');
}

export interface FixtureCase {
  id: string;
  predictions: string[];
  references: string[] | string[][];
}

export interface PyError {
  error: { type: string; message: string };
}

type Rouge4 = Record<'rouge1' | 'rouge2' | 'rougeL' | 'rougeLsum', number>;

export interface RougeExpected {
  aggregated: Rouge4 | PyError;
  per_example: Record<string, number[]> | PyError;
  mean: Rouge4 | PyError;
  bootstrap: { low: Rouge4; mid: Rouge4; high: Rouge4 } | PyError;
}

export interface TokenSet {
  rouge: string[];
  rouge_stem: string[];
  '13a': string[];
  word_tokenize: string[];
}

export interface FixtureResult {
  id: string;
  rouge: RougeExpected;
  rouge_stemmer: RougeExpected;
  bleu: Record<string, number | number[]> | PyError;
  meteor: number | PyError;
  google_bleu: number | PyError;
  tokens?: { predictions: TokenSet[]; references: TokenSet[][] };
}

export interface MetricFixtures {
  cases: FixtureCase[];
  results: FixtureResult[];
  provenance: Record<string, string>;
}

/** The shared metric parity fixtures (`fixtures/metrics/{cases,expected}.json`), cases paired with results. */
export function loadMetricFixtures(): MetricFixtures {
  const dir = join(sharedDir(), 'fixtures', 'metrics');
  const cases = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')).cases as FixtureCase[];
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
  const results = expected.results as FixtureResult[];
  if (cases.length !== results.length) {
    throw new Error(`metric fixtures: ${cases.length} cases but ${results.length} results`);
  }
  cases.forEach((c, i) => {
    if (results[i].id !== c.id)
      throw new Error(`metric fixtures: results[${i}] is ${results[i].id}, expected ${c.id}`);
  });
  return { cases, results, provenance: expected.provenance };
}

export function isPyError(v: unknown): v is PyError {
  return typeof v === 'object' && v !== null && 'error' in v;
}

/** |a - b| <= rel * max(|a|, |b|) (exact equality for zeros), the tolerance every parity test states. */
export function relClose(a: number, b: number, rel = 1e-12): boolean {
  return a === b || Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b));
}
