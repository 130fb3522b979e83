// Metaspace with `split: true` cuts a pre-token before every "▁" (Rust `tokenizers`' MergedWithNext split);
// @huggingface/tokenizers 0.2.0 ignores the flag and hands the unigram model whole runs of words.

const METASPACE = '\u2581';

/** Whether tokenizer.json's `pre_tokenizer` contains a splitting Metaspace step. */
export function hasSplittingMetaspace(config: unknown): boolean {
  const node = config as { type?: string; pretokenizers?: unknown[]; split?: boolean } | null;
  if (!node) return false;
  if (node.type === 'Sequence') return (node.pretokenizers ?? []).some(hasSplittingMetaspace);
  return node.type === 'Metaspace' && node.split !== false;
}

/**
 * Splits `▁hello▁world` into `▁hello`, `▁world`: each piece starts at a metaspace, empty pieces are dropped.
 *
 * @example
 * splitOnMetaspace('▁a▁▁b'); // ['▁a', '▁', '▁b']
 */
export function splitOnMetaspace(word: string, replacement = METASPACE): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = word.indexOf(replacement, 1); i !== -1; i = word.indexOf(replacement, i + 1)) {
    if (i > start) out.push(word.slice(start, i));
    start = i;
  }
  if (start < word.length) out.push(word.slice(start));
  return out;
}
