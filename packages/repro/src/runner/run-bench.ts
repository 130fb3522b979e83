import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ProgressSink } from '@t5sql/common';
import { T5Engine } from '../engine/t5-engine.js';
import { PAPER_EXPERIMENTS } from '../experiments/paper-experiments.js';
import type { ProfileSpec } from '../experiments/profiles.js';
import { packageVersions } from '../manifest/package-versions.js';
import { MANIFEST_PACKAGES } from '../manifest/run-environment.js';
import { paperTrainablePercent } from '../params/paper-trainable-percent.js';
import { type RunProfileSummary, runProfile } from './run-profile.js';

/** Options of {@link runBench}. */
export interface RunBenchOptions {
  profile: ProfileSpec;
  seed: number;
  resultsDir: string;
  dataDir?: string;
  /** Default `T5SQL_CACHE_DIR`, else `~/.cache/t5sql`. */
  cacheDir?: string;
  backend?: string;
  only?: readonly string[];
  force?: boolean;
  sink?: ProgressSink | null;
}

/**
 * Everything `t5sql bench` / `pnpm bench` does: create the tfjs engine, run the profile (resuming), and write the
 * tables with the reported figures, the trainable share on the reported configurations, and our results.
 */
export async function runBench(options: RunBenchOptions): Promise<RunProfileSummary> {
  const engine = await T5Engine.create({ dataDir: options.dataDir, backend: options.backend });
  const packages = { '@t5sql/repro': null, ...packageVersions(MANIFEST_PACKAGES, import.meta.url) };
  const own = packageVersions(['@t5sql/repro'], import.meta.url)['@t5sql/repro'];
  return runProfile({
    profile: options.profile,
    engine,
    resultsDir: options.resultsDir,
    cacheDir: options.cacheDir ?? process.env.T5SQL_CACHE_DIR ?? join(homedir(), '.cache', 't5sql'),
    seed: options.seed,
    only: options.only,
    force: options.force,
    packages: { ...packages, '@t5sql/repro': own },
    paperTrainablePercent: paperTrainablePercent(PAPER_EXPERIMENTS),
    sink: options.sink,
  });
}
