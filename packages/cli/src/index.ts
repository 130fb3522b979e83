/**
 * @t5sql/cli: the `t5sql` command (train, eval, generate, bench, data stats, params), also callable in-process.
 *
 * @example
 * ```ts
 * import { runCli } from '@t5sql/cli';
 * const exitCode = await runCli(['params', '--model', 'google/flan-t5-large', '--method', 'lora', '--r', '8']);
 * ```
 * @packageDocumentation
 */
export { COMMON_OPTIONS, type Command, type CommandIo } from './command.js';
export { COMMANDS } from './commands/index.js';
export { runCli, topLevelHelp } from './run-cli.js';
export { CommandError, EXIT, UsageError } from './usage-error.js';
