/** Exit codes scripts can rely on. */
export const EXIT = {
  /** Success. */
  ok: 0,
  /** The command ran and failed (bad data, failed run, missing requirement). */
  failure: 1,
  /** The command line was wrong (unknown option, missing argument); nothing ran. */
  usage: 2,
} as const;

/** A mistake on the command line; the CLI prints it with the command's help hint and exits with code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * A command that could not do its work with what it was given (a checkpoint that cannot be resumed, a data split
 * with no records, an unknown experiment id): printed as is, exit code 1.
 */
export class CommandError extends Error {
  override readonly name = 'CommandError';
}
