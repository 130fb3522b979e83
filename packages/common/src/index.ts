/**
 * @t5sql/common: what every t5sql package needs, with no TensorFlow and no dependencies: one seed scheme, atomic
 * writes, JSON files read with errors that name the file, one progress reporter, and nltk's Treebank word tokenizer.
 *
 * @example
 * ```ts
 * import { Mulberry32, ProgressReporter, derivePurposeSeed, readJsonFile, writeJsonAtomic } from '@t5sql/common';
 * const rng = new Mulberry32(derivePurposeSeed(42, 'data'));
 * const config = await readJsonFile('config.json', { what: 'model config' });
 * await writeJsonAtomic('out/order.json', rng.permutation(10));
 * ```
 * @packageDocumentation
 */
export * from './fs/index.js';
export * from './json/index.js';
export * from './progress/index.js';
export * from './seed/index.js';
export * from './text/index.js';
