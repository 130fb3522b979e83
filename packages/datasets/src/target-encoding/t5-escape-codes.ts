/**
 * The characters T5's vocabulary spells exactly: printable ASCII except `<` `\` `^` `` ` `` `{` `}` `~` (which
 * become `<unk>`) and `#` (the escape mark), plus the accented letters whose round trip through the t5-small
 * tokenizer is exact (most others are changed by its NFKC normalizer or become `<unk>`). A test checks every one
 * with the real tokenizer files.
 */
export const T5_SAFE_CHARACTERS: ReadonlySet<string> = new Set([
  ...Array.from({ length: 0x7f - 0x21 }, (_, i) => String.fromCharCode(0x21 + i)).filter(
    (c) => !'#<\\^`{}~'.includes(c),
  ),
  ...'ÉÎÜßàáâäçèéêîóôöùûüăşţșț',
]);

/** The mark that starts every escape; itself written `##`. */
export const T5_ESCAPE_MARK = '#';

/**
 * Two-letter escapes, `#` + code: the characters T5 cannot spell that SQL uses, the space where the tokenizer
 * would drop or move it, and the common control characters. Any other character is `#u` + its code point in
 * upper-case hex + `;` (`#uA0;` for a no-break space).
 */
export const T5_ESCAPE_CODES: ReadonlyMap<string, string> = new Map([
  ['<', 'lt'],
  ['\\', 'bs'],
  ['^', 'ca'],
  ['`', 'bq'],
  ['{', 'lb'],
  ['}', 'rb'],
  ['~', 'tl'],
  [' ', 'sp'],
  ['\t', 'tb'],
  ['\n', 'nl'],
  ['\r', 'cr'],
]);
