import type { ParseArgsConfig } from 'node:util';

/** Where a command writes: stdout for results (`--json` goes here), stderr for progress and logs. */
export interface CommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** One `t5sql` sub-command. */
export interface Command {
  /** Words that select it (`['data', 'stats']`). */
  path: string[];
  summary: string;
  /** Full `--help` text. */
  help: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Whether positional arguments are accepted. */
  allowPositionals?: boolean;
  /** Runs with parsed values; returns the exit code. */
  run(
    values: Record<string, string | boolean | string[] | undefined>,
    positionals: string[],
    io: CommandIo,
  ): Promise<number>;
}

/** Options every command accepts. */
export const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
} as const;
