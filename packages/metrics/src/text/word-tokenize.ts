import { punktSentences } from './punkt-sentence-tokenizer.js';
import { treebankTokenize } from './treebank-word-tokenizer.js';

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
