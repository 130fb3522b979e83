import { Mulberry32, permutationFromFloats } from '@t5sql/common';
import { DatasetOptionError } from '../errors/datasets-error.js';

/** Options of {@link trainValidationSplit}. */
export interface SplitOptions {
  /** A fraction in (0, 1) of the records, or a whole number of records. */
  validationSize: number;
  seed: number;
}

/**
 * Splits records into train and validation after a seeded shuffle, like `train_test_split(test_size, seed)`.
 * A fractional size rounds up (at least one validation record), as the HF datasets implementation does.
 *
 * @example
 * const { train, validation } = trainValidationSplit(records, { validationSize: 0.1, seed: 42 });
 */
export function trainValidationSplit<T>(
  records: readonly T[],
  options: SplitOptions,
): { train: T[]; validation: T[] } {
  const n = records.length;
  const size = options.validationSize;
  const count = size > 0 && size < 1 ? Math.ceil(size * n) : size;
  if (!Number.isInteger(count) || count < 0 || count > n) {
    throw new DatasetOptionError(
      `trainValidationSplit: validationSize must be a fraction in (0, 1) or an integer in [0, ${n}], got ${size}.`,
    );
  }
  const order = permutationFromFloats(n, new Mulberry32(options.seed).next);
  return {
    validation: order.slice(0, count).map((i) => records[i]),
    train: order.slice(count).map((i) => records[i]),
  };
}
