// Test helper: seeded random strings that meet the T5 target encoding's edge cases.
import type { Rng } from '@t5sql/common';

/** Single characters: all of printable ASCII, the whitespace controls, and Unicode the tokenizer normalizes or lacks. */
export const CHARACTERS: readonly string[] = [
  ...Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)),
  ...'\t\n\r\f\v',
  ...['é', 'ß', 'Ü', 'ș', 'À', 'ñ', '中', 'Ａ', 'ﬁ', '½', '€', '😀', '\u00a0', '\u3000', '\u200b', '\ufeff'],
  ...['\u2581', '\u0301', '\u0000', '\ud800'],
];

/** Pieces that meet the encoding's edge cases: quotes, comments, the clean-up's patterns, escapes in the input. */
export const PIECES: readonly string[] = [
  ...["'", '"', '`', '[', ']', ' ', ' ', '  ', '\n', '\t', ',', '.', '?', '!', '1', 'x', '=', '(', ')'],
  ...[
    's',
    'm',
    've',
    're',
    "n't",
    '<',
    '<=',
    '#',
    '##',
    '#lt',
    '#sp',
    '#u41;',
    '--',
    '/*',
    '*/',
    'é',
    '\u00a0',
  ],
];

/** Up to 39 draws from one of the two pools (each string picks one). */
export function randomString(
  rng: Rng,
  characters: readonly string[] = CHARACTERS,
  pieces: readonly string[] = PIECES,
): string {
  const length = Math.floor(rng() * 40);
  const pool = rng() < 0.5 ? characters : pieces;
  let s = '';
  for (let i = 0; i < length; i++) s += pool[Math.floor(rng() * pool.length)];
  return s;
}
