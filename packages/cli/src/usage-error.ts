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
