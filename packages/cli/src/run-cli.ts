import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Command, CommandIo } from './command.js';
import { COMMANDS } from './commands/index.js';
import { EXIT, UsageError } from './usage-error.js';

/** The top-level `t5sql --help`. */
export function topLevelHelp(commands: readonly Command[] = COMMANDS): string {
  const width = Math.max(...commands.map((c) => c.path.join(' ').length));
  return [
    't5sql — fine-tune T5 / Flan-T5 for text-to-SQL on TensorFlow.js, and measure the result.',
    '',
    'Usage: t5sql <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.path.join(' ').padEnd(width)}  ${c.summary}`),
    '',
    'Run `t5sql <command> --help` for the options of one command. Every command accepts --json (one JSON document',
    'on stdout; progress stays on stderr).',
    '',
    'Exit codes: 0 success, 1 the command failed, 2 the command line was wrong. `t5sql --version` prints the version.',
    '',
    'Examples:',
    '  t5sql params --model google/flan-t5-large --method lora --r 8',
    '  t5sql data stats --dataset spider --data ./spider',
    '  t5sql bench --profile smoke',
    '',
  ].join('\n');
}

function findCommand(
  argv: readonly string[],
  commands: readonly Command[],
): { command: Command; rest: string[] } | null {
  // Longest matching word path wins (`data stats` before a hypothetical `data`).
  const sorted = [...commands].sort((a, b) => b.path.length - a.path.length);
  for (const command of sorted) {
    if (command.path.every((word, i) => argv[i] === word))
      return { command, rest: argv.slice(command.path.length) };
  }
  return null;
}

/**
 * Runs the `t5sql` command line and returns the exit code (never calls `process.exit`, so it is testable).
 *
 * @example
 * ```ts
 * const code = await runCli(['params', '--model', 'google/flan-t5-large', '--method', 'lora', '--r', '8']);
 * ```
 */
export async function runCli(
  argv: readonly string[],
  io: CommandIo = { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() },
  commands: readonly Command[] = COMMANDS,
): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.stdout.write(topLevelHelp(commands));
    return argv.length === 0 ? EXIT.usage : EXIT.ok;
  }
  if (argv[0] === '--version') {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    io.stdout.write(`t5sql ${pkg.version}\n`);
    return EXIT.ok;
  }
  const found = findCommand(argv, commands);
  if (!found) {
    io.stderr.write(
      `t5sql: unknown command "${argv.slice(0, 2).join(' ')}". Run \`t5sql --help\` for the list.\n`,
    );
    return EXIT.usage;
  }
  const { command, rest } = found;
  const name = command.path.join(' ');
  let parsed: { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: rest,
      options: command.options,
      allowPositionals: command.allowPositionals ?? false,
      strict: true,
    }) as typeof parsed;
  } catch (err) {
    io.stderr.write(
      `t5sql ${name}: ${(err as Error).message}\nRun \`t5sql ${name} --help\` for the options.\n`,
    );
    return EXIT.usage;
  }
  if (parsed.values.help) {
    io.stdout.write(command.help);
    return EXIT.ok;
  }
  try {
    return await command.run(parsed.values, parsed.positionals, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`t5sql ${name}: ${err.message}\nRun \`t5sql ${name} --help\` for the options.\n`);
      return EXIT.usage;
    }
    const message = err instanceof Error ? err.message : String(err);
    if (parsed.values.json) io.stdout.write(`${JSON.stringify({ ok: false, error: message })}\n`);
    io.stderr.write(`t5sql ${name}: ${message}\n`);
    if (io.env.T5SQL_DEBUG && err instanceof Error && err.stack) io.stderr.write(`${err.stack}\n`);
    return EXIT.failure;
  }
}
