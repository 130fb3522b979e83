// The parts of Hugging Face's tokenizer.json / tokenizer_config.json that T5 uses.

/** An entry of tokenizer.json's `added_tokens`. */
export interface AddedTokenJson {
  id: number;
  content: string;
  single_word: boolean;
  lstrip: boolean;
  rstrip: boolean;
  normalized: boolean;
  special: boolean;
}

/** tokenizer.json as the Rust `tokenizers` library serialises it (fields T5 does not use left loose). */
export interface TokenizerJson {
  version: string;
  truncation: unknown;
  padding: unknown;
  added_tokens: AddedTokenJson[];
  normalizer: unknown;
  pre_tokenizer: unknown;
  post_processor: unknown;
  decoder: unknown;
  model: {
    type: string;
    unk_id?: number | null;
    vocab: unknown;
    byte_fallback?: boolean;
    [key: string]: unknown;
  };
}

/** tokenizer_config.json (plus special_tokens_map.json merged in); every field optional. */
export interface TokenizerConfigJson {
  eos_token?: string | { content: string };
  pad_token?: string | { content: string };
  unk_token?: string | { content: string };
  additional_special_tokens?: (string | { content: string })[];
  extra_ids?: number;
  model_max_length?: number;
  clean_up_tokenization_spaces?: boolean;
  [key: string]: unknown;
}

/** The token string of a special-token field, which HF writes either as a string or as an AddedToken object. */
export function tokenContent(value: string | { content: string } | undefined): string | undefined {
  return typeof value === 'string' ? value : value?.content;
}
