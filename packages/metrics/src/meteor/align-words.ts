import type { PorterStemmer } from '../text/porter-stemmer.js';
import type { WordNet } from '../wordnet/wordnet.js';

/** (position in the original token list, word) pairs still unmatched. */
type Enum = Array<[number, string]>;

/** (hypothesis position, reference position) pairs. */
export type Alignment = Array<[number, number]>;

/**
 * nltk's `_match_enums`: from the last hypothesis word backwards, match it to the last unmatched reference word
 * equal to it.
 */
function matchExact(hyp: Enum, ref: Enum, matches: Alignment): [Enum, Enum] {
  const positions = new Map<string, number[]>();
  ref.forEach(([, w], j) => {
    const list = positions.get(w);
    if (list === undefined) positions.set(w, [j]);
    else list.push(j);
  });
  const hypUsed = new Set<number>();
  const refUsed = new Set<number>();
  for (let i = hyp.length - 1; i >= 0; i--) {
    const list = positions.get(hyp[i][1]);
    if (list !== undefined && list.length > 0) {
      const j = list.pop()!;
      hypUsed.add(i);
      refUsed.add(j);
      matches.push([hyp[i][0], ref[j][0]]);
    }
  }
  return [hyp.filter((_, i) => !hypUsed.has(i)), ref.filter((_, j) => !refUsed.has(j))];
}

/**
 * nltk's `_enum_wordnetsyn_match`: a hypothesis word matches the last unmatched reference word that is one of its
 * WordNet synonyms (or itself).
 */
function matchSynonyms(hyp: Enum, ref: Enum, wordnet: WordNet, matches: Alignment): [Enum, Enum] {
  const positions = new Map<string, number[]>();
  ref.forEach(([, w], j) => {
    const list = positions.get(w);
    if (list === undefined) positions.set(w, [j]);
    else list.push(j);
  });
  const hypUsed = new Set<number>();
  const refUsed = new Set<number>();
  for (let i = hyp.length - 1; i >= 0; i--) {
    let bestJ = -1;
    let bestWord: string | null = null;
    for (const syn of wordnet.synonyms(hyp[i][1])) {
      const list = positions.get(syn);
      if (list !== undefined && list.length > 0 && list[list.length - 1] > bestJ) {
        bestJ = list[list.length - 1];
        bestWord = syn;
      }
    }
    if (bestWord !== null) {
      positions.get(bestWord)!.pop();
      hypUsed.add(i);
      refUsed.add(bestJ);
      matches.push([hyp[i][0], ref[bestJ][0]]);
    }
  }
  return [hyp.filter((_, i) => !hypUsed.has(i)), ref.filter((_, j) => !refUsed.has(j))];
}

/**
 * nltk's `_enum_align_words`: exact matches, then Porter-stem matches, then WordNet synonym matches, sorted by
 * hypothesis position. As in nltk, the synonym stage sees the *stemmed* forms left over by the stem stage.
 *
 * @param hyp lowercased hypothesis tokens
 * @param ref lowercased reference tokens
 */
export function alignWords(
  hyp: readonly string[],
  ref: readonly string[],
  stemmer: PorterStemmer,
  wordnet: WordNet,
): Alignment {
  const matches: Alignment = [];
  let h: Enum = hyp.map((w, i) => [i, w]);
  let r: Enum = ref.map((w, i) => [i, w]);
  [h, r] = matchExact(h, r, matches);
  h = h.map(([i, w]) => [i, stemmer.stem(w)]);
  r = r.map(([i, w]) => [i, stemmer.stem(w)]);
  [h, r] = matchExact(h, r, matches);
  matchSynonyms(h, r, wordnet, matches);
  return matches.sort((a, b) => a[0] - b[0]);
}

/** nltk's `_count_chunks`: runs of matches adjacent in both hypothesis and reference. */
export function countChunks(matches: Alignment): number {
  let chunks = 1;
  for (let i = 0; i < matches.length - 1; i++) {
    if (!(matches[i + 1][0] === matches[i][0] + 1 && matches[i + 1][1] === matches[i][1] + 1)) chunks++;
  }
  return chunks;
}
