// torch.sum / torch.mean of a contiguous float32 vector on CPU, reproduced operation for operation so the
// double-quantization offset (`absmax.mean()`) comes out bit-identical to bitsandbytes'. Float addition is not
// associative: the order below is ATen's cascade sum (SumKernel.cpp), single thread.

const f = Math.fround;

/** ATen's `CeilLog2`: 1 for x <= 2, else ceil(log2(x)). */
function ceilLog2(x: number): number {
  if (x <= 2) return 1;
  return Math.floor(Math.log2(x - 1)) + 1;
}

/**
 * Sum of `count` "elements" of `lanes` floats each (element i starts at `start + i * lanes`), as `row_sum` does:
 * four interleaved accumulators (ILP), each a 4-level cascade flushing every 2^levelPower chunks; then the
 * leftover elements into accumulator 0, then accumulators 1..3 into 0. Returns one float32 per lane.
 */
function rowSum(x: Float32Array, start: number, count: number, lanes: number): Float32Array {
  const ilp = 4;
  const levels = 4;
  const sizeIlp = Math.floor(count / ilp);
  const levelPower = Math.max(4, Math.floor(ceilLog2(sizeIlp) / levels));
  const levelStep = 2 ** levelPower;
  const levelMask = levelStep - 1;
  // acc[level][row][lane]
  const acc = Array.from({ length: levels }, () =>
    Array.from({ length: ilp }, () => new Float32Array(lanes)),
  );
  const addElement = (target: Float32Array, element: number): void => {
    const base = start + element * lanes;
    for (let l = 0; l < lanes; l++) target[l] = f(target[l] + x[base + l]);
  };
  let i = 0;
  while (i + levelStep <= sizeIlp) {
    for (let j = 0; j < levelStep; j++, i++) {
      for (let k = 0; k < ilp; k++) addElement(acc[0][k], i * ilp + k);
    }
    for (let j = 1; j < levels; j++) {
      for (let k = 0; k < ilp; k++) {
        for (let l = 0; l < lanes; l++) {
          acc[j][k][l] = f(acc[j][k][l] + acc[j - 1][k][l]);
          acc[j - 1][k][l] = 0;
        }
      }
      if ((i & (levelMask * 2 ** (j * levelPower))) !== 0) break;
    }
  }
  for (; i < sizeIlp; i++) {
    for (let k = 0; k < ilp; k++) addElement(acc[0][k], i * ilp + k);
  }
  for (let j = 1; j < levels; j++) {
    for (let k = 0; k < ilp; k++) {
      for (let l = 0; l < lanes; l++) acc[0][k][l] = f(acc[0][k][l] + acc[j][k][l]);
    }
  }
  const partial = acc[0];
  for (let e = sizeIlp * ilp; e < count; e++) addElement(partial[0], e);
  for (let k = 1; k < ilp; k++) {
    for (let l = 0; l < lanes; l++) partial[0][l] = f(partial[0][l] + partial[k][l]);
  }
  return partial[0];
}

/**
 * `torch.sum` of a contiguous float32 vector on CPU (one thread), bit for bit.
 *
 * Vectors of at least `vectorWidth` floats take the vectorised inner sum: `vectorWidth`-lane partial sums over
 * the whole vectors, then the scalar tail, then the lanes added in order. Shorter vectors take the scalar cascade.
 * `vectorWidth` 8 (the default) is what torch 2.13 does on CPU, AVX-512 included: test/fixtures/torch-sum.json was
 * made under ATen's AVX512 capability and matches at 8 lanes, not at 16.
 *
 * @example
 * ```ts
 * const offset = Math.fround(torchSumFloat32(absmax) / absmax.length); // torch's absmax.mean()
 * ```
 */
export function torchSumFloat32(x: Float32Array, vectorWidth = 8): number {
  const n = x.length;
  if (n < vectorWidth) return rowSum(x, 0, n, 1)[0];
  const vectors = Math.floor(n / vectorWidth);
  const laneSums = rowSum(x, 0, vectors, vectorWidth);
  let total = 0;
  for (let k = vectors * vectorWidth; k < n; k++) total = f(total + x[k]);
  for (let l = 0; l < vectorWidth; l++) total = f(total + laneSums[l]);
  return total;
}

/** `torch.mean` of a float32 vector on CPU: the sum above divided by n in float32. */
export function torchMeanFloat32(x: Float32Array, vectorWidth = 8): number {
  if (x.length === 0) return Number.NaN;
  return f(torchSumFloat32(x, vectorWidth) / x.length);
}
