import type { PorterStemmer } from './porter-stemmer.js';

const NON_ALNUM = /[^a-z0-9]+/g;
const SPACES = / +/;

/**
 * rouge_score's default tokenizer (`rouge_score.tokenize.tokenize`): lowercase, replace every run of characters
 * outside `[a-z0-9]` by a space, split, and (with a stemmer) stem only tokens longer than three characters.
 *
 * @example
 * tokenizeRouge('SELECT T1.name FROM "Users"') // ['select', 't1', 'name', 'from', 'users']
 */
export function tokenizeRouge(text: string, stemmer?: PorterStemmer): string[] {
  const parts = text.toLowerCase().replace(NON_ALNUM, ' ').split(SPACES);
  const out: string[] = [];
  for (const p of parts) {
    // Only the empty strings at either end are invalid: every other part is [a-z0-9]+ by construction.
    if (p.length === 0) continue;
    out.push(stemmer !== undefined && p.length > 3 ? stemmer.stem(p) : p);
  }
  return out;
}
