// SentencePiece's `precompiled_charsmap`: a darts-clone double-array trie over UTF-8 byte strings whose leaf
// values are offsets into a blob of NUL-terminated replacement strings. Layout:
// [u32 LE trie size in bytes][trie units: u32 LE ...][replacement strings].
// @huggingface/tokenizers 0.2.0 ignores the charsmap and approximates it with NFKC, so this re-implements
// the Rust `tokenizers` Precompiled normalizer, which is what T5TokenizerFast runs.
import { TokenizerError } from '../errors/t5-core-error.js';

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8');
const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/** Rust `tokenizers` transforms a whole grapheme only when it is shorter than this many UTF-8 bytes. */
const WHOLE_GRAPHEME_MAX_BYTES = 6;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * SentencePiece's precompiled normalisation rules, applied the way Rust `tokenizers` (T5TokenizerFast) does.
 *
 * @example
 * const { normalizer } = JSON.parse(readFileSync('tokenizer.json', 'utf8')); // T5's: a Precompiled normalizer
 * const charsmap = PrecompiledCharsmap.fromBase64(normalizer.precompiled_charsmap);
 * charsmap.normalize('ＦＵＬＬ ﬁ'); // 'FULL fi'
 */
export class PrecompiledCharsmap {
  private readonly units: Uint32Array;
  private readonly normalized: Uint8Array;
  private readonly cache = new Map<string, string | null>();

  /**
   * @param charsmap the raw bytes (`NormalizerSpec.precompiled_charsmap`, or tokenizer.json's base64 decoded)
   * @param source names the file in error messages
   */
  constructor(charsmap: Uint8Array, source = 'precompiled_charsmap') {
    if (charsmap.length < 4)
      throw new TokenizerError(`${source}: precompiled_charsmap is ${charsmap.length} bytes, need >= 4`);
    const view = new DataView(charsmap.buffer, charsmap.byteOffset, charsmap.byteLength);
    const trieBytes = view.getUint32(0, true);
    if (trieBytes % 4 !== 0 || 4 + trieBytes > charsmap.length) {
      throw new TokenizerError(
        `${source}: precompiled_charsmap trie size ${trieBytes} does not fit the ${charsmap.length}-byte blob`,
      );
    }
    this.units = new Uint32Array(trieBytes / 4);
    for (let i = 0; i < this.units.length; i++) this.units[i] = view.getUint32(4 + 4 * i, true);
    this.normalized = charsmap.subarray(4 + trieBytes);
  }

  /** Decodes tokenizer.json's base64 `precompiled_charsmap`. */
  static fromBase64(base64: string, source?: string): PrecompiledCharsmap {
    return new PrecompiledCharsmap(new Uint8Array(Buffer.from(base64, 'base64')), source);
  }

  /**
   * The replacement for `chunk`, or null when the trie has none. Like the Rust port (and unlike SentencePiece's
   * own longest match), the first, i.e. shortest, key that is a prefix of `chunk` wins.
   */
  transform(chunk: string): string | null {
    const hit = this.cache.get(chunk);
    if (hit !== undefined) return hit;
    const key = utf8Encoder.encode(chunk);
    const units = this.units;
    // Darts-clone unit fields: offset = (u >> 10) << ((u & (1 << 9)) >> 6); label = u & (1 << 31 | 0xff);
    // has_leaf = (u >> 8) & 1; a leaf's value = u & ((1 << 31) - 1).
    const offset = (u: number): number => (u >>> 10) << ((u & 0x200) >>> 6);
    let node = 0;
    let unit = units[node];
    node ^= offset(unit);
    let result: string | null = null;
    for (const c of key) {
      if (c === 0) break;
      node ^= c;
      unit = units[node];
      if (unit === undefined || (unit & 0x800000ff) >>> 0 !== c) break;
      node ^= offset(unit);
      if ((unit >>> 8) & 1) {
        const start = units[node] & 0x7fffffff;
        let end = start;
        while (end < this.normalized.length && this.normalized[end] !== 0) end++;
        result = utf8Decoder.decode(this.normalized.subarray(start, end));
        break;
      }
    }
    this.cache.set(chunk, result);
    return result;
  }

  /** Applies the charsmap grapheme by grapheme, falling back to single characters, as Rust `tokenizers` does. */
  normalize(text: string): string {
    let out = '';
    if (PRINTABLE_ASCII.test(text)) {
      // Every printable ASCII character is its own grapheme, so the segmenter can be skipped (the common case).
      for (const ch of text) out += this.transform(ch) ?? ch;
      return out;
    }
    for (const { segment } of graphemes.segment(text)) {
      if (utf8Encoder.encode(segment).length < WHOLE_GRAPHEME_MAX_BYTES) {
        const whole = this.transform(segment);
        if (whole !== null) {
          out += whole;
          continue;
        }
      }
      for (const ch of segment) out += this.transform(ch) ?? ch;
    }
    return out;
  }
}
