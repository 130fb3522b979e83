// Longest common subsequence of two token-id sequences, bit-parallel (Allison & Dix 1986; Crochemore et al. 2001):
// one bit per token of the "row" sequence, 32 to a word, so a column of rouge_score's LCS table costs |row| / 32
// word operations and |row| / 32 words of memory instead of |row| table cells. The results are rouge_score's
// exactly: the length, and for rougeLsum the indices `_backtrack_norec` picks, tie-breaking included.

/** Columns of the union-LCS backtrack kept at once, in words; past it columns are recomputed block by block. */
const FULL_TABLE_WORDS = 1 << 23; // 32 MiB: a 4,000 x 65,000-token line pair still needs no recomputation

/** Grows `a` to at least `n` elements (contents dropped). */
function atLeast(a: Int32Array, n: number): Int32Array {
  return a.length >= n ? a : new Int32Array(Math.max(n, a.length * 2));
}

/**
 * LCS length and rouge_score's LCS indices over token ids (non-negative integers, such as an interner's), in
 * O(|row| + |row| / 32 · √|column|) memory. Time is O(|row| · |column| / 32) word operations, fewer where a token
 * occurs only in part of the row. One instance reuses its buffers across calls; the match masks of the last row
 * sequence are kept, so scoring one reference line against several prediction lines builds them once.
 */
export class BitParallelLcs {
  // Match masks of the current row sequence. Per slot (one per distinct token): its positions in
  // positions[start[s] .. start[s + 1]), its first and last word, and where its dense mask starts (-1: none;
  // only tokens with more positions than words get one, so at most 32 of them).
  private rows: Int32Array | null = null;
  private words = 0;
  private epoch = 0;
  private stamp: Int32Array = new Int32Array(256);
  private slotOfToken: Int32Array = new Int32Array(256);
  private start: Int32Array = new Int32Array(64);
  private lo: Int32Array = new Int32Array(64);
  private hi: Int32Array = new Int32Array(64);
  private denseAt: Int32Array = new Int32Array(64);
  private positions: Int32Array = new Int32Array(64);
  private cursor: Int32Array = new Int32Array(64);
  private dense: Int32Array = new Int32Array(64);
  /** All-zero outside a step: a rare token's mask is scattered in and cleared again. */
  private scratch: Int32Array = new Int32Array(64);
  private column: Int32Array = new Int32Array(64);

  /** @param fullTableWords words of backtrack columns kept at once before blocks are recomputed (tests lower it) */
  constructor(private readonly fullTableWords = FULL_TABLE_WORDS) {}

  /** |LCS(a, b)|, as the bottom-right cell of rouge_score's `_lcs_table`. */
  length(a: Int32Array, b: Int32Array): number {
    if (a.length === 0 || b.length === 0) return 0;
    // The shorter sequence gives the bits: less memory, and the same number of word operations.
    const [rows, cols] = a.length <= b.length ? [a, b] : [b, a];
    this.useRows(rows);
    const w = this.words;
    this.column = atLeast(this.column, w);
    const v = this.column;
    v.fill(-1, 0, w);
    for (let j = 0; j < cols.length; j++) this.step(v, 0, cols[j]);
    let ones = 0;
    for (let k = 0; k < w; k++) ones += popcount(v[k]);
    return w * 32 - ones; // bits past the last row stay 1
  }

  /**
   * Adds to `into` the indices into `ref` of the LCS of `ref` and `can` that rouge_score's `_backtrack_norec` walks
   * back to: from the bottom-right cell, a match goes diagonally, else left when `t[i][j-1] > t[i-1][j]`, else up.
   */
  addLcsIndices(ref: Int32Array, can: Int32Array, into: Set<number>): void {
    if (ref.length === 0 || can.length === 0) return;
    this.useRows(ref);
    const w = this.words;
    const columns = can.length + 1;
    // Columns per block: all of them when they fit, else √columns with a checkpoint at each block start.
    const block = columns * w <= this.fullTableWords ? columns : Math.ceil(Math.sqrt(columns));
    const blocks = Math.ceil(columns / block);
    const checkpoints = new Int32Array(blocks * w).fill(-1);
    if (blocks > 1) {
      const v = checkpoints.slice(0, w);
      for (let j = 1; j < columns; j++) {
        this.step(v, 0, can[j - 1]);
        if (j % block === 0) checkpoints.set(v, (j / block) * w);
      }
    }
    // buffer[t * w ..] = column `loaded * block + t`: bit (i - 1) is 0 where t[i][j] = t[i - 1][j] + 1.
    const buffer = new Int32Array(block * w);
    let loaded = -1;
    let i = ref.length;
    let j = can.length;
    while (i > 0 && j > 0) {
      if (ref[i - 1] === can[j - 1]) {
        into.add(i - 1);
        i--;
        j--;
        continue;
      }
      const b = Math.floor(j / block);
      if (b !== loaded) {
        // Columns b * block .. (up to the last) from the checkpoint at the block's start.
        const first = b * block;
        buffer.set(checkpoints.subarray(b * w, (b + 1) * w), 0);
        for (let t = 1; t < block && first + t < columns; t++) {
          buffer.copyWithin(t * w, (t - 1) * w, t * w);
          this.step(buffer, t * w, can[first + t - 1]);
        }
        loaded = b;
      }
      const word = buffer[(j - b * block) * w + ((i - 1) >>> 5)];
      // t[i][j] = t[i - 1][j] + 1 and no match: the max came from t[i][j - 1], which is then the larger.
      if (((word >>> ((i - 1) & 31)) & 1) === 0) j--;
      else i--;
    }
  }

