import { resolve } from 'node:path';
import { PAPER_EXPERIMENTS, RequirementError, getProfile, runBench } from '@t5sql/repro';
import { COMMON_OPTIONS, type Command } from '../command.js';
import { choice, list, num, optStr } from '../parse-values.js';
import { CommandError, EXIT } from '../usage-error.js';

const HELP = `t5sql bench — reproduce the reported results tables and put our figures beside them.

Usage: t5sql bench [--profile local|smoke|paper] [options]

Runs every declared experiment of the profile (Table A: T5-small full fine-tuning, ROUGE; Table B: Flan-T5 by
technique — pre-trained, LoRA, QLoRA, prefix tuning, full — BLEU, ROUGE-L, METEOR, GLEU; the two LoRA
ablations), then writes into <results-dir>/<profile>/:
  results.md  results.csv  results.json   every table, reported beside ours, naming profile, model and data
  <table>-metrics.svg  <table>-loss.svg     bar chart per table, loss curves
  <experiment>/manifest.json, result.json   config, seed, versions, git commit, data hashes, timings, memory

Profiles:
  local   (default) the experiments scaled to a 2-core CPU, about half an hour: small T5 models with the real
          tokenizer, pretrained here by span corruption (cached), fine-tuned on subsets. Offline.
  smoke   every experiment end to end on a few dozen examples, minutes. For CI.
  paper   the reported configurations exactly (t5-small, google/flan-t5-large, full data). Needs the Hugging
          Face hub and @tensorflow/tfjs-node-gpu; stops with a message when either is missing.

An interrupted run resumes: experiments whose result.json matches the spec and seed are skipped (--force re-runs).

Options:
  --profile <name>      local | smoke | paper (default local)
  --seed <n>            the one seed behind every random choice (default 42)
  --data-dir <dir>      folder with spider/, spider-as-gretel/, t5-small-tokenizer/ (default: $T5SQL_DATA_DIR,
                        then the hub)
  --results-dir <dir>   where results go (default ./results)
  --cache-dir <dir>     pretrained local models (default $T5SQL_CACHE_DIR or ~/.cache/t5sql)
  --only <ids>          comma-separated experiment ids to (re)run, e.g. table-b/lora,table-b/qlora
  --force               re-run even when complete results exist
  --backend <name>      tfjs backend: tensorflow-gpu | webgpu | tensorflow | wasm | cpu (default: T5SQL_BACKEND, else the
                        best installed; local and smoke were sized on wasm)
  --list                list the experiment ids and exit
  --json                print a JSON summary on stdout
  -h, --help            this help

Exit codes: 0 every experiment complete; 1 an experiment failed or the profile's requirements are missing;
2 bad command line.

Example:
  T5SQL_DATA_DIR=../shared/data t5sql bench --profile smoke --results-dir benchmarks/results
`;

/** `t5sql bench`. */
export const benchCommand: Command = {
  path: ['bench'],
  summary: 'reproduce the reported tables (profiles local, smoke, paper) with charts and manifests',
  help: HELP,
  options: {
    ...COMMON_OPTIONS,
    profile: { type: 'string' },
    seed: { type: 'string' },
    'data-dir': { type: 'string' },
    'results-dir': { type: 'string' },
    'cache-dir': { type: 'string' },
    only: { type: 'string' },
    force: { type: 'boolean' },
    list: { type: 'boolean' },
    backend: { type: 'string' },
  },
  async run(values, _positionals, io) {
    const profile = getProfile(choice(values, 'profile', ['local', 'smoke', 'paper'], 'local'));
    if (values.list) {
      const rows = PAPER_EXPERIMENTS.map((e) => profile.scale(e));
      if (values.json) io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      else
        for (const e of rows) io.stdout.write(`${e.id.padEnd(24)} ${e.method.kind.padEnd(7)} ${e.model}\n`);
      return EXIT.ok;
    }
    const only = list(values, 'only', []);
    const known = new Set(PAPER_EXPERIMENTS.map((e) => e.id));
    for (const id of only) {
      if (!known.has(id))
        throw new CommandError(`--only: unknown experiment "${id}"; run \`t5sql bench --list\``);
    }
    try {
      const summary = await runBench({
        profile,
        seed: num(values, 'seed', 42, { integer: true, min: 0 }),
        dataDir: optStr(values, 'data-dir') ?? io.env.T5SQL_DATA_DIR,
        resultsDir: resolve(io.cwd, optStr(values, 'results-dir') ?? 'results'),
        cacheDir: optStr(values, 'cache-dir') ?? io.env.T5SQL_CACHE_DIR,
        backend: optStr(values, 'backend') ?? (io.env.T5SQL_BACKEND || undefined),
        only: only.length > 0 ? only : undefined,
        force: values.force === true,
        sink: io.stderr,
      });
      const payload = {
        ok: summary.failed.length === 0,
        profile: summary.profile,
        dir: summary.dir,
        seconds: summary.seconds,
        ran: summary.ran,
        skipped: summary.skipped,
        failed: summary.failed,
        files: summary.written,
      };
      if (values.json) io.stdout.write(`${JSON.stringify(payload, null, 2)}\n`);
      else {
        io.stdout.write(
          `profile ${summary.profile}: ${summary.ran.length} ran, ${summary.skipped.length} reused, ` +
            `${summary.failed.length} failed in ${(summary.seconds / 60).toFixed(1)} min\n` +
            `tables: ${summary.written.markdown}\n`,
        );
      }
      return summary.failed.length === 0 ? EXIT.ok : EXIT.failure;
    } catch (err) {
      if (err instanceof RequirementError) {
        if (values.json) io.stdout.write(`${JSON.stringify({ ok: false, error: err.message })}\n`);
        io.stderr.write(`t5sql bench: ${err.message}\n`);
        return EXIT.failure;
      }
      throw err;
    }
  },
};
