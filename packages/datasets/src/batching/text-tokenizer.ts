/**
 * The tokenizer shape batching needs. t5-core's `T5Tokenizer` satisfies it, and so does a thin wrapper around
 * `@huggingface/tokenizers`; this package never imports TensorFlow.
 */
export interface TextTokenizer {
  /** Token ids with the EOS token `</s>` appended, as HF's T5 tokenizer returns them. */
  encode(text: string): number[];
  /** Id of `<pad>` (0 for T5). */
  readonly padTokenId: number;
}
