import type { PorterStemmer } from '../text/porter-stemmer.js';
import type { WordNet } from '../wordnet/wordnet.js';

/** Words still unmatched: their original positions and their current (possibly stemmed) forms. */
interface Unmatched {
  pos: number[];
  word: string[];
}

/** Result of aligning a hypothesis with a reference. */
export interface Alignment {
  /** Number of matched word pairs. */
  matches: number;
  /** Fewest runs of matches adjacent in both sentences (nltk's `_count_chunks` over the sorted matches). */
  chunks: number;
}

function positionsByWord(ref: Unmatched): Map<string, number[]> {
  const positions = new Map<string, number[]>();
  for (let j = 0; j < ref.word.length; j++) {
    const list = positions.get(ref.word[j]);
    if (list === undefined) positions.set(ref.word[j], [j]);
    else list.push(j);
  }
  return positions;
}

function remaining(u: Unmatched, used: Uint8Array): Unmatched {
  const out: Unmatched = { pos: [], word: [] };
  for (let i = 0; i < u.pos.length; i++) {
    if (!used[i]) {
      out.pos.push(u.pos[i]);
      out.word.push(u.word[i]);
    }
  }
  return out;
}

/**
 * nltk's `_match_enums`: from the last hypothesis word backwards, match it to the last unmatched reference word
 * equal to it. Records matches in `refOf` (hypothesis position → reference position).
 */
function matchExact(hyp: Unmatched, ref: Unmatched, refOf: Int32Array): [Unmatched, Unmatched] {
  const positions = positionsByWord(ref);
  const hypUsed = new Uint8Array(hyp.pos.length);
  const refUsed = new Uint8Array(ref.pos.length);
  for (let i = hyp.pos.length - 1; i >= 0; i--) {
    const list = positions.get(hyp.word[i]);
    if (list !== undefined && list.length > 0) {
      const j = list.pop()!;
      hypUsed[i] = 1;
      refUsed[j] = 1;
      refOf[hyp.pos[i]] = ref.pos[j];
    }
  }
  return [remaining(hyp, hypUsed), remaining(ref, refUsed)];
}

/**
 * nltk's `_enum_wordnetsyn_match`: a hypothesis word matches the last unmatched reference word that is one of its
 * WordNet synonyms (or itself).
 */
function matchSynonyms(hyp: Unmatched, ref: Unmatched, wordnet: WordNet, refOf: Int32Array): void {
  const positions = positionsByWord(ref);
  for (let i = hyp.pos.length - 1; i >= 0; i--) {
    let bestJ = -1;
    let bestList: number[] | null = null;
    for (const syn of wordnet.synonyms(hyp.word[i])) {
      const list = positions.get(syn);
      if (list !== undefined && list.length > 0 && list[list.length - 1] > bestJ) {
        bestJ = list[list.length - 1];
        bestList = list;
      }
    }
    if (bestList !== null) {
      bestList.pop();
      refOf[hyp.pos[i]] = ref.pos[bestJ];
    }
  }
}

/**
 * nltk's `_enum_align_words` followed by `_count_chunks`: exact matches, then Porter-stem matches, then WordNet
 * synonym matches. As in nltk, the synonym stage sees the *stemmed* forms left over by the stem stage.
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
  // refOf[i]: reference position matched to hypothesis position i, or -1.
  const refOf = new Int32Array(hyp.length).fill(-1);
  const all = (words: readonly string[]): Unmatched => ({ pos: words.map((_, i) => i), word: [...words] });
  let [h, r] = matchExact(all(hyp), all(ref), refOf);
  if (h.pos.length > 0 && r.pos.length > 0) {
    h = { pos: h.pos, word: h.word.map((w) => stemmer.stem(w)) };
    r = { pos: r.pos, word: r.word.map((w) => stemmer.stem(w)) };
    [h, r] = matchExact(h, r, refOf);
    if (h.pos.length > 0 && r.pos.length > 0) matchSynonyms(h, r, wordnet, refOf);
  }
  // Matches sorted by hypothesis position; a chunk continues while both positions advance by one.
  let matches = 0;
  let chunks = 0;
  let prevHyp = -2;
  let prevRef = -2;
  for (let i = 0; i < refOf.length; i++) {
    const j = refOf[i];
    if (j < 0) continue;
    if (!(i === prevHyp + 1 && j === prevRef + 1)) chunks++;
    matches++;
    prevHyp = i;
    prevRef = j;
  }
  // nltk counts one chunk even for an empty match list; callers return 0 before using it then.
  return { matches, chunks: Math.max(chunks, 1) };
}
