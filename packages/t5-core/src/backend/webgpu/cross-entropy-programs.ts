// The token cross-entropy's two passes over [rows, vocab] logits as tfjs-backend-webgpu programs:
//   row log-sum-exp   lse[r]     = max_v x[r, v] + log Σ_v exp(x[r, v] - max)   (one workgroup per row, one read)
//   gradient          dx[r, v]   = (exp(x[r, v] - lse[r]) - [v == target[r]]) * scale[r]
// The taped forward reads the logits four times (max, subtract, exp, sum) and the backward five (exp, subtract,
// one-hot, subtract, multiply); these read them once each way.
import type { WebGpuUtil } from '../random/philox-wgsl.js';
import type { WebGpuProgram } from './program-kernel.js';

/** Threads per row: the vocabulary (32,128 for T5) is read in strides of this many. */
const ROW_THREADS = 256;

/**
 * lse[r] of x: [rows, vocab]. Each thread keeps a running (max, Σ exp(v - max)) over its stride; the pairs are
 * merged in workgroup memory (an empty pair, sum 0, merges as the identity).
 */
export function rowLogSumExpProgram(rows: number, util: WebGpuUtil): WebGpuProgram {
  const dispatchLayout = util.flatDispatchLayout([rows]);
  return {
    variableNames: ['x'],
    outputShape: [rows],
    uniforms: 'vocab : i32,',
    workgroupSize: [ROW_THREADS, 1, 1],
    size: true,
    dispatchLayout,
    dispatch: util.computeDispatch(dispatchLayout, [rows], [1, 1, 1]),
    shaderKey: 't5sqlRowLogSumExp',
    getUserCode: () => `
var<workgroup> maxShared : array<f32, ${ROW_THREADS}>;
var<workgroup> sumShared : array<f32, ${ROW_THREADS}>;

fn main(index : i32) {
  let row = index / ${ROW_THREADS};
  let vocab = uniforms.vocab;
  let inside = row < uniforms.size;
  var m = 0.0;
  var s = 0.0;
  if (inside) {
    let start = i32(localId.x);
    if (start < vocab) {
      m = x[row * vocab + start];
      s = 1.0;
    }
    for (var k = start + ${ROW_THREADS}; k < vocab; k = k + ${ROW_THREADS}) {
      let v = x[row * vocab + k];
      if (v > m) {
        s = s * exp(m - v) + 1.0;
        m = v;
      } else {
        s = s + exp(v - m);
      }
    }
  }
  maxShared[localId.x] = m;
  sumShared[localId.x] = s;
  workgroupBarrier();
  for (var half = ${ROW_THREADS / 2}u; half > 0u; half = half >> 1u) {
    if (localId.x < half) {
      let m1 = maxShared[localId.x];
      let s1 = sumShared[localId.x];
      let m2 = maxShared[localId.x + half];
      let s2 = sumShared[localId.x + half];
      if (s1 == 0.0) {
        maxShared[localId.x] = m2;
        sumShared[localId.x] = s2;
      } else if (s2 != 0.0) {
        let merged = max(m1, m2);
        maxShared[localId.x] = merged;
        sumShared[localId.x] = s1 * exp(m1 - merged) + s2 * exp(m2 - merged);
      }
    }
    workgroupBarrier();
  }
  if (inside && localId.x == 0u) {
    setOutputAtIndex(row, maxShared[0] + log(sumShared[0]));
  }
}
`,
  };
}

/** (softmax(x) - onehot(target)) * scale, row by row. Inputs: x [rows, vocab], lse, scale (float), labelIds (int). */
export function crossEntropyGradProgram(rows: number, vocab: number, util: WebGpuUtil): WebGpuProgram {
  const shape = [rows, vocab];
  const workgroupSize: [number, number, number] = [64, 1, 1];
  const dispatchLayout = util.flatDispatchLayout(shape);
  return {
    variableNames: ['x', 'lse', 'scale', 'labelIds'],
    outputShape: shape,
    uniforms: 'vocab : i32,',
    workgroupSize,
    size: true,
    dispatchLayout,
    dispatch: util.computeDispatch(dispatchLayout, shape, workgroupSize),
    shaderKey: 't5sqlCrossEntropyGrad',
    getUserCode: () => `
fn main(index : i32) {
  if (index < uniforms.size) {
    let row = index / uniforms.vocab;
    let column = index - row * uniforms.vocab;
    let hit = select(0.0, 1.0, column == i32(labelIds[row]));
    setOutputAtIndex(index, (exp(x[index] - lse[row]) - hit) * scale[row]);
  }
}
`,
  };
}
