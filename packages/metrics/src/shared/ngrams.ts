// N-grams are interned to dense integer ids and counted in typed arrays: building, hashing and map-counting joined
// strings was most of BLEU's cost. Ids are unique across orders, so one array can count every order at once.

const EMPTY = -1;

/** Open-addressing hash table from (prefix id, token id) to n-gram id, in typed arrays. */
class PairTable {
  private prefix: Int32Array;
  private token: Int32Array;
  private value: Int32Array;
  private size = 0;

  constructor(capacity: number) {
    this.prefix = new Int32Array(capacity).fill(EMPTY);
    this.token = new Int32Array(capacity);
    this.value = new Int32Array(capacity);
  }

  private slot(p: number, t: number): number {
    const mask = this.prefix.length - 1;
    let h = (Math.imul(p, 0x9e3779b1) ^ Math.imul(t, 0x85ebca6b)) & mask;
    while (this.prefix[h] !== EMPTY && (this.prefix[h] !== p || this.token[h] !== t)) h = (h + 1) & mask;
    return h;
  }

  /** The id stored for (p, t), or `make()`'s new id. */
  getOrAdd(p: number, t: number, make: () => number): number {
    let h = this.slot(p, t);
    if (this.prefix[h] !== EMPTY) return this.value[h];
    if ((this.size + 1) * 2 > this.prefix.length) {
      this.grow();
      h = this.slot(p, t);
    }
    const id = make();
    this.prefix[h] = p;
    this.token[h] = t;
    this.value[h] = id;
    this.size++;
    return id;
  }

  private grow(): void {
    const [op, ot, ov] = [this.prefix, this.token, this.value];
    const cap = op.length * 2;
    this.prefix = new Int32Array(cap).fill(EMPTY);
    this.token = new Int32Array(cap);
    this.value = new Int32Array(cap);
    for (let i = 0; i < op.length; i++) {
      if (op[i] === EMPTY) continue;
      const h = this.slot(op[i], ot[i]);
      this.prefix[h] = op[i];
      this.token[h] = ot[i];
      this.value[h] = ov[i];
    }
  }
}

/**
 * Interns the tokens and n-grams of one metric call: an n-gram's id is looked up from its (n-1)-gram prefix id and
 * its last token id. `order[id]` is the n-gram's length.
 */
export class NgramInterner {
  private readonly tokenIds = new Map<string, number>();
  private readonly table: PairTable;
  order = new Int32Array(1 << 12);
  private count = 1;
  private readonly next = () => {
    const id = this.count++;
    if (id >= this.order.length) {
      const grown = new Int32Array(this.order.length * 2);
      grown.set(this.order);
      this.order = grown;
    }
    return id;
  };

  /**
   * @param expectedGrams rough number of distinct n-grams the call will see; sizing the hash table up front saves
   *   the rehashing of a table grown from a few thousand slots
   */
  constructor(expectedGrams = 2048) {
    let capacity = 1 << 12;
    while (capacity < expectedGrams * 2 && capacity < 1 << 20) capacity <<= 1;
    this.table = new PairTable(capacity);
  }

  /** Number of ids handed out so far (ids are 1..size-1). */
  get size(): number {
    return this.count;
  }

  /** Interned id of each token. */
  tokenIdsOf(tokens: readonly string[]): Int32Array {
    const tok = new Int32Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) {
      let id = this.tokenIds.get(tokens[i]);
      if (id === undefined) {
        id = this.tokenIds.size;
        this.tokenIds.set(tokens[i], id);
      }
      tok[i] = id;
    }
    return tok;
  }

  /** Ids of every n-gram of order minOrder..maxOrder in `tokens` (with repeats, in no particular order). */
  ids(tokens: readonly string[], minOrder: number, maxOrder: number): Int32Array {
    return this.gramIds(this.tokenIdsOf(tokens), minOrder, maxOrder);
  }

  /** Like {@link ids}, from token ids made by {@link tokenIdsOf}. */
  gramIds(tok: Int32Array, minOrder: number, maxOrder: number): Int32Array {
    const n = tok.length;
    let total = 0;
    for (let k = minOrder; k <= maxOrder; k++) total += Math.max(0, n - k + 1);
    const out = new Int32Array(total);
    let o = 0;
    // prev[i]: id of the (k-1)-gram starting at i; 0 is the empty prefix.
    const prev = new Int32Array(n);
    for (let k = 1; k <= maxOrder && k <= n; k++) {
      for (let i = 0; i + k <= n; i++) {
        const g = this.table.getOrAdd(prev[i], tok[i + k - 1], this.next);
        this.order[g] = k;
        prev[i] = g;
        if (k >= minOrder) out[o++] = g;
      }
    }
    return out;
  }
}

/** Counts by n-gram id in a growable typed array, with the touched ids kept for cheap iteration and reset. */
export class GramCounts {
  counts = new Int32Array(1 << 12);
  touched = new Int32Array(256);
  length = 0;

  /** Adds one occurrence of every id in `ids`. */
  addAll(ids: Int32Array): void {
    for (let i = 0; i < ids.length; i++) this.add(ids[i], 1);
  }

  /** Adds `c` to id `g`'s count. */
  add(g: number, c: number): void {
    if (g >= this.counts.length) {
      const grown = new Int32Array(Math.max(this.counts.length * 2, g + 1));
      grown.set(this.counts);
      this.counts = grown;
    }
    if (this.counts[g] === 0) {
      if (this.length === this.touched.length) {
        const grown = new Int32Array(this.touched.length * 2);
        grown.set(this.touched);
        this.touched = grown;
      }
      this.touched[this.length++] = g;
    }
    this.counts[g] += c;
  }

  /** Count of id `g`. */
  get(g: number): number {
    return g < this.counts.length ? this.counts[g] : 0;
  }

  /** Zeroes every touched count. */
  clear(): void {
    for (let i = 0; i < this.length; i++) this.counts[this.touched[i]] = 0;
    this.length = 0;
  }
}

/** A rough count of the distinct n-grams in a corpus, from its character count, for {@link NgramInterner}. */
export function expectedNgrams(texts: readonly (string | readonly string[])[]): number {
  let chars = 0;
  for (const t of texts) {
    if (typeof t === 'string') chars += t.length;
    else for (const s of t) chars += s.length;
  }
  return chars >> 1;
}

/** A per-call memo: corpora repeat strings (exact-match predictions, shared references). */
export function memoize<T>(fn: (text: string) => T): (text: string) => T {
  const cache = new Map<string, T>();
  return (text: string) => {
    let v = cache.get(text);
    if (v === undefined) {
      v = fn(text);
      cache.set(text, v);
    }
    return v;
  };
}
