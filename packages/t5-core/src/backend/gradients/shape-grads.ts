// Gradients of kernels that only move data: the backward pass moves dy back.
import * as tf from '@tensorflow/tfjs-core';
import type { GradConfig } from '@tensorflow/tfjs-core';
import { normalizeAxis, reduceToShape } from './reduce-to-shape.js';

const same = (kernelName: string): GradConfig => ({
  kernelName,
  inputsToSave: ['x'],
  gradFunc: (dy, [x]) => ({ x: () => tf.reshape(dy as tf.Tensor, x.shape) }),
});

/** Reshape, Transpose, Tile, PadV2, Concat, Slice, Pack, Unpack, SplitV, BroadcastTo, Reverse, Select, Cumsum. */
export const SHAPE_GRADS: GradConfig[] = [
  same('Reshape'),
  {
    kernelName: 'ExpandDims',
    inputsToSave: ['input'],
    gradFunc: (dy, [input]) => ({ input: () => tf.reshape(dy as tf.Tensor, input.shape) }),
  },
  {
    kernelName: 'Transpose',
    gradFunc: (dy, _saved, attrs) => {
      const perm = attrs.perm as number[];
      const inverse = new Array<number>(perm.length);
      perm.forEach((p, i) => {
        inverse[p] = i;
      });
      return { x: () => tf.transpose(dy as tf.Tensor, inverse) };
    },
  },
  {
    kernelName: 'Tile',
    inputsToSave: ['x'],
    gradFunc: (dy, [x], attrs) => ({
      x: () => {
        const reps = attrs.reps as number[];
        // One repeated axis at a time: [.., r*s, ..] → [.., r, s, ..], summed over r. Splitting every axis at once
        // would double the rank, past the 6 dimensions tfjs-backend-webgpu's programs support.
        let grad = dy as tf.Tensor;
        for (const [i, rep] of reps.entries()) {
          if (rep === 1) continue;
          const shape = [...grad.shape];
          shape.splice(i, 1, rep, x.shape[i]);
          grad = tf.sum(tf.reshape(grad, shape), i);
        }
        return tf.reshape(grad, x.shape);
      },
    }),
  },
  {
    kernelName: 'PadV2',
    inputsToSave: ['x'],
    gradFunc: (dy, [x], attrs) => {
      const begin = (attrs.paddings as [number, number][]).map((p) => p[0]);
      return { x: () => tf.slice(dy as tf.Tensor, begin, x.shape) };
    },
  },
  {
    kernelName: 'Concat',
    saveAllInputs: true,
    gradFunc: (dy, saved, attrs) => {
      const axis = normalizeAxis(attrs.axis as number, saved[0].rank);
      const parts = tf.split(
        dy as tf.Tensor,
        saved.map((t) => t.shape[axis]),
        axis,
      );
      return Object.fromEntries(parts.map((p, i) => [i, () => p]));
    },
  },
  {
    kernelName: 'Slice',
    inputsToSave: ['x'],
    gradFunc: (dy, [x], attrs) => {
      const [begin, size] = tf.slice_util.parseSliceParams(
        x,
        attrs.begin as number[],
        attrs.size as number[],
      );
      const paddings = x.shape.map((d, i) => [begin[i], d - begin[i] - size[i]] as [number, number]);
      return { x: () => tf.pad(dy as tf.Tensor, paddings) };
    },
  },
  {
    kernelName: 'Pack',
    saveAllInputs: true,
    gradFunc: (dy, saved, attrs) => {
      const parts = tf.unstack(dy as tf.Tensor, attrs.axis as number);
      return Object.fromEntries(saved.map((_, i) => [i, () => parts[i]]));
    },
  },
  {
    kernelName: 'Unpack',
    gradFunc: (dy, _saved, attrs) => ({ value: () => tf.stack(dy as tf.Tensor[], attrs.axis as number) }),
  },
  {
    kernelName: 'SplitV',
    gradFunc: (dy, _saved, attrs) => ({ x: () => tf.concat(dy as tf.Tensor[], attrs.axis as number) }),
  },
  {
    kernelName: 'BroadcastTo',
    gradFunc: (dy, _saved, attrs) => ({
      x: () => reduceToShape(dy as tf.Tensor, attrs.inputShape as number[]),
    }),
  },
  {
    kernelName: 'Reverse',
    gradFunc: (dy, _saved, attrs) => ({ x: () => tf.reverse(dy as tf.Tensor, attrs.dims as number[]) }),
  },
  {
    kernelName: 'Cumsum',
    gradFunc: (dy, _saved, attrs) => ({
      // Each input feeds every later (earlier, when reversed) output: sum dy the other way.
      x: () => tf.cumsum(dy as tf.Tensor, attrs.axis as number, attrs.exclusive as boolean, !attrs.reverse),
    }),
  },
  {
    kernelName: 'Select',
    inputsToSave: ['condition'],
    gradFunc: (dy, [condition]) => {
      const g = dy as tf.Tensor;
      return {
        condition: () => tf.zeros(condition.shape, 'float32'),
        t: () => tf.where(condition, g, tf.zerosLike(g)),
        e: () => tf.where(condition, tf.zerosLike(g), g),
      };
    },
  },
  {
    kernelName: 'OneHot',
    inputsToSave: ['indices'],
    gradFunc: (_dy, [indices]) => ({ indices: () => tf.zeros(indices.shape, 'float32') }),
  },
];
