import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ProgressReporter, type ProgressSink, readJsonFileSync, writeJsonAtomicSync } from '@t5sql/common';
import { PAPER_EXPERIMENTS } from '../experiments/paper-experiments.js';
import { PAPER_TABLES } from '../experiments/paper-tables.js';
import type { ProfileSpec } from '../experiments/profiles.js';
import type { ExperimentResult } from '../experiments/result.js';
import type { ExperimentSpec } from '../experiments/types.js';
import { gitInfo } from '../manifest/git-commit.js';
import { MemoryTracker } from '../manifest/memory-tracker.js';
import { backendDeterminism, machineInfo } from '../manifest/run-environment.js';
import {
  type BenchRunManifest,
  RUN_MANIFEST_SCHEMA_VERSION,
  readRunManifest,
  writeRunManifest,
} from '../manifest/run-manifest.js';
import { type WrittenResults, writeResults } from '../report/write-results.js';
import type { ExperimentEngine } from './engine.js';

/** Options of {@link runProfile}. */
export interface RunProfileOptions {
  profile: ProfileSpec;
  engine: ExperimentEngine;
  /** Results root; this profile writes into `<resultsDir>/<profile>/`. */
  resultsDir: string;
  /** Cache for pretrained local models. */
  cacheDir: string;
  seed: number;
  /** Run only these experiment ids (table rows of others keep whatever results exist). */
  only?: readonly string[];
  /** Re-run experiments even when a complete result exists. */
  force?: boolean;
  /** Package versions for the manifests. */
  packages?: Record<string, string | null>;
  /** Trainable share of each experiment on the reported model's real config (see `paperTrainablePercent`). */
  paperTrainablePercent?: Readonly<Record<string, number>>;
  /** Declarations to run; defaults to every reported experiment. */
  experiments?: readonly ExperimentSpec[];
  /** Progress and log output; `null` silences it. Default stderr. */
  sink?: ProgressSink | null;
}

/** What {@link runProfile} did. */
export interface RunProfileSummary {
  profile: string;
  dir: string;
  ran: string[];
  skipped: string[];
  failed: Array<{ id: string; error: string }>;
  results: Map<string, ExperimentResult>;
  written: WrittenResults;
  seconds: number;
}

/** Result folder of one experiment (`table-b/lora` → `<dir>/table-b/lora`). */
export function experimentDir(profileDir: string, id: string): string {
  return join(profileDir, ...id.split('/'));
}

/** Reads a finished experiment's result when it matches `spec` and `seed`; `null` otherwise (so it re-runs). */
export function readCompleteResult(dir: string, spec: ExperimentSpec, seed: number): ExperimentResult | null {
  const resultPath = join(dir, 'result.json');
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(resultPath) || !existsSync(manifestPath)) return null;
  try {
    const result = readJsonFileSync(resultPath) as ExperimentResult;
    const manifest = readRunManifest(manifestPath);
    if (
      manifest?.kind !== 'bench' ||
      manifest.seed !== seed ||
      JSON.stringify(result.spec) !== JSON.stringify(spec)
    )
      return null;
    return result;
  } catch {
    return null;
  }
}

/**
 * Runs every experiment of a profile, one after another, writing per experiment `result.json` and
 * `manifest.json`, and after each one the profile's tables and charts (so an interrupted run still leaves
 * tables). Experiments whose complete result is already on disk with the same spec and seed are skipped: an
 * interrupted `pnpm bench` resumes where it stopped.
 *
 * @example
 * ```ts
 * const summary = await runProfile({ profile: LOCAL_PROFILE, engine, resultsDir: 'benchmarks/results',
 *   cacheDir: '.cache/t5sql', seed: 42 });
 * console.log(summary.written.markdown);
 * ```
 */
