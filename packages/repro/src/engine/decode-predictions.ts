import { DEFAULT_SQL_TARGET_ENCODING, type SqlTargetEncoding, decodeSqlTarget } from '@t5sql/datasets';
import type { T5Tokenizer } from '@t5sql/t5-core';

/**
 * Generated ids → SQL, one string per row: the tokenizer's text without special tokens, read back with the
 * template's target encoding (`decodeSqlTarget`). With `t5-escape` (the default) the text is taken without
 * `clean_up_tokenization_spaces`, since the escaped spelling fixes its own spacing and the clean-up would only
 * move spaces inside string literals; `none` decodes as the tokenizer's config says and trims.
 *
 * @example
 * decodePredictions(tokenizer, [[0, 3, 23, 1738, 1]]); // one SQL string
 */
export function decodePredictions(
  tokenizer: Pick<T5Tokenizer, 'batchDecode'>,
  sequences: ArrayLike<number>[],
  sqlEncoding: SqlTargetEncoding = DEFAULT_SQL_TARGET_ENCODING,
): string[] {
  const texts = tokenizer.batchDecode(
    sequences,
    sqlEncoding === 'none'
      ? { skipSpecialTokens: true }
      : { skipSpecialTokens: true, cleanUpTokenizationSpaces: false },
  );
  return texts.map((text) => decodeSqlTarget(text, sqlEncoding));
}
