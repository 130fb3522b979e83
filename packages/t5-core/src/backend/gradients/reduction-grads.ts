// Gradients of reductions: the upstream gradient is broadcast back over the reduced axes.
import * as tf from '@tensorflow/tfjs-core';
import type { GradConfig } from '@tensorflow/tfjs-core';
import { keptShape } from './reduce-to-shape.js';

type Axis = number | number[] | null;

/** Sum and Mean spread dy evenly; Max and Min send it to the positions that attained the extremum. */
export const REDUCTION_GRADS: GradConfig[] = [
  {
    kernelName: 'Sum',
    inputsToSave: ['x'],
    gradFunc: (dy, [x], attrs) => ({
      x: () => tf.mul(tf.reshape(dy as tf.Tensor, keptShape(x.shape, attrs.axis as Axis)), tf.ones(x.shape)),
    }),
  },
  {
    kernelName: 'Mean',
    inputsToSave: ['x'],
    gradFunc: (dy, [x], attrs) => ({
      x: () => {
        const kept = keptShape(x.shape, attrs.axis as Axis);
        const count = x.size / kept.reduce((a, b) => a * b, 1);
        return tf.mul(tf.reshape(tf.div(dy as tf.Tensor, count), kept), tf.ones(x.shape));
      },
    }),
  },
  extremum('Max', 'reductionIndices'),
  extremum('Min', 'axis'),
];

function extremum(kernelName: string, axisAttr: string): GradConfig {
  return {
    kernelName,
    inputsToSave: ['x'],
    outputsToSave: [true],
    gradFunc: (dy, [x, y], attrs) => ({
      x: () => {
        const kept = keptShape(x.shape, attrs[axisAttr] as Axis);
        const hit = tf.cast(tf.equal(x, tf.reshape(y, kept)), 'float32');
        return tf.mul(tf.reshape(dy as tf.Tensor, kept), hit);
      },
    }),
  };
}
