import { treebankWordTokenize } from '@t5sql/common';
import { punktSentences } from './punkt-sentence-tokenizer.js';

/**
 * nltk's `NLTKWordTokenizer.tokenize` (the improved Treebank tokenizer behind `word_tokenize`) for one sentence, as
 * in the nltk 3.10.0 release that the parity fixtures were made with: `@t5sql/common`'s `treebankWordTokenize` with
 * the `'nltk-3.10.0'` opening-quote rule (`'Smith` stays one token; nltk 3.10.3 splits it).
 *
 * @example
 * treebankTokenize("They can't stop.") // ['They', 'ca', "n't", 'stop', '.']
 */
export function treebankTokenize(text: string): string[] {
  return treebankWordTokenize(text, { quotes: 'nltk-3.10.0' });
}

/**
 * nltk's `word_tokenize(text)` for English: Punkt sentence split, then the Treebank word tokenizer per sentence.
 * This is the tokenizer evaluate's `meteor` applies to predictions and references.
 *
 * @example
 * wordTokenize('John loves Mary. Mary loves John.') // ['John', 'loves', 'Mary', '.', 'Mary', 'loves', 'John', '.']
 */
export function wordTokenize(text: string): string[] {
  const out: string[] = [];
  for (const sentence of punktSentences(text)) for (const tok of treebankTokenize(sentence)) out.push(tok);
  return out;
}
