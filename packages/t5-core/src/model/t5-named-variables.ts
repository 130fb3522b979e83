// Variable bookkeeping: every variable under its HF state-dict name, trainable flags, parameter counts.
import type * as tf from '@tensorflow/tfjs-core';
import { t5ParameterSpecs } from '../config/t5-parameter-layout.js';
import { ModelUsageError } from '../errors/t5-core-error.js';
import type { T5Modules } from './t5-modules.js';

/**
 * Every variable by HF state-dict name, in state-dict order. Linear weights are in this library's `[in, out]`
 * layout; the variables of swapped-in layers appear under `<module>.<suffix>` (`...q.lora_A.default.weight`).
 */
export function t5NamedVariables(modules: T5Modules): Map<string, tf.Variable> {
  const out = new Map<string, tf.Variable>();
  for (const spec of t5ParameterSpecs(modules.config)) {
    if (spec.kind !== 'linear') {
      out.set(spec.name, modules.params.get(spec.name)!);
      continue;
    }
    for (const [suffix, variable] of modules.linears.get(spec.module!).variables()) {
      out.set(`${spec.module}.${suffix}`, variable);
    }
  }
  return out;
}

/** Sets `trainable` on the variables named (every variable of `all` without `names`); an unknown name throws. */
export function setVariablesTrainable(
  all: Map<string, tf.Variable>,
  trainable: boolean,
  names?: Iterable<string>,
): void {
  for (const name of names ?? all.keys()) {
    const variable = all.get(name);
    if (variable === undefined) throw new ModelUsageError(`no variable "${name}"`);
    variable.trainable = trainable;
  }
}

/** Number of scalar parameters, each variable counted once (tied weights appear under several names). */
export function countParameters(variables: Map<string, tf.Variable>): number {
  return [...new Set(variables.values())].reduce((sum, v) => sum + v.size, 0);
}
