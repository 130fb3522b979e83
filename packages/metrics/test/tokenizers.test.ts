// Tokenizers against the reference tokenizations stored with the fixtures (exact equality): rouge_score's
// tokenizer with and without nltk's Porter stemmer, sacrebleu/evaluate 13a, and nltk 3.10 word_tokenize.
import { describe, expect, it } from 'vitest';
import {
  PorterStemmer,
  punktSentences,
  tokenize13a,
  tokenizeRouge,
  treebankTokenize,
  wordTokenize,
} from '../src/index.js';
import { type TokenSet, loadMetricFixtures } from './helpers/shared-fixtures.js';

const { cases, results } = loadMetricFixtures();

const strings: Array<[string, string, TokenSet]> = [];
cases.forEach((c, i) => {
  const t = results[i].tokens;
  if (!t) return;
  c.predictions.forEach((p, k) => strings.push([`${c.id} prediction ${k}`, p, t.predictions[k]]));
  c.references.forEach((r, k) => {
    (Array.isArray(r) ? r : [r]).forEach((s, j) =>
      strings.push([`${c.id} reference ${k}.${j}`, s, t.references[k][j]]),
    );
  });
});

describe('tokenizers match the references on every fixture string', () => {
  const stemmer = new PorterStemmer();
  it('covers the fixture strings', () => expect(strings.length).toBeGreaterThan(250));
  it.each(strings)('%s', (_label, text, expected) => {
    expect(tokenizeRouge(text)).toEqual(expected.rouge);
    expect(tokenizeRouge(text, stemmer)).toEqual(expected.rouge_stem);
    expect(tokenize13a(text)).toEqual(expected['13a']);
    expect(wordTokenize(text)).toEqual(expected.word_tokenize);
  });
});

describe('Porter stemmer (nltk NLTK_EXTENSIONS mode)', () => {
  const s = new PorterStemmer();
  it('uses the irregular-forms pool and nltk rules', () => {
    // Values from nltk 3.10 PorterStemmer().stem.
    const cases: Record<string, string> = {
      skies: 'sky',
      dying: 'die',
      news: 'news',
      innings: 'inning',
      generalization: 'gener',
      caresses: 'caress',
      ponies: 'poni',
      ties: 'tie',
      cried: 'cri',
      agreed: 'agre',
      hopping: 'hop',
      filing: 'file',
      happy: 'happi',
      relational: 'relat',
      biologi: 'biolog',
      fulli: 'fulli',
      as: 'as',
      is: 'is',
    };
    for (const [w, stem] of Object.entries(cases)) expect(s.stem(w), w).toBe(stem);
  });
  it('counts astral characters as one, like Python', () => {
    expect(s.stem('😀s')).toBe('😀s');
  });
});

describe('punkt English sentence split', () => {
  it('keeps known abbreviations and splits at sentence ends', () => {
    expect(punktSentences('Mr. Smith went to Washington. He said hi.')).toEqual([
      'Mr. Smith went to Washington.',
      'He said hi.',
    ]);
  });
  it('realigns closing quotes and brackets into the sentence', () => {
    expect(punktSentences('(How does it deal with this?)  "It should be here." Next.')).toEqual([
      '(How does it deal with this?)',
      '"It should be here."',
      'Next.',
    ]);
  });
  it("uses the English model's orthographic contexts after abbreviations and initials", () => {
    // nltk 3.10 word_tokenize with the punkt_tab English model (an empty context table would keep `vs.` and `B.`).
    expect(wordTokenize('Compare A vs. SELECT statements.')).toEqual([
      'Compare',
      'A',
      'vs',
      '.',
      'SELECT',
      'statements',
      '.',
    ]);
    expect(wordTokenize('He chose plan B. It worked.')).toEqual([
      'He',
      'chose',
      'plan',
      'B',
      '.',
      'It',
      'worked',
      '.',
    ]);
    expect(wordTokenize('The total was 3. then we left.')).toEqual([
      'The',
      'total',
      'was',
      '3.',
      'then',
      'we',
      'left',
      '.',
    ]);
  });
  it('returns nothing for blank text', () => {
    expect(punktSentences('   \n ')).toEqual([]);
    expect(wordTokenize('')).toEqual([]);
  });
});

// The Treebank tokenizer itself (rules, quote options, fast path) is tested in @t5sql/common, where it lives.
describe('treebankTokenize is nltk 3.10.0 (the fixtures), not 3.10.3', () => {
  it("keeps the opening quote on a word longer than one letter ('France stays one token)", () => {
    expect(treebankTokenize("'France' wins")).toEqual(["'France", "'", 'wins']);
    expect(treebankTokenize("The 'v', I've been fooled.")).toEqual([
      'The',
      "'",
      'v',
      "'",
      ',',
      'I',
      "'ve",
      'been',
      'fooled',
      '.',
    ]);
    expect(wordTokenize("He said 'hello' to me. 'Hard' to tell.")).toEqual([
      'He',
      'said',
      "'hello",
      "'",
      'to',
      'me',
      '.',
      "'Hard",
      "'",
      'to',
      'tell',
      '.',
    ]);
  });
});
