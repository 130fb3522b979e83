/**
 * Counts of every n-gram of order minOrder..maxOrder. Keys are the tokens joined with a space, which is unambiguous
 * for the built-in tokenizers (their tokens never contain whitespace); pass `jsonKeys` for tokens from a custom
 * tokenizer, which might, so that distinct n-grams can never collide.
 */
export function countNgrams(
  tokens: readonly string[],
  minOrder: number,
  maxOrder: number,
  jsonKeys = false,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (let n = minOrder; n <= maxOrder; n++) {
    for (let i = 0; i + n <= tokens.length; i++) {
      let key: string;
      if (jsonKeys) key = JSON.stringify(tokens.slice(i, i + n));
      else key = n === 1 ? tokens[i] : tokens.slice(i, i + n).join(' ');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}
