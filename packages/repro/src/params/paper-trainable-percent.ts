import { countMethodParameters } from '@t5sql/peft';
import type { ExperimentSpec } from '../experiments/types.js';

/**
 * The trainable share (percent) of every experiment on the reported model's configuration, by experiment id,
 * with @t5sql/peft's `countMethodParameters` (no weights).
 *
 * @example
 * ```ts
 * paperTrainablePercent(PAPER_EXPERIMENTS)['table-b/lora']; // 0.3004
 * ```
 */
export function paperTrainablePercent(experiments: readonly ExperimentSpec[]): Record<string, number> {
  return Object.fromEntries(experiments.map((e) => [e.id, countMethodParameters(e.model, e.method).percent]));
}
