import * as tf from '@tensorflow/tfjs-core';
import { ShapeError, TokenIdError } from '../errors/t5-core-error.js';
import type { TokenIds } from './seq2seq.js';

/** What {@link toIdTensor} checks the values of nested arrays against (tensors are not read back). */
export interface IdRange {
  /** Ids must be in `[0, vocabSize)`: they index the embedding. */
  vocabSize: number;
  /** One value outside that range that is allowed (-100 for labels, which takes no loss). */
  ignoreIndex?: number;
}

/**
 * Token ids as an int32 `[batch, length]` tensor. Nested arrays must be rectangular integers, and with `range`
 * every id must be a row of the embedding: an id from a tokenizer larger than the model's vocabulary is an error
 * naming the row, the column and `vocab_size` here, instead of tfjs' `GatherV2` index error later. A tensor is
 * cast to int32 when needed and never read back (no GPU sync); the result is always a new tensor, so callers may
 * dispose it.
 */
export function toIdTensor(ids: TokenIds, field: string, range?: IdRange): tf.Tensor2D {
  if (ids instanceof tf.Tensor) {
    if (ids.rank !== 2)
      throw new ShapeError(`${field}: expected a [batch, length] tensor, found shape [${ids.shape}]`);
    return (ids.dtype === 'int32' ? tf.clone(ids) : tf.cast(ids, 'int32')) as tf.Tensor2D;
  }
  if (!Array.isArray(ids) || ids.length === 0 || !Array.isArray(ids[0])) {
    throw new ShapeError(`${field}: expected number[][] with at least one row`);
  }
  const width = ids[0].length;
  const flat = new Int32Array(ids.length * width);
  const vocabSize = range?.vocabSize ?? Number.POSITIVE_INFINITY;
  const ignore = range?.ignoreIndex;
  const lowest = range === undefined ? Number.NEGATIVE_INFINITY : 0;
  ids.forEach((row, r) => {
    if (row.length !== width)
      throw new ShapeError(`${field}: row ${r} has length ${row.length}, row 0 has ${width}`);
    row.forEach((v, c) => {
      if (!Number.isInteger(v))
        throw new TokenIdError(`${field}: row ${r} column ${c} is ${v}, expected an integer`);
      if ((v < lowest || v >= vocabSize) && v !== ignore) {
        const allowed = `[0, ${vocabSize})${ignore === undefined ? '' : ` or ${ignore}`}`;
        const hint = v >= vocabSize ? '; was it encoded by a tokenizer with more tokens than the model?' : '';
        throw new TokenIdError(
          `${field}: row ${r} column ${c} is ${v}, but the model's vocab_size is ${vocabSize} (ids must be in ${allowed})${hint}`,
        );
      }
      flat[r * width + c] = v;
    });
  });
  return tf.tensor2d(flat, [ids.length, width], 'int32');
}
