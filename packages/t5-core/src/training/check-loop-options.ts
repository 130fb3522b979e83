import { TrainingError } from '../errors/index.js';
// The options that shape the training loop, checked when the Trainer is built.
import type { TrainerOptions } from './trainer-types.js';

/**
 * Throws naming the first option of the loop's shape that is out of range: `gradientAccumulationSteps`,
 * `maxSteps`, `epochs`.
 *
 * @example
 * ```ts
 * checkLoopOptions({ maxSteps: 0 }); // throws: maxSteps must be a positive integer, got 0
 * ```
 */
export function checkLoopOptions(options: TrainerOptions): void {
  const accum = options.gradientAccumulationSteps ?? 1;
  if (!Number.isInteger(accum) || accum < 1)
    throw new TrainingError(`gradientAccumulationSteps must be an integer >= 1, got ${accum}`);
  if (options.maxSteps !== undefined && !(Number.isInteger(options.maxSteps) && options.maxSteps > 0)) {
    throw new TrainingError(`maxSteps must be a positive integer, got ${options.maxSteps}`);
  }
  if (options.epochs !== undefined && !(Number.isInteger(options.epochs) && options.epochs > 0)) {
    throw new TrainingError(`epochs must be a positive integer, got ${options.epochs}`);
  }
}
