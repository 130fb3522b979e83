export { PorterStemmer } from './text/porter-stemmer.js'; export { tokenize13a } from './text/tokenizer-13a.js'; export { tokenizeRouge } from './text/rouge-tokenizer.js';
export { wordTokenize } from './text/word-tokenize.js';
export { punktSentences } from './text/punkt-sentence-tokenizer.js';
export { treebankTokenize } from './text/treebank-word-tokenizer.js';
export { rouge, rougeBootstrap } from './rouge/rouge.js';
export { bleu } from './bleu/bleu.js';
export { googleBleu } from './bleu/google-bleu.js';
export { meteor, preloadWordNet } from './meteor/meteor.js';
export { loadWordNet } from './wordnet/load-wordnet.js';
