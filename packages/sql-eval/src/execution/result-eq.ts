/** A value SQLite returns: number, text, blob or NULL. */
export type SqlValue = number | string | Uint8Array | null;
/** One result row. */
export type SqlRow = readonly SqlValue[];

/** A key that is equal for two values exactly when Python's `==` (and `hash`) says they are. */
function valueKey(v: SqlValue): string {
  if (v === null) return 'N';
  if (typeof v === 'number') return `n${Object.is(v, -0) ? 0 : v}`;
  if (typeof v === 'string') return `s${v}`;
  return `b${Buffer.from(v).toString('hex')}`;
}

// The official "unorder_row": the row's values sorted, so that column order does not matter.
const unorderedKey = (row: SqlRow): string => JSON.stringify(row.map(valueKey).sort());

function bag(keys: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

function sameBag(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const m = bag(a);
  for (const k of b) {
    const n = m.get(k);
    if (n === undefined || n === 0) return false;
    m.set(k, n - 1);
  }
  return true;
}

/** All permutations `perm` with `perm[i] ∈ allowed[i]`, depth first. */
function* permutations(allowed: ReadonlyArray<ReadonlySet<number>>): Generator<number[]> {
  const n = allowed.length;
  const perm: number[] = [];
  const used = new Set<number>();
  function* go(i: number): Generator<number[]> {
    if (i === n) {
      yield [...perm];
      return;
    }
    for (const c of allowed[i]) {
      if (used.has(c)) continue;
      used.add(c);
      perm.push(c);
      yield* go(i + 1);
      perm.pop();
      used.delete(c);
    }
  }
  yield* go(0);
}

/**
 * The test-suite evaluation's `result_eq`: two results are the same denotation when some permutation of the
 * columns makes them equal — as lists when `orderMatters` (the gold has ORDER BY), else as bags of rows. Two empty
 * results are equal; results with different row counts or widths are not.
 *
 * The official code prunes column permutations with 20 randomly drawn rows; the pruning only removes permutations
 * that cannot match, so checking every row (as here) gives the same verdict, deterministically.
 *
 * @example
 * resultEq([[1, 'a'], [2, 'b']], [['b', 2], ['a', 1]], false) // true
 * resultEq([[1], [2]], [[2], [1]], true) // false
 */
export function resultEq(
  result1: readonly SqlRow[],
  result2: readonly SqlRow[],
  orderMatters: boolean,
): boolean {
  if (result1.length === 0 && result2.length === 0) return true;
  if (result1.length !== result2.length) return false;
  const numCols = result1[0].length;
  if (result2[0].length !== numCols) return false;

  // Quick rejection: the rows with their values sorted must already agree.
  const u1 = result1.map(unorderedKey);
  const u2 = result2.map(unorderedKey);
  if (orderMatters ? u1.some((k, i) => k !== u2[i]) : !sameBag(u1, u2)) return false;

  const keys1 = result1.map((r) => r.map(valueKey));
  const keys2 = result2.map((r) => r.map(valueKey));
  const colSets1 = Array.from({ length: numCols }, (_, c) => new Set(keys1.map((r) => r[c])));
  // allowed[i]: the result2 columns whose every value occurs in column i of result1.
  const allowed = Array.from(
    { length: numCols },
    (_, i) =>
      new Set(
        Array.from({ length: numCols }, (_, j) => j).filter((j) => keys2.every((r) => colSets1[i].has(r[j]))),
      ),
  );
  const rows1 = keys1.map((r) => JSON.stringify(r));
  for (const perm of permutations(allowed)) {
    const rows2 = keys2.map((r) => JSON.stringify(perm.map((j) => r[j])));
    if (orderMatters ? rows1.every((k, i) => k === rows2[i]) : sameBag(rows1, rows2)) return true;
  }
  return false;
}
