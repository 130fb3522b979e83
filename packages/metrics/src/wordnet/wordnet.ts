import { WordNetError } from '../errors.js';

/** WordNet parts of speech in nltk's `POS_LIST` order: noun, verb, adjective, adverb. */
export const POS_LIST = ['n', 'v', 'a', 'r'] as const;

/** One of {@link POS_LIST}. */
export type WordNetPos = (typeof POS_LIST)[number];

// nltk's MORPHOLOGICAL_SUBSTITUTIONS: (old suffix, new suffix), applied once.
const SUBSTITUTIONS: Record<WordNetPos, ReadonlyArray<readonly [string, string]>> = {
  n: [
    ['s', ''],
    ['ses', 's'],
    ['ves', 'f'],
    ['xes', 'x'],
    ['zes', 'z'],
    ['ches', 'ch'],
    ['shes', 'sh'],
    ['men', 'man'],
    ['ies', 'y'],
  ],
  v: [
    ['s', ''],
    ['ies', 'y'],
    ['es', 'e'],
    ['es', ''],
    ['ed', 'e'],
    ['ed', ''],
    ['ing', 'e'],
    ['ing', ''],
  ],
  a: [
    ['er', ''],
    ['est', ''],
    ['er', 'e'],
    ['est', 'e'],
  ],
  r: [],
};

/** The WordNet files a {@link WordNet} is built from, per part of speech. */
export interface WordNetFiles {
  /** `index.<pos>` text. */
  index: Record<WordNetPos, string>;
  /** `data.<pos>` bytes (synset offsets are byte offsets). */
  data: Record<WordNetPos, Uint8Array>;
  /** `<pos>.exc` text. */
  exceptions: Record<WordNetPos, string>;
}

/**
 * Maps each lemma of an `index.<pos>` file to the start of its line; the line is parsed only when looked up, so
 * loading costs one scan of the text rather than a split of every line.
 */
function indexLineStarts(text: string): Map<string, number> {
  const map = new Map<string, number>();
  let pos = 0;
  while (pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end === -1) end = text.length;
    // License header lines start with two spaces.
    if (end > pos && text.charCodeAt(pos) !== 32) {
      const space = text.indexOf(' ', pos);
      if (space !== -1 && space < end) map.set(text.slice(pos, space), pos);
    }
    pos = end + 1;
  }
  return map;
}

/** Synset offsets on one index line: lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt offset... */
function parseIndexLine(text: string, start: number): number[] {
  let end = text.indexOf('\n', start);
  if (end === -1) end = text.length;
  const f = text
    .slice(start, end)
    .split(' ')
    .filter((x) => x.length > 0);
  const nSynsets = Number(f[2]);
  const first = 4 + Number(f[3]) + 2;
  const offsets: number[] = new Array(nSynsets);
  for (let k = 0; k < nSynsets; k++) offsets[k] = Number(f[first + k]);
  if (!(nSynsets > 0) || offsets.some((o) => !Number.isInteger(o))) {
    throw new WordNetError(
      `WordNet index: malformed line for ${JSON.stringify(f[0])}: ${text.slice(start, start + 80)}`,
    );
  }
  return offsets;
}

function parseExceptions(text: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const terms = line.split(/[ \t\r]+/).filter((x) => x.length > 0);
    if (terms.length > 0) map.set(terms[0], terms.slice(1));
  }
  return map;
}

const UTF8 = new TextDecoder('utf-8');

// nltk strips a syntactic marker such as "(a)", "(p)" or "(ip)" from adjective lemma names.
const SYNTACTIC_MARKER = /\(.*\)$/;

/**
 * WordNet 3.0 lookups with nltk's semantics: `synsets(lemma)` over noun, verb, adjective and adverb with nltk's
 * `_morphy` (exception lists, then one round of suffix rules), and the lemma names of each synset as stored in the
 * data files (case kept, syntactic markers removed).
 */
