// T5's tokenizer: @huggingface/tokenizers for added-token splitting, the unigram lattice and post-processing,
// with the SentencePiece charsmap, Metaspace splitting and decoding replaced where that library approximates.
import { readFile } from 'node:fs/promises';
import { Tokenizer } from '@huggingface/tokenizers';
import { readJsonFile } from '@t5sql/common';
import { type HubDownloadOptions, resolveFile } from '@t5sql/hub';
import { TokenizerError } from '../errors/t5-core-error.js';
import { buildNormalizer } from './build-normalizer.js';
import { cleanUpTokenization, metaspaceDecode } from './decode-tokens.js';
import { hasSplittingMetaspace, splitOnMetaspace } from './metaspace-split.js';
import { parseSentencePieceModel } from './sentencepiece-model.js';
import { sentencePieceToTokenizerJson } from './sentencepiece-to-tokenizer-json.js';
import { type TokenizerConfigJson, type TokenizerJson, tokenContent } from './tokenizer-json.js';

/** Options of {@link T5Tokenizer.encodeBatch}. */
export interface EncodeBatchOptions {
  /** Length for truncation and for `padding: 'max_length'`. */
  maxLength?: number;
  /**
   * `true` / `'longest'` (default): pad to the longest row; `'max_length'`: pad to `maxLength`; `false`: no padding
   * (rows keep their own lengths). Padding is on the right with the pad id and attention 0, as HF T5 does.
   */
  padding?: boolean | 'longest' | 'max_length';
  /** Cut rows to `maxLength`, keeping the closing `</s>` (HF `truncation=True`). Default: true when maxLength is set. */
  truncation?: boolean;
}

/** Padded ids and attention mask, `[batch, length]` each. */
export interface BatchEncoding {
  inputIds: number[][];
  attentionMask: number[][];
}

/** Options of {@link T5Tokenizer.decode}. */
export interface DecodeOptions {
  /** Drop special tokens (`<pad>`, `</s>`, `<unk>`, sentinels). Default false, as in HF. */
  skipSpecialTokens?: boolean;
  /** Override tokenizer_config.json's `clean_up_tokenization_spaces`. */
  cleanUpTokenizationSpaces?: boolean;
}

/** Hub options (revision, cache dir, token, offline) for {@link T5Tokenizer.fromPretrained}; ignored for local folders. */
export interface T5TokenizerFromPretrainedOptions extends HubDownloadOptions {}

type PreTokenizeFn = (text: string, options?: unknown) => string[];

/**
 * The T5 / Flan-T5 tokenizer, equal to transformers' `T5TokenizerFast` (ids and decoded text).
 *
 * @example
 * const tok = await T5Tokenizer.fromPretrained('google-t5/t5-small'); // or a local folder
 * tok.encode('How many singers do we have?'); // [571, 186, 7634, 7, 103, 62, 43, 58, 1]
 * const batch = tok.encodeBatch(['question one', 'two'], { maxLength: 512 });
 * tok.decode([0, 1738, 3476, 1], { skipSpecialTokens: true });
 */
export class T5Tokenizer {
  readonly padTokenId: number;
  readonly eosTokenId: number;
  readonly unkTokenId: number;
  /** Pieces plus added tokens (32,100 for T5; the model's embedding may have more rows). */
  readonly vocabSize: number;
  private readonly inner: Tokenizer;
  private readonly idToToken: string[];
  private readonly specialIds: Set<number>;
  private readonly decoderConfig: { type?: string; replacement?: string; prepend_scheme?: string } | null;
  private readonly cleanUp: boolean;