  /** Builds the match masks of `rows`, unless they are those of the previous call. */
  private useRows(rows: Int32Array): void {
    if (rows === this.rows) return;
    this.rows = rows;
    const n = rows.length;
    const w = (n + 31) >>> 5;
    this.words = w;
    this.epoch++;
    let maxToken = 0;
    for (let i = 0; i < n; i++) if (rows[i] > maxToken) maxToken = rows[i];
    if (this.stamp.length <= maxToken) {
      const size = Math.max(maxToken + 1, this.stamp.length * 2);
      this.stamp = new Int32Array(size);
      this.slotOfToken = new Int32Array(size);
      this.epoch = 1;
    }
    // Slots in order of first appearance; `start` first counts, then becomes the prefix sums.
    this.start = atLeast(this.start, n + 2);
    this.lo = atLeast(this.lo, n + 1);
    this.hi = atLeast(this.hi, n + 1);
    this.denseAt = atLeast(this.denseAt, n + 1);
    this.positions = atLeast(this.positions, n);
    const { stamp, slotOfToken, start, lo, hi, denseAt, positions } = this;
    let slots = 0;
    for (let i = 0; i < n; i++) {
      const token = rows[i];
      if (stamp[token] !== this.epoch) {
        stamp[token] = this.epoch;
        slotOfToken[token] = slots;
        start[slots + 1] = 0;
        lo[slots] = i >>> 5;
        slots++;
      }
      const s = slotOfToken[token];
      start[s + 1]++;
      hi[s] = i >>> 5;
    }
    start[0] = 0;
    let denseCount = 0;
    for (let s = 0; s < slots; s++) {
      denseAt[s] = start[s + 1] > w ? w * denseCount++ : -1;
      start[s + 1] += start[s];
    }
    this.cursor = atLeast(this.cursor, slots);
    const cursor = this.cursor;
    cursor.set(start.subarray(0, slots));
    for (let i = 0; i < n; i++) positions[cursor[slotOfToken[rows[i]]]++] = i;
    this.dense = atLeast(this.dense, w * denseCount);
    const dense = this.dense;
    dense.fill(0, 0, w * denseCount);
    for (let s = 0; s < slots; s++) {
      if (denseAt[s] < 0) continue;
      for (let p = start[s]; p < start[s + 1]; p++) {
        const pos = positions[p];
        dense[denseAt[s] + (pos >>> 5)] |= 1 << (pos & 31);
      }
    }
    this.scratch = atLeast(this.scratch, w);
  }

  /**
   * One column in place at `v[at ..]`: V ← (V + (V & M)) | (V & ~M), M the match mask of `token`. Words below the
   * token's first bit do not change; above its last bit only a carry moves.
   */
  private step(v: Int32Array, at: number, token: number): void {
    if (token >= this.stamp.length || this.stamp[token] !== this.epoch) return; // no match: column unchanged
    const slot = this.slotOfToken[token];
    const lo = this.lo[slot];
    const hi = this.hi[slot];
    const denseAt = this.denseAt[slot];
    let m: Int32Array;
    let offset: number;
    if (denseAt >= 0) {
      m = this.dense;
      offset = denseAt;
    } else {
      m = this.scratch;
      offset = 0;
      for (let p = this.start[slot]; p < this.start[slot + 1]; p++) {
        const pos = this.positions[p];
        m[pos >>> 5] |= 1 << (pos & 31);
      }
    }
    let carry = 0;
    for (let k = lo; k <= hi; k++) {
      const x = v[at + k] >>> 0;
      const mk = m[offset + k];
      const sum = x + ((x & mk) >>> 0) + carry;
      carry = sum > 0xffffffff ? 1 : 0;
      v[at + k] = sum | (x & ~mk);
    }
    for (let k = hi + 1; carry !== 0 && k < this.words; k++) {
      const x = v[at + k] >>> 0;
      const sum = x + 1;
      carry = sum > 0xffffffff ? 1 : 0;
      v[at + k] = sum | x;
    }
    if (denseAt < 0) m.fill(0, lo, hi + 1);
  }
}

/** Set bits of a 32-bit word. */
function popcount(word: number): number {
  let x = word - ((word >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}
