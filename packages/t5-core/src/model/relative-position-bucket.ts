// T5's relative-position buckets, computed on the CPU in plain numbers (positions are small integers).

const f32 = Math.fround;

/**
 * The bucket of one relative position (`key_position - query_position`), as HF's
 * `T5Attention._relative_position_bucket`: half the buckets exact, the rest logarithmic up to `maxDistance`.
 * `bidirectional` (encoder) gives positive offsets their own half of the buckets; unidirectional (decoder)
 * maps every future offset to bucket 0. The log step is done in float32 as torch does, so boundaries agree.
 */
export function relativePositionBucket(
  relativePosition: number,
  bidirectional: boolean,
  numBuckets: number,
  maxDistance: number,
): number {
  let bucket = 0;
  let n = numBuckets;
  let distance: number;
  if (bidirectional) {
    n = Math.floor(n / 2);
    if (relativePosition > 0) bucket += n;
    distance = Math.abs(relativePosition);
  } else {
    distance = -Math.min(relativePosition, 0);
  }
  const maxExact = Math.floor(n / 2);
  if (distance < maxExact) return bucket + distance;
  // torch: (log(float(d) / max_exact) / log(max_distance / max_exact) * (n - max_exact)).long(), in float32
  const ratio = f32(f32(distance) / maxExact);
  const scaled = f32(f32(f32(Math.log(ratio)) / f32(Math.log(maxDistance / maxExact))) * (n - maxExact));
  return bucket + Math.min(maxExact + Math.trunc(scaled), n - 1);
}

/**
 * Buckets for a grid of queries at absolute positions `queryOffset .. queryOffset + queryLength - 1` against keys
 * at `0 .. keyLength - 1`, row-major `[queryLength, keyLength]`.
 */
export function relativePositionBuckets(
  queryLength: number,
  keyLength: number,
  queryOffset: number,
  bidirectional: boolean,
  numBuckets: number,
  maxDistance: number,
): Int32Array {
  const out = new Int32Array(queryLength * keyLength);
  const cache = new Map<number, number>();
  for (let i = 0; i < queryLength; i++) {
    for (let j = 0; j < keyLength; j++) {
      const rel = j - (queryOffset + i);
      let b = cache.get(rel);
      if (b === undefined) {
        b = relativePositionBucket(rel, bidirectional, numBuckets, maxDistance);
        cache.set(rel, b);
      }
      out[i * keyLength + j] = b;
    }
  }
  return out;
}
