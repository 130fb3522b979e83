// Trainable and total parameters of a declared method on a named model configuration: no weights needed.
import { countParameters } from './count-parameters.js';
import { type MethodSpec, methodCountSpec } from './method-spec.js';
import { modelConfig } from './presets/model-configs.js';

/** Trainable and total parameters of a method on a model configuration. */
export interface MethodParameterCount {
  trainable: number;
  total: number;
  /** `100 * trainable / total`, as PEFT's print_trainable_parameters. */
  percent: number;
}

/**
 * Counts a method's trainable parameters on a model's public configuration ({@link modelConfig}: `t5-small`,
 * `google/flan-t5-large`, ...) with {@link countParameters}. `none` (evaluate as is) trains nothing.
 *
 * @example
 * ```ts
 * countMethodParameters('google/flan-t5-large', { kind: 'lora', r: 8, loraAlpha: 32, loraDropout: 0.1,
 *   targetModules: ['q', 'v'] }).percent; // 0.3004
 * ```
 */
export function countMethodParameters(model: string, method: MethodSpec): MethodParameterCount {
  const config = modelConfig(model);
  const count = methodCountSpec(method);
  if (count === null) {
    const total = countParameters(config, { method: 'full' }).all;
    return { trainable: 0, total, percent: 0 };
  }
  const c = countParameters(config, count);
  return { trainable: c.trainable, total: c.all, percent: c.trainablePercent };
}
