/**
 * Error classes raised by @t5sql/t5-core. Every one extends {@link T5CoreError}, so a caller can catch the
 * library's failures as a group and tell a bad checkpoint ({@link CheckpointError}) from a bad config
 * ({@link T5ConfigError}) or a mis-shaped input ({@link ShapeError}) by class. Messages name what was wrong and
 * where: the file, the key, the expected and found shape, the row.
 *
 * @example
 * ```ts
 * import { CheckpointError, T5ForConditionalGeneration } from '@t5sql/t5-core';
 * try {
 *   await T5ForConditionalGeneration.fromPretrained('./runs/spider/checkpoint-500');
 * } catch (error) {
 *   if (error instanceof CheckpointError) console.error('not a usable checkpoint:', error.message);
 *   else throw error;
 * }
 * ```
 */

/** Base class of every error raised by `@t5sql/t5-core`. */
export class T5CoreError extends Error {
  override name = 'T5CoreError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
  }
}

/** A `config.json` or `T5Config` value is missing, of the wrong type or out of range; the message names the key. */
export class T5ConfigError extends T5CoreError {
  override name = 'T5ConfigError';
}

/**
 * A checkpoint cannot be read or written: a safetensors file that is damaged, a sharded index that does not match
 * its shards, a missing `config.json`, or tensors that do not match the config (missing, unexpected, mis-shaped).
 */
export class CheckpointError extends T5CoreError {
  override name = 'CheckpointError';
}

/** A tensor or id array has the wrong rank or shape; the message gives the expected and the found shape. */
export class ShapeError extends T5CoreError {
  override name = 'ShapeError';
}

/**
 * A token id array holds a value the model cannot embed: not an integer, negative, or at or above `vocab_size`
 * (often a tokenizer with more tokens than the model). The message names the field, row and column.
 */
export class TokenIdError extends T5CoreError {
  override name = 'TokenIdError';
}

/** A tokenizer file (`tokenizer.json`, `spiece.model`) cannot be used, or the tokenizer was called with bad input. */
export class TokenizerError extends T5CoreError {
  override name = 'TokenizerError';
}

/** Generation options are invalid (HF `GenerationConfig` rules), or a decoding request cannot be carried out. */
export class GenerationError extends T5CoreError {
  override name = 'GenerationError';
}

/**
 * The model was used in a way it does not support: after `dispose()`, with a module path or variable name it does
 * not have, or registering a projection twice.
 */
export class ModelUsageError extends T5CoreError {
  override name = 'ModelUsageError';
}

/**
 * Training cannot run as asked: an option of the trainer, optimizer or schedule out of range, a model that returns
 * no loss, batches that yield nothing. (Resume checkpoints that do not fit are {@link CheckpointError}s.)
 */
export class TrainingError extends T5CoreError {
  override name = 'TrainingError';
}

/** No TensorFlow.js backend could be loaded, or the one requested (`T5SQL_BACKEND`, `prefer`) failed to start. */
export class BackendError extends T5CoreError {
  override name = 'BackendError';
}