export class WordNet {
  private readonly indexText: Record<WordNetPos, string>;
  private readonly index: Record<WordNetPos, Map<string, number>>;
  private readonly offsetCache = new Map<string, readonly number[]>();
  private readonly exceptions: Record<WordNetPos, Map<string, string[]>>;
  private readonly data: Record<WordNetPos, Uint8Array>;
  private readonly lemmaCache = new Map<string, readonly string[]>();
  private readonly synonymCache = new Map<string, ReadonlySet<string>>();

  constructor(files: WordNetFiles) {
    this.index = { n: new Map(), v: new Map(), a: new Map(), r: new Map() };
    this.exceptions = { n: new Map(), v: new Map(), a: new Map(), r: new Map() };
    for (const pos of POS_LIST) {
      this.index[pos] = indexLineStarts(files.index[pos]);
      this.exceptions[pos] = parseExceptions(files.exceptions[pos]);
    }
    this.data = files.data;
    this.indexText = files.index;
  }

  /** Synset offsets of `lemma` under `pos` (empty when WordNet does not list it there). */
  synsetOffsets(lemma: string, pos: WordNetPos): readonly number[] {
    const start = this.index[pos].get(lemma);
    if (start === undefined) return [];
    const key = `${pos} ${lemma}`;
    let offsets = this.offsetCache.get(key);
    if (offsets === undefined) {
      offsets = parseIndexLine(this.indexText[pos], start);
      this.offsetCache.set(key, offsets);
    }
    return offsets;
  }

  /** nltk's `_morphy(form, pos)`: the base forms of `form` that WordNet lists under `pos`. */
  morphy(form: string, pos: WordNetPos): string[] {
    const exc = this.exceptions[pos].get(form);
    let forms: string[];
    if (exc !== undefined) {
      forms = exc;
    } else {
      forms = [];
      for (const [old, replacement] of SUBSTITUTIONS[pos]) {
        if (form.endsWith(old)) forms.push(form.slice(0, form.length - old.length) + replacement);
      }
    }
    const out: string[] = [];
    for (const f of [form, ...forms]) if (this.index[pos].has(f) && !out.includes(f)) out.push(f);
    return out;
  }

  /** Lemma names of the synset at `offset` in `data.<pos>`. */
  lemmaNames(pos: WordNetPos, offset: number): readonly string[] {
    const key = `${pos}${offset}`;
    const cached = this.lemmaCache.get(key);
    if (cached !== undefined) return cached;
    const buf = this.data[pos];
    let end = buf.indexOf(10, offset);
    if (end === -1) end = buf.length;
    const line = UTF8.decode(buf.subarray(offset, end));
    // offset lex_filenum ss_type w_cnt(hex) word lex_id [word lex_id ...] ...
    const f = line.split(' ');
    if (Number(f[0]) !== offset) {
      throw new WordNetError(
        `WordNet data.${pos}: no synset starts at byte offset ${offset} (found ${JSON.stringify(f[0])})`,
      );
    }
    const n = Number.parseInt(f[3], 16);
    const names: string[] = new Array(n);
    for (let k = 0; k < n; k++) names[k] = f[4 + 2 * k].replace(SYNTACTIC_MARKER, '');
    this.lemmaCache.set(key, names);
    return names;
  }

  /**
   * The set METEOR's synonym stage compares against: the lemma names without `_` of every synset of `word` (all
   * parts of speech), plus `word` itself.
   */
  synonyms(word: string): ReadonlySet<string> {
    const cached = this.synonymCache.get(word);
    if (cached !== undefined) return cached;
    const lemma = word.toLowerCase();
    const set = new Set<string>();
    for (const pos of POS_LIST) {
      for (const form of this.morphy(lemma, pos)) {
        for (const offset of this.synsetOffsets(form, pos)) {
          for (const name of this.lemmaNames(pos, offset)) if (!name.includes('_')) set.add(name);
        }
      }
    }
    set.add(word);
    if (this.synonymCache.size >= 200_000) this.synonymCache.clear();
    this.synonymCache.set(word, set);
    return set;
  }
}
