import { treebankWordTokenize } from '@t5sql/common';
import { SqlParseError } from './sql-parse-error.js';

/**
 * NLTK's `word_tokenize(text, preserve_line=True)` (the improved Treebank tokenizer, `NLTKWordTokenizer`), which the
 * official Spider `process_sql.tokenize` runs on the query after replacing string literals; the query is one
 * sentence, so Punkt sentence splitting is skipped. This is `@t5sql/common`'s `treebankWordTokenize` with the
 * `'nltk-3.10.3'` opening-quote rule, the current NLTK release's (inside `tokenizeSql` no `'` is left to tokenize,
 * so the rule cannot change a Spider result).
 *
 * @example
 * nltkWordTokenize('SELECT count(*) FROM t WHERE a >= 1') // ['SELECT', 'count', '(', '*', ')', 'FROM', 't', 'WHERE', 'a', '>', '=', '1']
 */
export function nltkWordTokenize(text: string): string[] {
  return treebankWordTokenize(text, { quotes: 'nltk-3.10.3' });
}

/**
 * The official Spider `tokenize`: every `'` becomes `"`, each pair of quotes (first with second, third with fourth,
 * ...) is kept as one string-value token in its original case, the rest is split by NLTK's word tokenizer and lower
 * cased, and `!`, `>`, `<` followed by `=` are glued back into one operator.
 *
 * Quirks kept on purpose: an apostrophe inside a double-quoted string breaks the pairing (an odd number of quotes is
 * an error, as in the official script), and a leading `=` looks at the last token (Python's `toks[-1]`).
 *
 * @throws {SqlParseError} on an odd number of quotes.
 */
export function tokenizeSql(query: string): string[] {
  let s = query.replace(/'/g, '"');
  const quoteIdx: number[] = [];
  for (let i = 0; i < s.length; i++) if (s[i] === '"') quoteIdx.push(i);
  if (quoteIdx.length % 2 !== 0) throw new SqlParseError('Unexpected quote');

  const values = new Map<string, string>();
  // Replace from the last pair backwards so the earlier indices stay valid.
  for (let i = quoteIdx.length - 1; i >= 0; i -= 2) {
    const q1 = quoteIdx[i - 1];
    const q2 = quoteIdx[i];
    const key = `__val_${q1}_${q2}__`;
    values.set(key, s.slice(q1, q2 + 1));
    s = s.slice(0, q1) + key + s.slice(q2 + 1);
  }

  let toks = nltkWordTokenize(s).map((w) => pyLower(w));
  toks = toks.map((t) => values.get(t) ?? t);

  const eqIdx: number[] = [];
  for (let i = 0; i < toks.length; i++) if (toks[i] === '=') eqIdx.push(i);
  eqIdx.reverse();
  for (const i of eqIdx) {
    const pre = toks.at(i - 1) as string; // Python's toks[-1] when i == 0
    if (pre === '!' || pre === '>' || pre === '<') {
      toks = [...toks.slice(0, i - 1 < 0 ? toks.length + i - 1 : i - 1), `${pre}=`, ...toks.slice(i + 1)];
    }
  }
  return toks;
}

/** Python's `str.lower()` (full Unicode lower-casing, as JavaScript's). */
function pyLower(s: string): string {
  return s.toLowerCase();
}
