export { PY_DIGIT, PY_WORD, PY_WS, isPySpace, pySplit } from './python-text.js';
export {
  type TreebankQuoteRule,
  type TreebankWordTokenizeOptions,
  treebankWordTokenize,
} from './treebank-word-tokenize.js';