export async function runProfile(options: RunProfileOptions): Promise<RunProfileSummary> {
  const { profile, engine, seed } = options;
  const sink = options.sink === undefined ? process.stderr : options.sink;
  const log = (msg: string) => sink?.write(`${msg}\n`);
  const started = Date.now();
  await engine.checkRequirements(profile);

  const dir = join(options.resultsDir, profile.name);
  const specs = (options.experiments ?? PAPER_EXPERIMENTS).map((s) => profile.scale(s));
  const results = new Map<string, ExperimentResult>();
  const summary: RunProfileSummary = {
    profile: profile.name,
    dir,
    ran: [],
    skipped: [],
    failed: [],
    results,
    written: { markdown: '', csv: '', json: '', charts: [] },
    seconds: 0,
  };
  const git = gitInfo();
  const tableCtx = () => ({
    profile: profile.name,
    results,
    paperTrainablePercent: options.paperTrainablePercent,
  });
  const preamble = [
    `${profile.description}`,
    '',
    `Seed ${seed}; tfjs backend \`${engine.backend}\`; git ${git.commit ?? 'unknown'}${git.dirty ? ' (modified)' : ''}.`,
    'Per-experiment manifests (config, package versions, dataset fingerprints, timings, peak memory) sit beside ' +
      'each `result.json`.',
    '',
  ].join('\n');

  for (const [index, spec] of specs.entries()) {
    const outDir = experimentDir(dir, spec.id);
    const wanted = !options.only || options.only.includes(spec.id);
    const existing = options.force && wanted ? null : readCompleteResult(outDir, spec, seed);
    if (existing) {
      results.set(spec.id, existing);
      summary.skipped.push(spec.id);
      log(`[${index + 1}/${specs.length}] ${spec.id}: complete result on disk, skipped`);
      continue;
    }
    if (!wanted) continue;
    log(`[${index + 1}/${specs.length}] ${spec.id}: ${spec.method.kind} on ${spec.model}`);
    const memory = new MemoryTracker().start();
    const startedAt = new Date();
    try {
      const out = await engine.runExperiment(spec, {
        profile,
        seed,
        outDir,
        cacheDir: options.cacheDir,
        memory,
        // Redrawn on a terminal; in logs about one line per 10%.
        progress: (label, total) =>
          new ProgressReporter({
            label: `  ${label}`,
            total,
            sink,
            every: Math.max(1, Math.ceil(total / 10)),
          }),
        log: (m) => log(`  ${m}`),
      });
      const peakMemory = memory.stop();
      const totalSeconds = (Date.now() - startedAt.getTime()) / 1000;
      const result: ExperimentResult = {
        id: spec.id,
        profile: profile.name,
        spec,
        modelDescription: out.modelDescription,
        methodDescription: out.methodDescription,
        dataDescription: out.dataDescription,
        metrics: out.metrics,
        trainableParams: out.trainableParams,
        totalParams: out.totalParams,
        trainablePercent: out.totalParams > 0 ? (100 * out.trainableParams) / out.totalParams : 0,
        lossCurve: out.lossCurve,
        evalLoss: out.evalLoss,
        samples: out.samples,
        timings: { trainSeconds: out.trainSeconds, evalSeconds: out.evalSeconds, totalSeconds },
      };
      const manifest: BenchRunManifest = {
        schemaVersion: RUN_MANIFEST_SCHEMA_VERSION,
        kind: 'bench',
        experiment: spec,
        profile: profile.name,
        seed,
        backend: backendDeterminism(engine.backend),
        packages: options.packages ?? {},
        git,
        machine: machineInfo(),
        datasets: out.datasets,
        startedAt: startedAt.toISOString(),
        finishedAt: new Date().toISOString(),
        timings: result.timings,
        peakMemory,
        metrics: result.metrics,
        trainable: {
          params: result.trainableParams,
          total: result.totalParams,
          percent: result.trainablePercent,
        },
      };
      // Manifest first, result last: result.json is the completion marker.
      writeRunManifest(join(outDir, 'manifest.json'), manifest);
      writeJsonAtomicSync(join(outDir, 'result.json'), result);
      results.set(spec.id, result);
      summary.ran.push(spec.id);
      const figures = Object.entries(result.metrics)
        .map(([k, v]) => `${k} ${v?.toFixed(4)}`)
        .join(', ');
      log(`  done in ${totalSeconds.toFixed(1)} s: ${figures}`);
    } catch (err) {
      memory.stop();
      const message = err instanceof Error ? err.message : String(err);
      summary.failed.push({ id: spec.id, error: message });
      log(`  FAILED: ${message}`);
      if (err instanceof Error && err.stack) log(err.stack);
    }
    summary.written = writeResults(dir, PAPER_TABLES, tableCtx(), preamble);
  }
  summary.written = writeResults(dir, PAPER_TABLES, tableCtx(), preamble);
  summary.seconds = (Date.now() - started) / 1000;
  return summary;
}
