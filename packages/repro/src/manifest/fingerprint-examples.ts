import { createHash } from 'node:crypto';

/** Identity of the tokenized examples a training run saw, in the order it was given them. */
export interface ExamplesFingerprint {
  /** SHA-256 over every example's input and label ids, each list prefixed by its length. */
  sha256: string;
  examples: number;
  /** Input plus label ids over all examples. */
  tokens: number;
}

/**
 * Fingerprints tokenized examples: the same records, sample, prompt template, tokenizer and length limits give the
 * same hash, and a change to any of them (or to the data files) gives another. A resumed run compares it with the
 * one its checkpoint recorded.
 *
 * @example
 * ```ts
 * const { examples } = tokenizeExamples(records, { tokenizer, template: 't5-instruct', maxSourceLength: 512, maxTargetLength: 128 });
 * const { sha256 } = fingerprintExamples(examples);
 * ```
 */
export function fingerprintExamples(
  examples: readonly { inputIds: readonly number[]; labels: readonly number[] }[],
): ExamplesFingerprint {
  const hash = createHash('sha256');
  let tokens = 0;
  for (const e of examples) {
    for (const ids of [e.inputIds, e.labels]) {
      const words = new Int32Array(ids.length + 1);
      words[0] = ids.length;
      words.set(ids, 1);
      hash.update(new Uint8Array(words.buffer));
      tokens += ids.length;
    }
  }
  return { sha256: hash.digest('hex'), examples: examples.length, tokens };
}
