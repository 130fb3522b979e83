import { isPySpace } from './python-text.js';

// sacrebleu's `TokenizerRegexp` applies four substitutions in turn, each to the previous one's output:
//   1. ([\{-\~\[-\` -\&\(-\+\:-\@\/])  -> " \1 "   pad ASCII punctuation other than . , - '
//   2. ([^0-9])([\.,])                  -> "\1 \2 "  period / comma after a non-digit
//   3. ([\.,])([^0-9])                  -> " \1 \2"  period / comma before a non-digit
//   4. ([0-9])(-)                       -> "\1 \2 "  dash after a digit
// then splits on whitespace. All four only insert spaces, so the tokens follow from which characters end up with
// a space on both sides; this scan decides that in one pass, reproducing `re.sub`'s left-to-right, non-overlapping
// matching (a period or comma consumed by one match cannot start the next). `test/tokenizer-13a.test.ts` checks it
// against the four substitutions on random strings, and the fixture tests against sacrebleu's tokens.

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isPeriodOrComma(c: number): boolean {
  return c === 46 || c === 44;
}

/** Rule 1's character class. */
function isPadded(c: number): boolean {
  return (
    (c >= 0x7b && c <= 0x7e) ||
    (c >= 0x5b && c <= 0x60) ||
    (c >= 0x20 && c <= 0x26) ||
    (c >= 0x28 && c <= 0x2b) ||
    (c >= 0x3a && c <= 0x40) ||
    c === 0x2f
  );
}

/** The language-independent part of 13a: `<skipped>`, hyphenated line breaks, newlines, four HTML entities. */
function preprocess(line: string): string {
  if (line.includes('<skipped>')) line = line.replaceAll('<skipped>', '');
  if (line.includes('\n')) line = line.replaceAll('-\n', '').replaceAll('\n', ' ');
  if (line.includes('&')) {
    // Order matters: `&amp;quot;` becomes `&quot;`, not `"`.
    line = line.replaceAll('&quot;', '"');
    line = line.replaceAll('&amp;', '&');
    line = line.replaceAll('&lt;', '<');
    line = line.replaceAll('&gt;', '>');
  }
  return line;
}

/**
 * The `13a` tokenizer (mteval-v13a, as in sacrebleu and Hugging Face evaluate's `tokenizer_13a.py`), returning the
 * token list that evaluate's `bleu` and `google_bleu` feed to the scorer.
 *
 * @example
 * tokenize13a("SELECT a.b, c FROM t;") // ['SELECT', 'a', '.', 'b', ',', 'c', 'FROM', 't', ';']
 */
export function tokenize13a(line: string): string[] {
  const s = ` ${preprocess(line)} `;
  const out: string[] = [];
  let start = -1;
  // State of the previous character when it was a period or comma: did rule 2 / rule 3 match it?
  let prevWasPc = false;
  let prevM2 = false;
  let prevM3 = false;
  for (let j = 0; j < s.length; j++) {
    const c = s.charCodeAt(j);
    let alone: boolean;
    let isPc = false;
    let m2 = false;
    let m3 = false;
    if (isPeriodOrComma(c)) {
      isPc = true;
      // Rule 2: the character before is not a digit and was not itself consumed as a rule-2 period/comma.
      m2 = j > 0 && !isDigit(s.charCodeAt(j - 1)) && !(prevWasPc && prevM2);
      if (!m2) {
        // Rule 3: what follows is not a digit, and this character was not consumed as the `\2` of a rule-3 match
        // on the period/comma right before it (adjacent only when rule 2 matched neither).
        const consumed: boolean = prevWasPc && !prevM2 && prevM3;
        m3 = j + 1 < s.length && !isDigit(s.charCodeAt(j + 1)) && !consumed;
      }
      alone = m2 || m3;
    } else if (c === 45) {
      alone = j > 0 && isDigit(s.charCodeAt(j - 1)); // rule 4
    } else {
      alone = isPadded(c); // rule 1
    }
    prevWasPc = isPc;
    prevM2 = m2;
    prevM3 = m3;
    if (alone || isPySpace(c)) {
      if (start >= 0) {
        out.push(s.slice(start, j));
        start = -1;
      }
      if (alone && c !== 32) out.push(s[j]);
    } else if (start < 0) {
      start = j;
    }
  }
  if (start >= 0) out.push(s.slice(start));
  return out;
}
