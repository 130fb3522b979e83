// Top-k selection over a score array, descending, lower index first on ties (torch.topk on CPU, sorted=True).

/** Indices of the `k` largest entries of `values`, best first. */
export function topKIndices(values: ArrayLike<number>, k: number): number[] {
  const best: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (best.length === k && !(v > values[best[k - 1]])) continue;
    // Insertion into a short sorted list: k is 2 × beams, far smaller than the vocabulary.
    let pos = best.length === k ? k - 1 : best.length;
    while (pos > 0 && v > values[best[pos - 1]]) pos--;
    best.splice(pos, 0, i);
    if (best.length > k) best.pop();
  }
  return best;
}