  /**
   * @param tokenizerJson parsed tokenizer.json
   * @param tokenizerConfig parsed tokenizer_config.json (special_tokens_map.json merged in)
   * @param source the file the JSON came from (or a folder / repo id), named in error messages
   */
  constructor(
    tokenizerJson: TokenizerJson,
    tokenizerConfig: TokenizerConfigJson = {},
    source = 'tokenizer.json',
  ) {
    if (tokenizerJson?.model?.type !== 'Unigram') {
      throw new TokenizerError(
        `${source}: model.type is "${tokenizerJson?.model?.type}"; T5Tokenizer expects "Unigram"`,
      );
    }
    const libraryConfig = {
      ...tokenizerConfig,
      eos_token: tokenContent(tokenizerConfig.eos_token),
      pad_token: tokenContent(tokenizerConfig.pad_token),
      unk_token: tokenContent(tokenizerConfig.unk_token),
      additional_special_tokens: (tokenizerConfig.additional_special_tokens ?? []).map(tokenContent),
    };
    try {
      this.inner = new Tokenizer(tokenizerJson, libraryConfig);
    } catch (error) {
      // The library's messages ("Tokenizer must contain a "decoder" property") do not say which file.
      throw new TokenizerError(`${source}: not a usable tokenizer.json (${(error as Error).message})`, {
        cause: error,
      });
    }
    // Swap in the exact charsmap normaliser and Metaspace splitting (see build-normalizer.ts, metaspace-split.ts).
    const normalize = buildNormalizer(tokenizerJson.normalizer, source);
    (this.inner as unknown as { normalizer: unknown }).normalizer = normalize;
    if (hasSplittingMetaspace(tokenizerJson.pre_tokenizer)) {
      const inner = this.inner as unknown as { pre_tokenizer: PreTokenizeFn | null };
      const base = inner.pre_tokenizer;
      if (base)
        inner.pre_tokenizer = (text, options) => base(text, options).flatMap((w) => splitOnMetaspace(w));
    }

    const vocab = tokenizerJson.model.vocab as [string, number][];
    if (
      !Array.isArray(vocab) ||
      !vocab.every((entry) => Array.isArray(entry) && typeof entry[0] === 'string')
    ) {
      throw new TokenizerError(`${source}: model.vocab must be a list of [piece, score] pairs`);
    }
    this.idToToken = vocab.map(([piece]) => piece);
    this.specialIds = new Set();
    for (const t of tokenizerJson.added_tokens ?? []) {
      this.idToToken[t.id] = t.content;
      if (t.special) this.specialIds.add(t.id);
    }
    this.vocabSize = this.idToToken.length;
    const idOf = (field: 'eos_token' | 'pad_token' | 'unk_token', fallback: string): number => {
      const content = tokenContent(tokenizerConfig[field]) ?? fallback;
      const id = this.inner.token_to_id(content);
      if (id === undefined)
        throw new TokenizerError(`${source}: ${field} "${content}" is not in the vocabulary`);
      return id;
    };
    this.eosTokenId = idOf('eos_token', '</s>');
    this.padTokenId = idOf('pad_token', '<pad>');
    this.unkTokenId = idOf('unk_token', '<unk>');
    this.decoderConfig = tokenizerJson.decoder as T5Tokenizer['decoderConfig'];
    // transformers' default is false since 4.45; T5's hub configs often set true.
    this.cleanUp = tokenizerConfig.clean_up_tokenization_spaces ?? false;
  }

  /**
   * Loads `tokenizer.json` + `tokenizer_config.json` (+ `special_tokens_map.json`) from a local folder or a hub
   * repo; when there is no tokenizer.json, converts `spiece.model`.
   */
  static async fromPretrained(
    dirOrRepoId: string,
    options: T5TokenizerFromPretrainedOptions = {},
  ): Promise<T5Tokenizer> {
    const readJson = async (
      name: string,
    ): Promise<{ path: string; json: Record<string, unknown> } | null> => {
      const path = await resolveFile(dirOrRepoId, name, options);
      if (path === null) return null;
      return { path, json: (await readJsonFile(path)) as Record<string, unknown> };
    };
    const specialTokensMap = (await readJson('special_tokens_map.json'))?.json ?? {};
    const tokenizerConfig = {
      ...specialTokensMap,
      ...((await readJson('tokenizer_config.json'))?.json ?? {}),
    };
    const tokenizerFile = await readJson('tokenizer.json');
    if (tokenizerFile !== null) {
      // The resolved path names the file (a hub repo's sits in the cache), so errors point at it.
      return new T5Tokenizer(
        tokenizerFile.json as unknown as TokenizerJson,
        tokenizerConfig,
        tokenizerFile.path,
      );
    }
    const spiecePath = await resolveFile(dirOrRepoId, 'spiece.model', options);
    if (spiecePath === null) {
      throw new TokenizerError(`${dirOrRepoId}: found neither tokenizer.json nor spiece.model`);
    }
    const model = parseSentencePieceModel(new Uint8Array(await readFile(spiecePath)), spiecePath);
    const converted = sentencePieceToTokenizerJson(model, {
      extraIds: typeof tokenizerConfig.extra_ids === 'number' ? tokenizerConfig.extra_ids : 100,
      source: spiecePath,
    });
    return new T5Tokenizer(
      converted.tokenizerJson,
      { ...converted.tokenizerConfig, ...tokenizerConfig },
      spiecePath,
    );
  }

