// Walking the batches of an epoch: knowing which is the last, and counting them up front.

/** Yields each item with a flag telling whether it is the last (needed to flush a partial accumulation). */
export function* withLast<T>(items: Iterable<T>): Generator<[T, boolean]> {
  const it = items[Symbol.iterator]();
  let cur = it.next();
  while (!cur.done) {
    const next = it.next();
    yield [cur.value, next.done === true];
    cur = next;
  }
}

/** Number of items (iterates once unless it is an array). */
export function countItems(items: Iterable<unknown>): number {
  if (Array.isArray(items)) return items.length;
  let n = 0;
  for (const _ of items) n++;
  return n;
}
