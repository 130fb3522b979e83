// Token strings → text the way Rust `tokenizers` decodes for T5TokenizerFast, plus transformers'
// `clean_up_tokenization`. @huggingface/tokenizers 0.2.0 differs in small ways (it only strips one leading
// space, maps unknown ids to <unk> instead of dropping them, and throws on an empty list), so T5's path is here.

/** The Metaspace decoder: "▁" → " ", and on the first token every "▁" is dropped unless prepend_scheme is never. */
export function metaspaceDecode(tokens: string[], replacement = '\u2581', prependScheme = 'always'): string {
  let out = '';
  tokens.forEach((token, i) => {
    out += token.replaceAll(replacement, i === 0 && prependScheme !== 'never' ? '' : ' ');
  });
  return out;
}

/**
 * transformers' `PreTrainedTokenizerBase.clean_up_tokenization`: removes the space before punctuation and
 * English contractions, applied in this order.
 */
export function cleanUpTokenization(text: string): string {
  return text
    .replaceAll(' .', '.')
    .replaceAll(' ?', '?')
    .replaceAll(' !', '!')
    .replaceAll(' ,', ',')
    .replaceAll(" ' ", "'")
    .replaceAll(" n't", "n't")
    .replaceAll(" 'm", "'m")
    .replaceAll(" 's", "'s")
    .replaceAll(" 've", "'ve")
    .replaceAll(" 're", "'re");
}
