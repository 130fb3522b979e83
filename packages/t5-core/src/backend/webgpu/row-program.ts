// The shape shared by t5sql's row-wise webgpu programs over [rows, d]: one workgroup of ROW_THREADS threads per
// row; each thread sums its stride of the row, the partial sums are reduced in workgroup memory, and then every
// thread writes its stride of the output row from the totals.
import type { WebGpuUtil } from '../random/philox-wgsl.js';
import type { WebGpuProgram } from './program-kernel.js';

/** Threads per row (T5's d_model, 512 to 4096, is a multiple of it; attention rows are shorter, some idle). */
const ROW_THREADS = 64;

/** One row pass in WGSL, with `i` the flat index and `k` the column of the element at hand. */
export interface RowPass {
  /** Per-element terms summed over the row, by name; the totals are `<name>Total` afterwards. */
  sums: Record<string, string>;
  /** Statements run once the totals are known, e.g. `let r = inverseSqrt(...);`. */
  prepare: string;
  /** The value written at `i`. */
  output: string;
}

/** The WGSL of a {@link RowPass}: sums, a tree reduction in uniform control flow (barriers need it), the writes. */
function rowPassSource(pass: RowPass): string {
  const names = Object.keys(pass.sums);
  const each = (line: (name: string) => string, indent: string) => names.map(line).join(`\n${indent}`);
  const stride = (body: string) => `
  if (inside) {
    for (var k = i32(localId.x); k < d; k = k + ${ROW_THREADS}) {
      let i = row * d + k;
      ${body}
    }
  }`;
  return `
${each((n) => `var<workgroup> ${n}Shared : array<f32, ${ROW_THREADS}>;`, '')}
fn main(index : i32) {
  let row = index / ${ROW_THREADS};
  let d = uniforms.d;
  let inside = row < uniforms.size / d;
  ${each((n) => `var ${n} = 0.0;`, '  ')}
  ${stride(each((n) => `${n} = ${n} + ${pass.sums[n]};`, '      '))}
  ${each((n) => `${n}Shared[localId.x] = ${n};`, '  ')}
  workgroupBarrier();
  for (var s = ${ROW_THREADS / 2}u; s > 0u; s = s >> 1u) {
    if (localId.x < s) {
      ${each((n) => `${n}Shared[localId.x] = ${n}Shared[localId.x] + ${n}Shared[localId.x + s];`, '      ')}
    }
    workgroupBarrier();
  }
  ${each((n) => `let ${n}Total = ${n}Shared[0];`, '  ')}
  ${pass.prepare}
  ${stride(`setOutputAtIndex(i, ${pass.output});`)}
}
`;
}

/** A program running `pass` over the rows of [rows, d], one workgroup per row. */
export function rowProgram(
  shaderKey: string,
  variableNames: string[],
  rows: number,
  d: number,
  util: WebGpuUtil,
  pass: RowPass,
): WebGpuProgram {
  const workgroupSize: [number, number, number] = [ROW_THREADS, 1, 1];
  // One workgroup per row: lay the dispatch out over the rows, one "element" per workgroup (as tfjs' reductions).
  const dispatchLayout = util.flatDispatchLayout([rows]);
  return {
    variableNames,
    outputShape: [rows, d],
    // Every row program takes both, so that one registration helper serves them all (softmax ignores eps).
    uniforms: 'eps : f32, d : i32,',
    workgroupSize,
    size: true,
    dispatchLayout,
    dispatch: util.computeDispatch(dispatchLayout, [rows], [1, 1, 1]),
    shaderKey,
    getUserCode: () => rowPassSource(pass),
  };
}
