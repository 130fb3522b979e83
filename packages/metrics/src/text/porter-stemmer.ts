/**
 * nltk's `PorterStemmer` in its default `NLTK_EXTENSIONS` mode (nltk 3.10), which both rouge_score (`use_stemmer`)
 * and nltk's METEOR use. Differences from Porter's original paper that matter for exactness: the irregular-forms pool
 * (`skies` → `sky`, `dying` → `die`, ...), words of at most two characters returned unchanged, `ies`/`ied` on four-letter
 * words, the `alli`, `fulli` and `logi` step-2 rules, `bli` → `ble`, and the two-letter cvc rule.
 */

// Irregular forms nltk maps directly (NLTK_EXTENSIONS mode only).
const POOL: ReadonlyMap<string, string> = new Map([
  ['sky', 'sky'],
  ['skies', 'sky'],
  ['dying', 'die'],
  ['lying', 'lie'],
  ['tying', 'tie'],
  ['news', 'news'],
  ['innings', 'inning'],
  ['inning', 'inning'],
  ['outings', 'outing'],
  ['outing', 'outing'],
  ['cannings', 'canning'],
  ['canning', 'canning'],
  ['howe', 'howe'],
  ['proceed', 'proceed'],
  ['exceed', 'exceed'],
  ['succeed', 'succeed'],
]);

type Condition = ((stem: string) => boolean) | null;
type Rule = readonly [suffix: string, replacement: string, condition: Condition];

function isVowel(ch: string): boolean {
  return ch === 'a' || ch === 'e' || ch === 'i' || ch === 'o' || ch === 'u';
}

/** Per-position consonant flags; `y` is a consonant at the start or after a vowel-`y`, else a vowel. */
function consonantFlags(word: string): boolean[] {
  const flags: boolean[] = new Array(word.length);
  for (let i = 0; i < word.length; i++) {
    const ch = word[i];
    if (isVowel(ch)) flags[i] = false;
    else if (ch === 'y') flags[i] = i === 0 ? true : !flags[i - 1];
    else flags[i] = true;
  }
  return flags;
}

function isConsonant(word: string, i: number): boolean {
  return consonantFlags(word.slice(0, i + 1))[i];
}

/** Porter's m: the number of vowel-consonant transitions. */
function measure(stem: string): number {
  const flags = consonantFlags(stem);
  let m = 0;
  for (let i = 1; i < flags.length; i++) if (!flags[i - 1] && flags[i]) m++;
  return m;
}

const positiveMeasure = (stem: string): boolean => measure(stem) > 0;
const measureGt1 = (stem: string): boolean => measure(stem) > 1;

function containsVowel(stem: string): boolean {
  return consonantFlags(stem).some((c) => !c);
}

function endsDoubleConsonant(word: string): boolean {
  const n = word.length;
  return n >= 2 && word[n - 1] === word[n - 2] && isConsonant(word, n - 1);
}

function endsCvc(word: string): boolean {
  const n = word.length;
  if (n >= 3) {
    const last = word[n - 1];
    if (
      isConsonant(word, n - 3) &&
      !isConsonant(word, n - 2) &&
      isConsonant(word, n - 1) &&
      last !== 'w' &&
      last !== 'x' &&
      last !== 'y'
    ) {
      return true;
    }
  }
  // NLTK extension: a two-letter vowel-consonant word also counts.
  return n === 2 && !isConsonant(word, 0) && isConsonant(word, 1);
}

/** The first rule whose suffix matches decides: applied if its condition holds, otherwise the word is kept. */
function applyRuleList(word: string, rules: readonly Rule[]): string {
  for (const [suffix, replacement, condition] of rules) {
    if (suffix === '*d' && endsDoubleConsonant(word)) {
      const stem = word.slice(0, -2);
      return condition === null || condition(stem) ? stem + replacement : word;
    }
    if (word.endsWith(suffix)) {
      const stem = word.slice(0, word.length - suffix.length);
      return condition === null || condition(stem) ? stem + replacement : word;
    }
  }
  return word;
}

function step1a(word: string): string {
  if (word.endsWith('ies') && word.length === 4) return `${word.slice(0, -3)}ie`;
  return applyRuleList(word, [
    ['sses', 'ss', null],
    ['ies', 'i', null],
    ['ss', 'ss', null],
    ['s', '', null],
  ]);
}

function step1b(word: string): string {
  if (word.endsWith('ied')) return word.slice(0, -3) + (word.length === 4 ? 'ie' : 'i');
  if (word.endsWith('eed')) {
    const stem = word.slice(0, -3);
    return measure(stem) > 0 ? `${stem}ee` : word;
  }
  let intermediate: string | null = null;
  for (const suffix of ['ed', 'ing']) {
    if (word.endsWith(suffix)) {
      const candidate = word.slice(0, word.length - suffix.length);
      if (containsVowel(candidate)) {
        intermediate = candidate;
        break;
      }
    }
  }
  if (intermediate === null) return word;
  const last = intermediate[intermediate.length - 1];
  return applyRuleList(intermediate, [
    ['at', 'ate', null],
    ['bl', 'ble', null],
    ['iz', 'ize', null],
    ['*d', last, () => last !== 'l' && last !== 's' && last !== 'z'],
    ['', 'e', (stem) => measure(stem) === 1 && endsCvc(stem)],
  ]);
}

function step1c(word: string): string {
  return applyRuleList(word, [['y', 'i', (stem) => stem.length > 1 && isConsonant(stem, stem.length - 1)]]);
}

