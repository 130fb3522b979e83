// Builds the normalizer of a tokenizer.json with the real SentencePiece charsmap in place of
// @huggingface/tokenizers' NFKC approximation; every other step uses the library's own implementation.
import * as hfTokenizers from '@huggingface/tokenizers';
import { TokenizerError } from '../errors/t5-core-error.js';
import { PrecompiledCharsmap } from './precompiled-charsmap.js';

/** A text → text normalisation step. */
export type NormalizeFn = (text: string) => string;

// biome-ignore lint/suspicious/noExplicitAny: the library's normalizer classes take untyped JSON configs.
type NormalizerClass = new (config: any) => { normalize(text: string): string };

// The library's normalizer classes are exported at run time, but its .d.ts re-exports use extensionless paths
// that NodeNext resolution drops, so they are looked up on the module namespace.
const library = hfTokenizers as unknown as Record<string, NormalizerClass | undefined>;
const LIBRARY_NORMALIZERS: Record<string, NormalizerClass | undefined> = {
  Strip: library.StripNormalizer,
  Replace: library.ReplaceNormalizer,
  NFC: library.NFCNormalizer,
  NFD: library.NFDNormalizer,
  NFKC: library.NFKCNormalizer,
  NFKD: library.NFKDNormalizer,
  Lowercase: library.LowercaseNormalizer,
  Prepend: library.PrependNormalizer,
  StripAccents: library.StripAccentsNormalizer,
};

/**
 * Turns tokenizer.json's `normalizer` object into a function; null when the file has none.
 *
 * @param config the `normalizer` value of tokenizer.json
 * @param source file name for error messages
 * @throws when a normalizer type is not supported
 */
export function buildNormalizer(config: unknown, source = 'tokenizer.json'): NormalizeFn | null {
  if (config === null || config === undefined) return null;
  const node = config as { type?: string; normalizers?: unknown[]; precompiled_charsmap?: string | null };
  switch (node.type) {
    case 'Sequence': {
      const steps = (node.normalizers ?? [])
        .map((c) => buildNormalizer(c, source))
        .filter((f): f is NormalizeFn => f !== null);
      return (text) => steps.reduce((t, step) => step(t), text);
    }
    case 'Precompiled': {
      // A null charsmap (models trained with the identity normaliser) leaves the text unchanged.
      if (!node.precompiled_charsmap) return (text) => text;
      const charsmap = PrecompiledCharsmap.fromBase64(node.precompiled_charsmap, `${source}: normalizer`);
      return (text) => charsmap.normalize(text);
    }
    default: {
      const Impl = node.type === undefined ? undefined : LIBRARY_NORMALIZERS[node.type];
      if (!Impl) {
        throw new TokenizerError(
          `${source}: normalizer type "${node.type}" is not supported; expected one of Sequence, Precompiled, ${Object.keys(LIBRARY_NORMALIZERS).join(', ')}`,
        );
      }
      const impl = new Impl(node);
      return (text) => impl.normalize(text);
    }
  }
}
