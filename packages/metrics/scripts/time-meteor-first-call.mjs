// How much slower METEOR's first call in a process is than later ones (not run by tests).
//
// Usage (from the repository root):
//   pnpm --filter @t5sql/metrics build
//   node benchmarks/dist/micro/metrics.js --write-pairs /tmp/metric-pairs.json    # or any {predictions, references}
//   node packages/metrics/scripts/time-meteor-first-call.mjs /tmp/metric-pairs.json [calls]
//
// In one fresh process: the WordNet load (preloadWordNet), then `calls` (default 20) meteor calls on the same pairs.
// The first call fills the shared WordNet's per-word synonym, synset-offset and lemma-name caches (and runs
// before V8 has optimized anything); later calls reuse both. Last, one call with a freshly loaded WordNet (empty
// caches, optimized code) separates the cache's share from the JIT's. Figures are process CPU time per call.
import { readFileSync } from 'node:fs';
import { loadWordNet, meteor, preloadWordNet } from '../dist/index.js';

const [file, callsArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: time-meteor-first-call.mjs <pairs.json> [calls]');
  process.exit(2);
}
const pairs = JSON.parse(readFileSync(file, 'utf8'));
const n = pairs.predictions.length;
const calls = Math.max(3, Number(callsArg ?? 20));

async function cpuMs(fn) {
  const start = process.cpuUsage();
  await fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}
const rate = (ms) => `${ms.toFixed(1)} ms (${Math.round((n * 1000) / ms)} pairs/s)`;

console.log(`node ${process.version}, ${n} pairs, CPU time per call`);
console.log(`WordNet load: ${(await cpuMs(() => preloadWordNet())).toFixed(0)} ms`);
const times = [];
for (let i = 0; i < calls; i++) times.push(await cpuMs(() => meteor(pairs)));
const tail = times.slice(Math.floor(calls / 2)).sort((a, b) => a - b);
const warm = tail[Math.floor(tail.length / 2)];
console.log(`first call:  ${rate(times[0])}`);
console.log(`second call: ${rate(times[1])}`);
console.log(`warm (median of calls ${Math.floor(calls / 2) + 1}..${calls}): ${rate(warm)}`);
console.log(`first / warm: ${(times[0] / warm).toFixed(1)}x`);
const fresh = await loadWordNet();
const cold = await cpuMs(() => meteor({ ...pairs, wordnet: fresh }));
console.log(`new WordNet (empty caches), optimized code: ${rate(cold)}, ${(cold / warm).toFixed(1)}x warm`);
