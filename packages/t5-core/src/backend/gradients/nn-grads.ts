// Gradients of the kernels at the heart of a transformer: matmul, embedding gather, softmax.
import * as tf from '@tensorflow/tfjs-core';
import type { GradConfig } from '@tensorflow/tfjs-core';
import { normalizeAxis, reduceToShape } from './reduce-to-shape.js';

const matMulGrad: GradConfig = {
  kernelName: 'BatchMatMul',
  inputsToSave: ['a', 'b'],
  gradFunc: (dyIn, [a, b], attrs) => {
    const dy = dyIn as tf.Tensor;
    const tA = attrs.transposeA as boolean;
    const tB = attrs.transposeB as boolean;
    // Transposes are explicit: tfjs-backend-wasm runs a flagged matmul markedly slower than a transpose followed
    // by a plain matmul (about 1.6x with our XNNPACK BatchMatMul kernel, over 10x with the stock one).
    const mm = (x: tf.Tensor, y: tf.Tensor, tx: boolean, ty: boolean) =>
      tf.matMul(tx ? swapLastTwoAxes(x) : x, ty ? swapLastTwoAxes(y) : y);
    // y = op(a) op(b); each case is the chain rule with the transposes moved across. Batch dims that were
    // broadcast (e.g. [b, s, d] x [d, f]) are summed back, which tfjs-core's own gradient omits.
    let da: () => tf.Tensor;
    let db: () => tf.Tensor;
    if (!tA && !tB) {
      da = () => mm(dy, b, false, true);
      db = () => mm(a, dy, true, false);
    } else if (!tA && tB) {
      da = () => mm(dy, b, false, false);
      db = () => mm(dy, a, true, false);
    } else if (tA && !tB) {
      da = () => mm(b, dy, false, true);
      db = () => mm(a, dy, false, false);
    } else {
      da = () => mm(b, dy, true, true);
      db = () => mm(dy, a, true, true);
    }
    return { a: () => reduceToShape(da(), a.shape), b: () => reduceToShape(db(), b.shape) };
  },
};

const gatherGrad: GradConfig = {
  kernelName: 'GatherV2',
  inputsToSave: ['x', 'indices'],
  gradFunc: (dyIn, [x, indices], attrs) => ({
    x: () => {
      const batchDims = (attrs.batchDims as number | undefined) ?? 0;
      const axis = normalizeAxis(attrs.axis as number, x.rank);
      const prod = (s: number[]) => s.reduce((p, d) => p * d, 1);
      const nb = prod(x.shape.slice(0, batchDims));
      const between = prod(x.shape.slice(batchDims, axis));
      const axisSize = x.shape[axis];
      const inner = prod(x.shape.slice(axis + 1));
      const k = indices.size / nb;
      // dy is [B, O, K, I] (batch dims, dims before axis, index dims, dims after) → [B, K, O*I] so each index row
      // is contiguous; ids offset by batch so one segment sum covers every batch: [B*A, O*I]. With O = 1 (an
      // embedding lookup) the transposes are identities and are skipped: they would copy a vocab-sized tensor.
      const dy = tf.reshape(dyIn as tf.Tensor, [nb, between, k, inner]);
      const moved = between === 1 ? dy : tf.transpose(dy, [0, 2, 1, 3]);
      const rows = tf.reshape(moved, [nb * k, between * inner]);
      let ids = tf.reshape(tf.cast(indices, 'int32'), [nb, k]);
      if (nb > 1)
        ids = tf.add(
          ids,
          tf.mul(tf.reshape(tf.range(0, nb, 1, 'int32'), [nb, 1]), tf.scalar(axisSize, 'int32')),
        );
      const summed = tf.unsortedSegmentSum(rows, tf.reshape(ids, [nb * k]) as tf.Tensor1D, nb * axisSize);
      if (between === 1) return tf.reshape(summed, x.shape);
      // [B*A, O*I] → [B, A, O, I] → [B, O, A, I] = x.shape
      const back = tf.transpose(tf.reshape(summed, [nb, axisSize, between, inner]), [0, 2, 1, 3]);
      return tf.reshape(back, x.shape);
    },
    indices: () => tf.zeros(indices.shape, 'float32'),
  }),
};

const softmaxGrad: GradConfig = {
  kernelName: 'Softmax',
  outputsToSave: [true],
  gradFunc: (dy, [y], attrs) => ({
    // dx = y ⊙ (dy − Σ dy ⊙ y)
    logits: () =>
      tf.mul(y, tf.sub(dy as tf.Tensor, tf.sum(tf.mul(dy as tf.Tensor, y), attrs.dim as number, true))),
  }),
};

const logSoftmaxGrad: GradConfig = {
  kernelName: 'LogSoftmax',
  outputsToSave: [true],
  gradFunc: (dy, [y], attrs) => ({
    // dx = dy − softmax ⊙ Σ dy
    logits: () =>
      tf.sub(dy as tf.Tensor, tf.mul(tf.exp(y), tf.sum(dy as tf.Tensor, attrs.axis as number, true))),
  }),
};

/** `x` with its last two axes swapped: `[..., m, n]` → `[..., n, m]`. */
function swapLastTwoAxes(x: tf.Tensor): tf.Tensor {
  const perm = x.shape.map((_, i) => i);
  const n = perm.length;
  [perm[n - 2], perm[n - 1]] = [perm[n - 1], perm[n - 2]];
  return tf.transpose(x, perm);
}

/** BatchMatMul, GatherV2 (any axis and batchDims), Softmax, LogSoftmax. */
export const NN_GRADS: GradConfig[] = [matMulGrad, gatherGrad, softmaxGrad, logSoftmaxGrad];