const STEP2_RULES: readonly Rule[] = [
  ['ational', 'ate', positiveMeasure],
  ['tional', 'tion', positiveMeasure],
  ['enci', 'ence', positiveMeasure],
  ['anci', 'ance', positiveMeasure],
  ['izer', 'ize', positiveMeasure],
  ['bli', 'ble', positiveMeasure],
  ['alli', 'al', positiveMeasure],
  ['entli', 'ent', positiveMeasure],
  ['eli', 'e', positiveMeasure],
  ['ousli', 'ous', positiveMeasure],
  ['ization', 'ize', positiveMeasure],
  ['ation', 'ate', positiveMeasure],
  ['ator', 'ate', positiveMeasure],
  ['alism', 'al', positiveMeasure],
  ['iveness', 'ive', positiveMeasure],
  ['fulness', 'ful', positiveMeasure],
  ['ousness', 'ous', positiveMeasure],
  ['aliti', 'al', positiveMeasure],
  ['iviti', 'ive', positiveMeasure],
  ['biliti', 'ble', positiveMeasure],
  ['fulli', 'ful', positiveMeasure],
];

function step2(word: string): string {
  if (word.endsWith('alli') && positiveMeasure(word.slice(0, -4))) return step2(`${word.slice(0, -4)}al`);
  // nltk's `logi` rule tests the measure of the word minus three letters, not of the stem.
  const logi: Rule = ['logi', 'log', () => positiveMeasure(word.slice(0, -3))];
  return applyRuleList(word, [...STEP2_RULES, logi]);
}

const STEP3_RULES: readonly Rule[] = [
  ['icate', 'ic', positiveMeasure],
  ['ative', '', positiveMeasure],
  ['alize', 'al', positiveMeasure],
  ['iciti', 'ic', positiveMeasure],
  ['ical', 'ic', positiveMeasure],
  ['ful', '', positiveMeasure],
  ['ness', '', positiveMeasure],
];

const STEP4_RULES: readonly Rule[] = [
  ['al', '', measureGt1],
  ['ance', '', measureGt1],
  ['ence', '', measureGt1],
  ['er', '', measureGt1],
  ['ic', '', measureGt1],
  ['able', '', measureGt1],
  ['ible', '', measureGt1],
  ['ant', '', measureGt1],
  ['ement', '', measureGt1],
  ['ment', '', measureGt1],
  ['ent', '', measureGt1],
  ['ion', '', (stem) => measure(stem) > 1 && (stem.endsWith('s') || stem.endsWith('t'))],
  ['ou', '', measureGt1],
  ['ism', '', measureGt1],
  ['ate', '', measureGt1],
  ['iti', '', measureGt1],
  ['ous', '', measureGt1],
  ['ive', '', measureGt1],
  ['ize', '', measureGt1],
];

function step5a(word: string): string {
  if (word.endsWith('e')) {
    const stem = word.slice(0, -1);
    const m = measure(stem);
    if (m > 1) return stem;
    if (m === 1 && !endsCvc(stem)) return stem;
  }
  return word;
}

function step5b(word: string): string {
  return applyRuleList(word, [['ll', 'l', () => measure(word.slice(0, -1)) > 1]]);
}

function stemBmp(lower: string, originalLength: number): string {
  const pooled = POOL.get(lower);
  if (pooled !== undefined) return pooled;
  if (originalLength <= 2) return lower;
  let s = step1a(lower);
  s = step1b(s);
  s = step1c(s);
  s = step2(s);
  s = applyRuleList(s, STEP3_RULES);
  s = applyRuleList(s, STEP4_RULES);
  s = step5a(s);
  return step5b(s);
}

const ASTRAL = /[\uD800-\uDFFF]/;

/**
 * Stems with nltk's rules on Python's code-point strings. Characters outside the BMP are swapped for private-use
 * placeholders first so that `word[-1]`, `len(word)` and slicing behave as they do in Python.
 */
function stemWord(word: string): string {
  const lower = word.toLowerCase();
  if (!ASTRAL.test(lower)) return stemBmp(lower, Array.from(word).length);
  const toPlaceholder = new Map<string, string>();
  const fromPlaceholder = new Map<string, string>();
  let next = 0xe000;
  const mapped = Array.from(lower)
    .map((ch) => {
      if (ch.length === 1) return ch;
      let p = toPlaceholder.get(ch);
      if (p === undefined) {
        while (lower.includes(String.fromCharCode(next))) next++;
        p = String.fromCharCode(next++);
        toPlaceholder.set(ch, p);
        fromPlaceholder.set(p, ch);
      }
      return p;
    })
    .join('');
  const stemmed = stemBmp(mapped, Array.from(word).length);
  return Array.from(stemmed)
    .map((ch) => fromPlaceholder.get(ch) ?? ch)
    .join('');
}

/**
 * nltk's Porter stemmer (default mode), memoized: the stem of a word never changes, and corpora repeat words a lot.
 *
 * @example
 * new PorterStemmer().stem('salaries') // 'salari'
 */
export class PorterStemmer {
  private readonly cache = new Map<string, string>();

  /** The stem of `word` (lowercased first, as nltk does). */
  stem(word: string): string {
    let s = this.cache.get(word);
    if (s === undefined) {
      s = stemWord(word);
      // Bound the memo so a stream of unique tokens cannot grow it without limit.
      if (this.cache.size >= 200_000) this.cache.clear();
      this.cache.set(word, s);
    }
    return s;
  }
}
