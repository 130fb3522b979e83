// Build, step 1: one tfjs variable per HF parameter, copied from initial weights whose keys and shapes are
// checked against the parameter layout.
import * as tf from '@tensorflow/tfjs-core';
import type { T5Config } from '../config/t5-config.js';
import { t5ParameterSpecs } from '../config/t5-parameter-layout.js';
import { CheckpointError, ShapeError } from '../errors/t5-core-error.js';
import { DenseLinear } from './dense-linear.js';
import { LinearRegistry } from './linear-registry.js';

/** A model's variables: the projections by module path, everything else by HF name. */
export interface T5Variables {
  /** Every Linear (attention, feed-forward, `lm_head`) as a {@link DenseLinear}, by HF module path. */
  linears: LinearRegistry;
  /** Non-linear parameters (embedding, norms, bias tables) by HF name. */
  params: Map<string, tf.Variable>;
}

// tfjs variable names are global to the process: every model instance gets its own prefix.
let instanceCounter = 0;

function uniquePrefix(): string {
  const registered = tf.engine().registeredVariables;
  let prefix: string;
  do {
    instanceCounter += 1;
    prefix = `t5_${instanceCounter}`;
  } while (Object.keys(registered).some((name) => name.startsWith(`${prefix}/`)));
  return prefix;
}

/**
 * Copies `weights` (keyed by HF name, Linear weights in this library's `[in, out]` layout) into trainable float32
 * variables named `t5_<n>/<HF name>`. Every parameter of the layout must be there with its exact shape; the
 * caller keeps ownership of `weights`.
 */
export function createT5Variables(config: T5Config, weights: Map<string, tf.Tensor>): T5Variables {
  const linears = new LinearRegistry();
  const params = new Map<string, tf.Variable>();
  const prefix = uniquePrefix();
  for (const spec of t5ParameterSpecs(config)) {
    const value = weights.get(spec.name);
    const shape = spec.transposed ? [spec.hfShape[1], spec.hfShape[0]] : spec.hfShape;
    if (value === undefined)
      throw new CheckpointError(`T5ForConditionalGeneration: no initial value for "${spec.name}"`);
    if (value.shape.length !== shape.length || value.shape.some((d, i) => d !== shape[i])) {
      throw new ShapeError(
        `T5ForConditionalGeneration: "${spec.name}" expected shape [${shape}], found [${value.shape}]`,
      );
    }
    const variable = tf.variable(value, true, `${prefix}/${spec.name}`, 'float32');
    if (spec.kind === 'linear') linears.add(spec.module!, new DenseLinear(variable));
    else params.set(spec.name, variable);
  }
  return { linears, params };
}