  /** Token ids of `text` with `</s>` appended, as HF T5 returns `input_ids`. */
  encode(text: string): number[] {
    if (typeof text !== 'string')
      throw new TokenizerError(`T5Tokenizer.encode: expected a string, found ${typeof text}`);
    return this.inner.encode(text).ids;
  }

  /** Encodes, truncates and pads a batch (right padding with the pad id). */
  encodeBatch(texts: string[], options: EncodeBatchOptions = {}): BatchEncoding {
    const { maxLength } = options;
    const padding = options.padding ?? true;
    const truncation = options.truncation ?? maxLength !== undefined;
    if ((truncation || padding === 'max_length') && maxLength === undefined) {
      throw new TokenizerError(
        'T5Tokenizer.encodeBatch: truncation and padding "max_length" need options.maxLength',
      );
    }
    if (maxLength !== undefined && (!Number.isInteger(maxLength) || maxLength < 1)) {
      throw new TokenizerError(
        `T5Tokenizer.encodeBatch: maxLength must be a positive integer, found ${maxLength}`,
      );
    }
    const rows = texts.map((text) => {
      const ids = this.encode(text);
      if (truncation && maxLength !== undefined && ids.length > maxLength) {
        // HF truncates the text's tokens and then appends </s>, so the row still ends with it.
        return [...ids.slice(0, maxLength - 1), this.eosTokenId];
      }
      return ids;
    });
    let target = 0;
    if (padding === true || padding === 'longest') target = Math.max(0, ...rows.map((r) => r.length));
    else if (padding === 'max_length') target = maxLength as number;
    const inputIds = rows.map((r) => [
      ...r,
      ...new Array(Math.max(0, target - r.length)).fill(this.padTokenId),
    ]);
    const attentionMask = rows.map((r) => [
      ...new Array(r.length).fill(1),
      ...new Array(Math.max(0, target - r.length)).fill(0),
    ]);
    return { inputIds, attentionMask };
  }

  /** Ids → text, equal to `T5TokenizerFast.decode`. Ids outside the vocabulary are dropped, as HF does. */
  decode(ids: ArrayLike<number>, options: DecodeOptions = {}): string {
    const tokens: string[] = [];
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (!Number.isInteger(id) || id < 0) {
        throw new TokenizerError(
          `T5Tokenizer.decode: ids[${i}] is ${id}; expected a non-negative integer token id`,
        );
      }
      const token = this.idToToken[id];
      if (token === undefined) continue;
      if (options.skipSpecialTokens && this.specialIds.has(id)) continue;
      tokens.push(token);
    }
    const d = this.decoderConfig;
    const text =
      d?.type === 'Metaspace'
        ? metaspaceDecode(tokens, d.replacement ?? '\u2581', d.prepend_scheme ?? 'always')
        : tokens.length === 0
          ? ''
          : ((this.inner.decoder as unknown as ((t: string[]) => string) | null)?.(tokens) ??
            tokens.join(' '));
    return (options.cleanUpTokenizationSpaces ?? this.cleanUp) ? cleanUpTokenization(text) : text;
  }

  /** {@link decode} for each row. */
  batchDecode(rows: ArrayLike<number>[], options: DecodeOptions = {}): string[] {
    return Array.from(rows, (row) => this.decode(row, options));
  }

  /** The id of a token string, or undefined. */
  tokenToId(token: string): number | undefined {
    return this.inner.token_to_id(token);
  }

  /** The token string of an id, or undefined outside the vocabulary. */
  idToTokenString(id: number): string | undefined {
    return this.idToToken[id];
  }
}
