import { pySplit } from '../text/python-text.js';
import { tokenize13a } from '../text/tokenizer-13a.js';

/** How BLEU / Google BLEU split text: `'13a'` (evaluate's default), `'none'` (whitespace split) or a function. */
export type TokenizeOption = '13a' | 'none' | ((text: string) => readonly string[]);

/** Resolves a {@link TokenizeOption} to a function, with an error naming the option when it is not one. */
export function resolveTokenizer(
  metric: string,
  option: TokenizeOption | undefined,
): (text: string) => readonly string[] {
  if (option === undefined || option === '13a') return tokenize13a;
  if (option === 'none') return pySplit;
  if (typeof option === 'function') {
    return (text: string) => {
      const tokens = option(text);
      if (!Array.isArray(tokens) || tokens.some((t) => typeof t !== 'string')) {
        throw new TypeError(
          `${metric}: tokenize must return an array of strings for ${JSON.stringify(text.slice(0, 40))}`,
        );
      }
      return tokens;
    };
  }
  throw new TypeError(
    `${metric}: tokenize must be '13a', 'none' or a function, found ${JSON.stringify(option)}`,
  );
}
