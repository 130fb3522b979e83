// Broadcasting in the forward pass means summing in the backward pass.
import * as tf from '@tensorflow/tfjs-core';

/** Sums `grad` over the axes along which an input of `shape` was broadcast, returning a tensor of `shape`. */
export function reduceToShape(grad: tf.Tensor, shape: readonly number[]): tf.Tensor {
  if (grad.shape.length === shape.length && grad.shape.every((d, i) => d === shape[i])) return grad;
  const lead = grad.rank - shape.length;
  const axes: number[] = [];
  for (let i = 0; i < grad.rank; i++) {
    // Leading dims the input did not have, and dims where the input had size 1.
    if (i < lead || (shape[i - lead] === 1 && grad.shape[i] !== 1)) axes.push(i);
  }
  const summed = axes.length > 0 ? tf.sum(grad, axes, true) : grad;
  return tf.reshape(summed, [...shape]);
}

/** Resolves a possibly negative axis against a rank. */
export function normalizeAxis(axis: number, rank: number): number {
  return axis < 0 ? axis + rank : axis;
}

/** Shape of a reduction's output kept at full rank (size 1 on the reduced axes), for broadcasting back. */
export function keptShape(inShape: readonly number[], axis: number | number[] | null | undefined): number[] {
  const rank = inShape.length;
  const axes =
    axis === null || axis === undefined
      ? inShape.map((_, i) => i)
      : (Array.isArray(axis) ? axis : [axis]).map((a) => normalizeAxis(a, rank));
  return inShape.map((d, i) => (axes.includes(i) ? 1 : d));
}
