// Learning-rate schedules with Hugging Face's LambdaLR semantics: the rate of update k (0-based) is base · λ(k).
import { TrainingError } from '../errors/index.js';

/** Schedule names as HF `get_scheduler` spells them. */
export type ScheduleName = 'linear' | 'constant' | 'constant_with_warmup';

/** The run length a schedule needs. */
export interface ScheduleOptions {
  /** Updates over the whole run (`num_training_steps`). */
  totalSteps: number;
  /** Warm-up updates; 0 for none. */
  warmupSteps: number;
}

/**
 * λ(k) of HF's `get_linear_schedule_with_warmup` / `get_constant_schedule(_with_warmup)`: during warm-up
 * k / max(1, warmup) (so the first update runs at rate 0, as in HF), then linear decay
 * max(0, (total − k) / max(1, total − warmup)) or constant 1.
 *
 * @example
 * ```ts
 * const lambda = scheduleLambda('linear', { totalSteps: 100, warmupSteps: 10 });
 * lambda(5); // 0.5
 * ```
 */
export function scheduleLambda(
  name: ScheduleName,
  { totalSteps, warmupSteps }: ScheduleOptions,
): (k: number) => number {
  switch (name) {
    case 'constant':
      return () => 1;
    case 'constant_with_warmup':
      return (k) => (k < warmupSteps ? k / Math.max(1, warmupSteps) : 1);
    case 'linear':
      return (k) =>
        k < warmupSteps
          ? k / Math.max(1, warmupSteps)
          : Math.max(0, (totalSteps - k) / Math.max(1, totalSteps - warmupSteps));
    default:
      throw new TrainingError(
        `schedule: unknown name "${name as string}"; expected linear, constant or constant_with_warmup`,
      );
  }
}

/** HF's warm-up resolution: explicit steps win; otherwise ⌈total · ratio⌉. */
export function resolveWarmupSteps(totalSteps: number, warmupSteps?: number, warmupRatio?: number): number {
  if (warmupSteps !== undefined && warmupSteps > 0) return Math.floor(warmupSteps);
  if (warmupRatio !== undefined && warmupRatio > 0) return Math.ceil(totalSteps * warmupRatio);
  return 0;
}
