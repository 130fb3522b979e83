// Workaround, to move into @t5sql/t5-core's gradient registry: tfjs-backend-wasm 4.22 runs BatchMatMul with a
// transpose flag about 10x slower than an explicit transpose followed by a plain matmul (measured on this
// repository's 2-core machine: [512,128]^T x [512,32128] takes 2.6 s flagged, 0.21 s explicit). Every matmul
// gradient uses a flagged matmul, so training spends most of its time there. This gradient computes the same
// values with explicit transposes.
import * as tf from '@tensorflow/tfjs-core';
import type { GradConfig } from '@tensorflow/tfjs-core';

/** Swaps the last two axes. */
function t(x: tf.Tensor): tf.Tensor {
  const perm = x.shape.map((_, i) => i);
  const n = perm.length;
  [perm[n - 2], perm[n - 1]] = [perm[n - 1], perm[n - 2]];
  return tf.transpose(x, perm);
}

/** Sums a gradient back to the shape of an input that was broadcast along batch axes. */
function reduceTo(grad: tf.Tensor, shape: number[]): tf.Tensor {
  let g = grad;
  const extra = g.rank - shape.length;
  if (extra > 0)
    g = tf.sum(
      g,
      Array.from({ length: extra }, (_, i) => i),
    );
  const axes: number[] = [];
  shape.forEach((d, i) => {
    if (d === 1 && g.shape[i] !== 1) axes.push(i);
  });
  if (axes.length > 0) g = tf.sum(g, axes, true);
  return g.shape.every((d, i) => d === shape[i]) ? g : tf.reshape(g, shape);
}

/** Plain matmul of optionally transposed operands, transposing explicitly. */
function mm(x: tf.Tensor, y: tf.Tensor, tx: boolean, ty: boolean): tf.Tensor {
  return tf.matMul(tx ? t(x) : x, ty ? t(y) : y);
}

const fastMatMulGrad: GradConfig = {
  kernelName: 'BatchMatMul',
  inputsToSave: ['a', 'b'],
  gradFunc: (dyIn, saved, attrs) => {
    const dy = dyIn as tf.Tensor;
    const [a, b] = saved;
    const tA = attrs.transposeA as boolean;
    const tB = attrs.transposeB as boolean;
    // y = op(a) op(b): the chain rule with the transposes moved across, as in the standard gradient.
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
    return { a: () => reduceTo(da(), a.shape), b: () => reduceTo(db(), b.shape) };
  },
};

/**
 * Replaces the BatchMatMul gradient with one that transposes explicitly (see the file comment), when the active
 * backend is wasm. Call after `selectBackend()`. Returns whether it was installed.
 */
export function registerFastMatMulGradient(): boolean {
  if (tf.getBackend() !== 'wasm') return false;
  // tfjs warns when a gradient is overridden; this override is deliberate.
  const warn = console.warn;
  console.warn = () => {};
  try {
    tf.registerGradient(fastMatMulGrad);
  } finally {
    console.warn = warn;
  }
  return true;
}
