import { type CountMethod, countParameters } from '@t5sql/peft';
import type { ExperimentSpec, MethodSpec } from '../experiments/types.js';
import { modelConfig } from './model-configs.js';

/** Trainable and total parameters of a method on a model configuration. */
export interface TrainableCount {
  trainable: number;
  total: number;
  /** `100 * trainable / total`, as PEFT's print_trainable_parameters. */
  percent: number;
}

/** A declared method as @t5sql/peft's counting input (PEFT's snake_case config fields). */
export function toCountMethod(method: MethodSpec): CountMethod | null {
  switch (method.kind) {
    case 'none':
      return null;
    case 'full':
      return { method: 'full' };
    case 'lora':
    case 'qlora':
      return {
        method: method.kind,
        config: {
          r: method.r,
          lora_alpha: method.loraAlpha,
          lora_dropout: method.loraDropout,
          target_modules: method.targetModules,
        },
      };
    case 'prefix':
      return {
        method: 'prefix',
        config: { num_virtual_tokens: method.numVirtualTokens, prefix_projection: method.prefixProjection },
      };
  }
}

/**
 * Counts a method's trainable parameters on a reported model's public configuration (no weights), with
 * @t5sql/peft's `countParameters`. `none` (evaluate as is) trains nothing.
 *
 * @example
 * ```ts
 * trainableParameters('google/flan-t5-large', LORA_R8).percent; // 0.3004
 * ```
 */
export function trainableParameters(model: string, method: MethodSpec): TrainableCount {
  const config = modelConfig(model);
  const count = toCountMethod(method);
  if (count === null) {
    const total = countParameters(config, { method: 'full' }).all;
    return { trainable: 0, total, percent: 0 };
  }
  const c = countParameters(config, count);
  return { trainable: c.trainable, total: c.all, percent: c.trainablePercent };
}

/** The trainable share (percent) of every experiment on the reported model's configuration, by experiment id. */
export function paperTrainablePercent(experiments: readonly ExperimentSpec[]): Record<string, number> {
  return Object.fromEntries(experiments.map((e) => [e.id, trainableParameters(e.model, e.method).percent]));
}
