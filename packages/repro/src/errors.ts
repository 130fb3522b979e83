/**
 * Error classes raised by `@t5sql/repro`. Every one extends {@link ReproError}, so a caller can catch the
 * harness's own failures as a group and tell a profile that cannot run here ({@link RequirementError}) from an
 * experiment that asks for something impossible ({@link ReproConfigError}), data that is missing or unusable
 * ({@link ReproDataError}) or a manifest that cannot be read ({@link RunManifestError}) by class. Errors of the
 * packages underneath (t5-core, datasets, sql-eval, ...) pass through with their own classes.
 *
 * @example
 * ```ts
 * import { ReproDataError, resolveDataLocations } from '@t5sql/repro';
 * try {
 *   resolveDataLocations(process.env.T5SQL_DATA_DIR);
 * } catch (error) {
 *   if (error instanceof ReproDataError) console.error('fix the data folder:', error.message);
 *   else throw error;
 * }
 * ```
 */

/** Base class of every error raised by `@t5sql/repro`. */
export class ReproError extends Error {
  override name = 'ReproError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
  }
}

/** A profile's prerequisites are missing: the run stops and says what to install or enable; it never fakes. */
export class RequirementError extends ReproError {
  override readonly name = 'RequirementError';
}

/**
 * A profile, experiment or option asks for something that cannot be: an unknown profile name, a split the dataset
 * does not have, more records than the split holds, a local model the profile does not declare, a pretraining
 * corpus shorter than one chunk, a tokenizer without sentinels, or constrained-decoding options that do not fit
 * (`topK`, one schema per input).
 */
export class ReproConfigError extends ReproError {
  override name = 'ReproConfigError';
}

/**
 * Data a run needs is missing or unusable: the data folder does not exist, Spider (or its databases) is needed but
 * absent, a record has no `dbId`, or a record's schema is not in `tables.json` or cannot be read from its context.
 */
export class ReproDataError extends ReproError {
  override name = 'ReproDataError';
}

/**
 * A run manifest cannot be read (not a JSON object, a `schemaVersion` this version does not know, not the manifest
 * of a training run), or a file it records cannot be fingerprinted. The message names the file.
 */
export class RunManifestError extends ReproError {
  override name = 'RunManifestError';
}
