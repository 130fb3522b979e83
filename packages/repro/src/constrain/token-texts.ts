import type { T5Tokenizer } from '@t5sql/t5-core';

/** The text each token id adds to decoded output, which a constraint checks token by token. */
export interface TokenTexts {
  /** Per id: the piece with SentencePiece's `▁` as a space; `null` for special tokens and ids without a piece. */
  readonly texts: readonly (string | null)[];
  readonly eosTokenId: number;
}

/**
 * Reads every piece of the tokenizer once. A special token (`<pad>`, `</s>`, `<unk>`, `<extra_id_N>`: what
 * `decode(..., { skipSpecialTokens: true })` drops) gets `null`; any other piece its text with `▁` → space, so the
 * texts of a row's tokens, concatenated, are its decoded text up to leading spaces (the Metaspace decoder drops the
 * first token's `▁`, which no SQL check depends on).
 *
 * @example
 * const { texts } = tokenTexts(tokenizer);
 * texts[1738]; // ' select'
 */
export function tokenTexts(
  tokenizer: Pick<T5Tokenizer, 'vocabSize' | 'eosTokenId' | 'idToTokenString' | 'decode'>,
): TokenTexts {
  const texts: (string | null)[] = [];
  for (let id = 0; id < tokenizer.vocabSize; id++) {
    const piece = tokenizer.idToTokenString(id);
    const special =
      piece === undefined ||
      tokenizer.decode([id], { skipSpecialTokens: true }) !==
        tokenizer.decode([id], { skipSpecialTokens: false });
    texts.push(special ? null : piece.replaceAll('\u2581', ' '));
  }
  return { texts, eosTokenId: tokenizer.eosTokenId };
}
