import * as tf from '@tensorflow/tfjs-core';
import type { TokenIds } from './contracts.js';

/**
 * Token ids as an int32 `[batch, length]` tensor. Nested arrays must be rectangular integers; a tensor is cast
 * to int32 when needed (the result is always a new tensor, so callers may dispose it).
 */
export function toIdTensor(ids: TokenIds, field: string): tf.Tensor2D {
  if (ids instanceof tf.Tensor) {
    if (ids.rank !== 2)
      throw new Error(`${field}: expected a [batch, length] tensor, found shape [${ids.shape}]`);
    return (ids.dtype === 'int32' ? tf.clone(ids) : tf.cast(ids, 'int32')) as tf.Tensor2D;
  }
  if (!Array.isArray(ids) || ids.length === 0 || !Array.isArray(ids[0])) {
    throw new Error(`${field}: expected number[][] with at least one row`);
  }
  const width = ids[0].length;
  const flat = new Int32Array(ids.length * width);
  ids.forEach((row, r) => {
    if (row.length !== width)
      throw new Error(`${field}: row ${r} has length ${row.length}, row 0 has ${width}`);
    row.forEach((v, c) => {
      if (!Number.isInteger(v))
        throw new Error(`${field}: row ${r} column ${c} is ${v}, expected an integer`);
      flat[r * width + c] = v;
    });
  });
  return tf.tensor2d(flat, [ids.length, width], 'int32');
}
