/**
 * @t5sql/metrics: ROUGE, BLEU, METEOR and Google BLEU with exactly Hugging Face evaluate's numbers. No TensorFlow.
 *
 * @example
 * import { rouge, bleu, meteor, googleBleu } from '@t5sql/metrics';
 * const predictions = ['SELECT name FROM users'];
 * const references = [['SELECT name FROM user', 'SELECT users.name FROM users']];
 * rouge({ predictions, references });       // { rouge1, rouge2, rougeL, rougeLsum }
 * bleu({ predictions, references });        // { bleu, precisions, brevity_penalty, ... }
 * await meteor({ predictions, references }); // { meteor } (loads WordNet on first use)
 * googleBleu({ predictions, references });  // { google_bleu }
 */

export {
  DEFAULT_ROUGE_TYPES,
  type RougeOptions,
  type RougePerExampleResult,
  type RougeResult,
  type RougeType,
  rouge,
  rougeBootstrap,
} from './rouge/rouge.js';
export type { BootstrapInterval, BootstrapOptions } from './rouge/bootstrap.js';
export { type BleuOptions, type BleuResult, bleu } from './bleu/bleu.js';
export { type GoogleBleuOptions, type GoogleBleuResult, googleBleu } from './bleu/google-bleu.js';
export type { TokenizeOption } from './bleu/tokenizer-option.js';
export { type MeteorOptions, type MeteorResult, meteor, preloadWordNet } from './meteor/meteor.js';
export type { References } from './shared/normalize-inputs.js';
export { MetricsError, MetricsFileError, MetricsUsageError, WordNetError } from './errors.js';
export { loadWordNet } from './wordnet/load-wordnet.js';
export { WordNet, type WordNetFiles, type WordNetPos } from './wordnet/wordnet.js';
export { PorterStemmer } from './text/porter-stemmer.js';
export { tokenize13a } from './text/tokenizer-13a.js';
export { tokenizeRouge } from './text/rouge-tokenizer.js';
export { treebankTokenize, wordTokenize } from './text/word-tokenize.js';
export { punktSentences } from './text/punkt-sentence-tokenizer.js';
export { type CommandIo, runMetricsCommand } from './cli/run-metrics-command.js';
