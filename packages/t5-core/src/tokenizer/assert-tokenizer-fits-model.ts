import { TokenizerError } from '../errors/t5-core-error.js';
/**
 * Throws when a tokenizer can produce ids the model has no embedding row for (more tokens than `vocab_size`),
 * naming both sizes and where each came from. Call it once where a tokenizer and a model are put together; the
 * model's own per-call check (`forward`, `generate`) then only catches ids from elsewhere. A tokenizer smaller
 * than the model is fine: T5's 32,100 tokens sit in a 32,128-row embedding.
 *
 * @example
 * ```ts
 * const tokenizer = await T5Tokenizer.fromPretrained('t5-small');
 * const model = await T5ForConditionalGeneration.fromPretrained('runs/tiny');
 * assertTokenizerFitsModel(tokenizer, model, { tokenizer: 't5-small', model: 'runs/tiny' });
 * // Error: the tokenizer (t5-small) has 32100 tokens but the model's vocab_size is 128 (runs/tiny): ...
 * ```
 */
export function assertTokenizerFitsModel(
  tokenizer: { readonly vocabSize: number },
  model: { readonly vocabSize: number },
  sources: { tokenizer?: string; model?: string } = {},
): void {
  if (tokenizer.vocabSize <= model.vocabSize) return;
  const tok = sources.tokenizer === undefined ? '' : ` (${sources.tokenizer})`;
  const mod = sources.model === undefined ? '' : ` (${sources.model})`;
  throw new TokenizerError(
    `the tokenizer${tok} has ${tokenizer.vocabSize} tokens but the model's vocab_size is ${model.vocabSize}${mod}: ` +
      `ids ${model.vocabSize}..${tokenizer.vocabSize - 1} have no embedding row. Use the tokenizer the model was ` +
      `trained with, or a model whose vocab_size is at least ${tokenizer.vocabSize}.`,
  );
}
