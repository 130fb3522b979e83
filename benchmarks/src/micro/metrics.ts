// tinybench micro-benchmarks of @t5sql/metrics: each metric scores 1,000 realistic SQL prediction/reference pairs
// (Spider dev gold queries as references, deterministic model-like perturbations as predictions) and the figure is
// pairs per second. METEOR's WordNet load is a one-time cost, timed on its own and kept out of the METEOR figure.
// `node benchmarks/dist/micro/metrics.js --write-pairs pairs.json` writes the pairs for the Python reference run
// (packages/metrics/scripts/bench_python_reference.py), so both sides score exactly the same text.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Mulberry32 } from '@t5sql/common';
import { bleu, googleBleu, loadWordNet, meteor, preloadWordNet, rouge } from '@t5sql/metrics';
import { Bench } from 'tinybench';

/** T5SQL_SHARED_DIR, else ../shared beside the checkout. */
function sharedDir(): string {
  return process.env.T5SQL_SHARED_DIR ?? resolve(fileURLToPath(import.meta.url), '../../../../../shared');
}

const KEYWORDS =
  /\b(SELECT|FROM|WHERE|GROUP BY|ORDER BY|JOIN|ON|AS|AND|OR|COUNT|DISTINCT|LIMIT|DESC|ASC|HAVING)\b/g;

/** One model-like mistake (or none) applied to a gold query. */
function perturb(gold: string, rand: () => number): string {
  const tokens = gold.split(' ');
  const pick = (n: number) => Math.floor(rand() * n);
  const r = rand();
  if (r < 0.35 || tokens.length < 4) return gold; // exact match
  if (r < 0.5) return gold.replace(KEYWORDS, (k) => k.toLowerCase()); // keyword case
  if (r < 0.65) {
    tokens.splice(pick(tokens.length), 1); // a dropped token
    return tokens.join(' ');
  }
  if (r < 0.75) {
    const i = pick(tokens.length - 1); // two tokens swapped
    [tokens[i], tokens[i + 1]] = [tokens[i + 1], tokens[i]];
    return tokens.join(' ');
  }
  if (r < 0.85) {
    tokens[pick(tokens.length)] = tokens[pick(tokens.length)]; // a wrong column / value
    return tokens.join(' ');
  }
  if (r < 0.95) return rand() < 0.5 ? gold.replace('SELECT ', 'SELECT DISTINCT ') : `${gold} LIMIT 1`;
  return gold.replace(/\bT(\d)\b/g, 't$1'); // alias case
}

/** 1,000 prediction/reference pairs from Spider dev (gold query = reference), fixed seed. */
export function buildMetricPairs(
  count = 1000,
  seed = 20240601,
): { predictions: string[]; references: string[] } {
  const dev = JSON.parse(readFileSync(join(sharedDir(), 'data', 'spider', 'dev.json'), 'utf8')) as Array<{
    query: string;
  }>;
  if (dev.length < count)
    throw new Error(`spider dev.json has ${dev.length} examples; the benchmark needs ${count}`);
  // mulberry32, so the pairs are the same on every machine.
  const rand = new Mulberry32(seed).next;
  const references = dev.slice(0, count).map((e) => e.query.trim());
  const predictions = references.map((q) => perturb(q, rand));
  return { predictions, references };
}

/**
 * Runs the metrics micro-benchmarks and prints pairs/s per metric plus the one-time WordNet load.
 *
 * @example
 * await run(); // node benchmarks/dist/micro/metrics.js
 */
export async function run(options: { time?: number } = {}): Promise<void> {
  const pairs = buildMetricPairs();
  const n = pairs.predictions.length;

  // One-time cost: read and index WordNet 3.0 (a fresh instance each time, not the cached one).
  const loads: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await loadWordNet();
    loads.push(performance.now() - t0);
  }
  await preloadWordNet();

  const tasks: Array<[string, () => unknown]> = [
    ['rouge (rouge1/2/L/Lsum, mean)', () => rouge(pairs)],
    ['rouge, useStemmer', () => rouge({ ...pairs, useStemmer: true })],
    ['bleu (13a, max order 4)', () => bleu(pairs)],
    ['google_bleu (13a, 1..4-grams)', () => googleBleu(pairs)],
    ['meteor (WordNet loaded)', () => meteor(pairs)],
  ];
  const bench = new Bench({ time: options.time ?? 2000, warmupIterations: 2 });
  for (const [name, fn] of tasks) bench.add(name, async () => void (await fn()));
  await bench.run();

  // Process CPU time over a fixed number of runs: steadier than wall-clock on a shared machine, and what
  // bench_python_reference.py --cpu measures on the Python side.
  const cpuMs = new Map<string, number>();
  for (const [name, fn] of tasks) {
    const runs = 10;
    const start = process.cpuUsage();
    for (let i = 0; i < runs; i++) await fn();
    const used = process.cpuUsage(start);
    cpuMs.set(name, (used.user + used.system) / 1000 / runs);
  }

  console.log(`@t5sql/metrics: ${n} Spider dev SQL pairs per iteration`);
  console.table(
    bench.tasks.map((t) => {
      const r = t.result;
      const opsPerSec = r && 'throughput' in r ? r.throughput.mean : Number.NaN;
      const cpu = cpuMs.get(t.name) ?? Number.NaN;
      return {
        metric: t.name,
        'pairs/s': Math.round(opsPerSec * n),
        'ms / 1,000 pairs': Number((1000 / opsPerSec).toFixed(1)),
        'pairs/s (CPU time)': Math.round((n * 1000) / cpu),
        samples: r && 'latency' in r ? r.latency.samples.length : 0,
      };
    }),
  );
  console.log(
    `WordNet load (one-time, before the first meteor call): ${loads.map((ms) => `${ms.toFixed(0)} ms`).join(', ')}`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--write-pairs');
  if (i !== -1) {
    const file = process.argv[i + 1];
    if (!file) throw new Error('--write-pairs: expected a file name');
    writeFileSync(file, `${JSON.stringify(buildMetricPairs())}\n`);
    console.log(`wrote ${file}`);
  } else {
    await run();
  }
}
