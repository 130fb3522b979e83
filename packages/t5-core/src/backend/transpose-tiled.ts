// A cache-friendly 2-D transpose over typed arrays (the wasm heap), shared by the Transpose and BatchMatMul wrappers.

/**
 * Tile edge. Small, because the destination is written with a power-of-two stride (2048 floats for a [2048, 512]
 * weight) and larger tiles thrash cache sets: 16 measured fastest or within 1.5x of it on every T5 shape.
 */
const TILE = 16;

/** `dst[j, i] = src[i, j]` for a row-major `[rows, cols]` `src`. */
export function transposeTiled(
  src: ArrayLike<number>,
  dst: { [i: number]: number },
  rows: number,
  cols: number,
): void {
  for (let i0 = 0; i0 < rows; i0 += TILE) {
    const i1 = Math.min(i0 + TILE, rows);
    for (let j0 = 0; j0 < cols; j0 += TILE) {
      const j1 = Math.min(j0 + TILE, cols);
      for (let i = i0; i < i1; i++) {
        const row = i * cols;
        for (let j = j0; j < j1; j++) dst[j * rows + i] = src[row + j];
      }
    }
  }
}
