// The plain projection behind every T5 Linear (bias-free, as in HF's T5).
import * as tf from '@tensorflow/tfjs-core';
import type { ForwardContext } from '../contracts/index.js';
import { ShapeError } from '../errors/t5-core-error.js';
import type { LinearLayer } from './contracts.js';
import { projectMatMul } from './project-matmul.js';

/**
 * `y = x W` with `W` kept as `[inFeatures, outFeatures]` so tfjs multiplies without a transpose. HF stores the
 * same weight as `[out, in]`: the checkpoint code transposes once at load and back at save.
 * `variables()` reports it as `weight` (HF's suffix) in this `[in, out]` layout.
 */
export class DenseLinear implements LinearLayer {
  readonly inFeatures: number;
  readonly outFeatures: number;
  /** `[inFeatures, outFeatures]` */
  readonly weight: tf.Variable;

  constructor(weight: tf.Variable) {
    if (weight.rank !== 2)
      throw new ShapeError(`DenseLinear: weight must be [in, out], found shape [${weight.shape}]`);
    this.weight = weight;
    [this.inFeatures, this.outFeatures] = weight.shape as [number, number];
  }

  apply(x: tf.Tensor, _ctx: ForwardContext): tf.Tensor {
    return tf.tidy(() => {
      const lead = x.shape.slice(0, -1);
      const flat = tf.reshape(x, [-1, this.inFeatures]) as tf.Tensor2D; // [rows, in]
      return tf.reshape(projectMatMul(flat, this.weight as tf.Tensor2D), [...lead, this.outFeatures]); // [..., out]
    });
  }

  /** The weight in HF's `[out, in]` layout (a new tensor the caller disposes). */
  hfWeight(): tf.Tensor2D {
    return tf.transpose(this.weight) as tf.Tensor2D;
  }

  variables(): Map<string, tf.Variable> {
    return new Map([['weight', this.weight]]);
  }

  dispose(): void {
    this.weight.dispose();
  }
}
