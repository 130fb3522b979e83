// `pnpm --filter @t5sql/benchmarks run bench:constrained`: what schema-constrained decoding (PICARD-style) costs.
// Beam search (4 beams) with and without SchemaConstraint on the same Spider dev prompts, on a t5-small-shaped
// random-weight model (d_model 512, 6+6 layers, vocab 32,128), in two regimes:
//   - "mostly right": the random logits plus a bonus of 12 for each step's gold token (then for EOS, growing),
//     renormalised to log-probabilities, so the text follows the gold query with occasional slips and then wants
//     to stop, as a trained model's would;
//   - "random": the random model alone, the constraint's worst case (its top-k rarely holds a valid token, so
//     almost every step falls back to searching further down the ranking).
// Both runs of a pair use the same processor chain apart from the constraint, prompt by prompt in turn, so load
// drifts hit both alike. Prints wall time, decoding steps, ms per step, the constraint's own ms per step and the
// constrained / unconstrained ratios (issue target: at most 1.5x). Totals can differ by more than the per-step
// cost: beam search (as HF's) goes on until 4 hypotheses have ended, and a constrained beam ends only with a
// complete query (the constraint's finishOnEos closes the query of a beam that wants to stop).
//
// env: T5SQL_BENCH_BACKEND (default wasm), T5SQL_BENCH_PROMPTS (default 8), T5SQL_BENCH_TOKENS (default 64),
//      T5SQL_BENCH_CONSTRAIN (schema, default: the constraint as `--constrain schema` runs it | picard: without
//      finishing queries, as `--constrain picard`), T5SQL_DATA_DIR (default ../shared/data beside the checkout)
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getTemplate, loadSpider, tokenizeExamples } from '@t5sql/datasets';
import { SchemaConstraint, tokenTexts } from '@t5sql/repro';
import type { SpiderTableEntry } from '@t5sql/sql-eval';
import {
  type LogitsProcessor,
  T5ForConditionalGeneration,
  T5Tokenizer,
  generateWithScores,
  selectBackend,
} from '@t5sql/t5-core';
import * as tf from '@tensorflow/tfjs-core';
import { T5_SMALL_SHAPE } from './micro/t5-small-shape.js';

const EOS = 1;
/** The gold token's bonus in the "mostly right" regime: large enough that the random logits rarely outweigh it. */
const GOLD_BONUS = 12;

interface Timing {
  ms: number;
  steps: number;
  constraintMs: number;
}

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = process.env.T5SQL_DATA_DIR ?? resolve(here, '../../../shared/data');
const backend = process.env.T5SQL_BENCH_BACKEND ?? 'wasm';
const promptCount = Number(process.env.T5SQL_BENCH_PROMPTS ?? 8);
const maxNewTokens = Number(process.env.T5SQL_BENCH_TOKENS ?? 64);
const mode = process.env.T5SQL_BENCH_CONSTRAIN ?? 'schema';
if (mode !== 'schema' && mode !== 'picard')
  throw new Error(`T5SQL_BENCH_CONSTRAIN: schema or picard, not ${mode}`);
const finishQueries = mode === 'schema';

await selectBackend({ prefer: backend, quiet: true });
const tokenizer = await T5Tokenizer.fromPretrained(join(dataDir, 't5-small-tokenizer'));
const tokens = tokenTexts(tokenizer);
const tables = JSON.parse(readFileSync(join(dataDir, 'spider', 'tables.json'), 'utf8')) as SpiderTableEntry[];
const { records } = await loadSpider({ dir: join(dataDir, 'spider'), split: 'dev' });
const stride = Math.max(1, Math.floor(records.length / promptCount));
const picked = records.filter((_, i) => i % stride === 0).slice(0, promptCount);
const { examples } = tokenizeExamples(picked, {
  tokenizer,
  template: getTemplate('t5-instruct'),
  maxSourceLength: 512,
  maxTargetLength: 256,
});
const model = await T5ForConditionalGeneration.fromConfig(T5_SMALL_SHAPE, { seed: 1 });

function schemaOf(i: number): SpiderTableEntry {
  const entry = tables.find((t) => t.db_id === picked[i].dbId);
  if (entry === undefined)
    throw new Error(`dev record ${picked[i].id}: ${picked[i].dbId} not in tables.json`);
  return entry;
}

/** Runs prompt `i` once: wall ms, decoding steps and the constraint's own ms. */
async function runOne(i: number, constrained: boolean, guided: boolean): Promise<Timing> {
  const timing: Timing = { ms: 0, steps: 0, constraintMs: 0 };
  const gold = examples[i].labels;
  const constraint = constrained
    ? new SchemaConstraint({
        schemas: [schemaOf(i)],
        tokens,
        endWithinBudget: finishQueries,
        finishOnEos: finishQueries,
      })
    : null;
  const logitsProcessor: LogitsProcessor = {
    process: async (step) => {
      timing.steps++;
      if (guided) {
        for (const row of step.scores) {
          if (step.step < gold.length) row[gold[step.step]] += GOLD_BONUS;
          else row[EOS] += GOLD_BONUS * (step.step - gold.length + 1);
          normalize(row);
        }
      }
      if (constraint !== null) {
        const t = performance.now();
        await constraint.process(step);
        timing.constraintMs += performance.now() - t;
      }
    },
  };
  const t0 = performance.now();
  await generateWithScores(model, [examples[i].inputIds], { maxNewTokens, numBeams: 4, logitsProcessor });
  timing.ms = performance.now() - t0;
  return timing;
}

/**
 * Makes a row log-probabilities again after the bonus (beam search sums them): the guided model is the random
 * model's logits plus the bonus, through a softmax, as a trained model's would be.
 */
function normalize(row: Float32Array): void {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of row) if (v > max) max = v;
  let sum = 0;
  for (const v of row) sum += Math.exp(v - max);
  const logZ = max + Math.log(sum);
  for (let i = 0; i < row.length; i++) row[i] -= logZ;
}

const add = (a: Timing, b: Timing): Timing => ({
  ms: a.ms + b.ms,
  steps: a.steps + b.steps,
  constraintMs: a.constraintMs + b.constraintMs,
});
const msPerStep = (t: Timing) => t.ms / t.steps;

console.log(
  `backend ${tf.getBackend()}, ${examples.length} Spider dev prompts, beam 4, up to ${maxNewTokens} new tokens, ` +
    `t5-small shape (random weights), constraint as --constrain ${mode}`,
);
await runOne(0, true, true); // warm-up: kernels and caches
for (const [label, guided] of [
  ['mostly right', true],
  ['random', false],
] as const) {
  let plain: Timing = { ms: 0, steps: 0, constraintMs: 0 };
  let constrained: Timing = { ms: 0, steps: 0, constraintMs: 0 };
  for (let i = 0; i < examples.length; i++) {
    plain = add(plain, await runOne(i, false, guided));
    constrained = add(constrained, await runOne(i, true, guided));
  }
  console.log(
    `${label.padEnd(13)} unconstrained ${(plain.ms / 1000).toFixed(1)} s / ${plain.steps} steps = ` +
      `${msPerStep(plain).toFixed(1)} ms/step; constrained ${(constrained.ms / 1000).toFixed(1)} s / ` +
      `${constrained.steps} steps = ${msPerStep(constrained).toFixed(1)} ms/step (constraint ` +
      `${(constrained.constraintMs / constrained.steps).toFixed(1)} ms/step); ratio per step ` +
      `${(msPerStep(constrained) / msPerStep(plain)).toFixed(2)}x, total ${(constrained.ms / plain.ms).toFixed(2)}x`,
  );
}
model.dispose();
