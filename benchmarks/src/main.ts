// `pnpm bench`: reproduces the reported results tables (the `t5sql bench` command with the repository's
// defaults), then runs the tinybench micro-benchmarks.
//
//   pnpm bench                      local profile, offline, ~30 min on 2 cores; then the micro-benchmarks
//   pnpm bench --profile smoke      every experiment end to end in minutes (CI); no micro-benchmarks
//   pnpm bench --profile paper      the reported configurations (needs hub + GPU backend)
//
// Data: --data-dir, then $T5SQL_DATA_DIR, then $T5SQL_SHARED_DIR/data or ../shared/data beside the checkout,
// then the Hugging Face hub. Results: benchmarks/results/<profile>/. Cache: .cache/t5sql at the repo root.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '@t5sql/cli';
import { runMicroBenchmarks } from './micro.js';

const benchDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(benchDir, '..');

/** Removes a boolean flag from argv, reporting whether it was there. */
function takeFlag(argv: string[], flag: string): boolean {
  const i = argv.indexOf(flag);
  if (i < 0) return false;
  argv.splice(i, 1);
  return true;
}

function hasOption(argv: readonly string[], name: string): boolean {
  return argv.some((a) => a === name || a.startsWith(`${name}=`));
}

/** The data folder benchmarks may use when none is given: the shared data beside the checkout. */
function defaultDataDir(): string | undefined {
  if (process.env.T5SQL_DATA_DIR) return process.env.T5SQL_DATA_DIR;
  const shared = process.env.T5SQL_SHARED_DIR ?? join(repoRoot, '..', 'shared');
  const dir = join(shared, 'data');
  return existsSync(dir) ? dir : undefined;
}

const argv = process.argv.slice(2).filter((a) => a !== '--');
const noMicro = takeFlag(argv, '--no-micro');
const withMicro = takeFlag(argv, '--micro');
const wantsHelp = argv.includes('--help') || argv.includes('-h');
const profileIndex = argv.findIndex((a) => a === '--profile');
const profile =
  profileIndex >= 0
    ? argv[profileIndex + 1]
    : (argv.find((a) => a.startsWith('--profile='))?.slice(10) ?? 'local');

const args = ['bench', ...argv];
if (!hasOption(argv, '--results-dir')) args.push('--results-dir', join(benchDir, 'results'));
if (!hasOption(argv, '--cache-dir'))
  args.push('--cache-dir', process.env.T5SQL_CACHE_DIR ?? join(repoRoot, '.cache', 't5sql'));
const dataDir = defaultDataDir();
if (!hasOption(argv, '--data-dir') && dataDir) args.push('--data-dir', dataDir);

let code = await runCli(args);
if (wantsHelp) {
  console.log(
    'pnpm bench extras: --micro / --no-micro run or skip the tinybench micro-benchmarks afterwards',
  );
  console.log('(default: run them after the local profile, skip them for smoke and paper).');
} else if (!argv.includes('--list') && (withMicro || (profile === 'local' && !noMicro))) {
  console.log('\n# micro-benchmarks (pnpm bench:micro)');
  const failed = await runMicroBenchmarks();
  if (failed.length > 0 && code === 0) code = 1;
}
process.exitCode = code;
