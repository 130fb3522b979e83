import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandIo } from '../command.js';
import { CommandError, EXIT, UsageError } from '../usage-error.js';

/** A command runner a package ships for its own executable (`runEvalSqlCommand`, `runMetricsCommand`). */
export type PackageRunner = (argv: string[], write: PackageRunnerIo) => Promise<number>;

/** Where {@link PackageRunner} writes. */
export interface PackageRunnerIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

/**
 * Runs a package's own command runner as a `t5sql` command, so that it behaves like every other one: a usage
 * error becomes a {@link UsageError} (exit 2, with the help hint), a failure an `Error` (exit 1, and
 * `{ ok: false, error }` on stdout under `--json`), both without the runner's own program name and usage text.
 *
 * `jsonFile` is passed to the runner's `--json <file>` (both runners write their full report there, atomically).
 * With `jsonToStdout` the report (written to `jsonFile`, or else to a temporary file) is also printed on stdout as
 * the one JSON document, and the runner's printed table goes to stderr.
 *
 * @example
 * await runPackageCommand(runEvalSqlCommand, ['--gold', 'dev.json', ...], io, {
 *   program: 'eval-sql',
 *   jsonToStdout: true,
 * });
 */
export async function runPackageCommand(
  runner: PackageRunner,
  argv: string[],
  io: CommandIo,
  options: { program: string; jsonToStdout: boolean; jsonFile?: string },
): Promise<number> {
  let out = '';
  let err = '';
  const tmp =
    options.jsonToStdout && options.jsonFile === undefined
      ? mkdtempSync(join(tmpdir(), 't5sql-report-'))
      : null;
  const reportFile = tmp === null ? options.jsonFile : join(tmp, 'report.json');
  try {
    const code = await runner(reportFile === undefined ? argv : [`--json=${reportFile}`, ...argv], {
      out: (t) => {
        out += t;
      },
      err: (t) => {
        err += t;
      },
    });
    if (code !== EXIT.ok) {
      // The runners print `<program>: <message>` first, then possibly their usage text.
      const first =
        err.split('\n').find((l) => l.trim() !== '') ?? `${options.program} exited with code ${code}`;
      const message = first.startsWith(`${options.program}: `)
        ? first.slice(options.program.length + 2)
        : first;
      if (code === EXIT.usage) throw new UsageError(message);
      throw new CommandError(message);
    }
    if (options.jsonToStdout && reportFile !== undefined) {
      io.stderr.write(out + err);
      // The runner's report, unchanged: one JSON document.
      io.stdout.write(`${readFileSync(reportFile, 'utf8').trim()}\n`);
    } else {
      io.stdout.write(out);
      if (err !== '') io.stderr.write(err);
    }
    return EXIT.ok;
  } finally {
    if (tmp !== null) rmSync(tmp, { recursive: true, force: true });
  }
}
