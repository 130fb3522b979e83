import { TokenizerError } from '../errors/t5-core-error.js';
// Converts a SentencePiece unigram model into the tokenizer.json that transformers' T5Converter
// (convert_slow_tokenizer.py, 4.57) writes: the same vocabulary, scores, normaliser, pre-tokenizer,
// post-processor, decoder and added tokens, so a checkpoint that ships only `spiece.model` tokenizes the same.
import { PieceType, type SentencePieceModel } from './sentencepiece-model.js';
import type { AddedTokenJson, TokenizerConfigJson, TokenizerJson } from './tokenizer-json.js';

/** Options of {@link sentencePieceToTokenizerJson}. */
export interface SentencePieceConversionOptions {
  /** Number of `<extra_id_N>` sentinels appended after the pieces (T5: 100). */
  extraIds?: number;
  /** File name for error messages. */
  source?: string;
}

const METASPACE = '\u2581';

function addedToken(id: number, content: string, special: boolean): AddedTokenJson {
  return { id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special };
}

/**
 * Builds T5's tokenizer.json and a matching tokenizer_config.json from a parsed `spiece.model`.
 *
 * @throws when the model is not a unigram model or names no `</s>` piece
 * @example
 * const model = parseSentencePieceModel(await readFile('spiece.model'));
 * const { tokenizerJson, tokenizerConfig } = sentencePieceToTokenizerJson(model);
 * const tokenizer = new T5Tokenizer(tokenizerJson, tokenizerConfig);
 */
export function sentencePieceToTokenizerJson(
  model: SentencePieceModel,
  options: SentencePieceConversionOptions = {},
): { tokenizerJson: TokenizerJson; tokenizerConfig: TokenizerConfigJson } {
  const source = options.source ?? 'spiece.model';
  const extraIds = options.extraIds ?? 100;
  const { pieces, trainerSpec, normalizerSpec } = model;
  if (trainerSpec.modelType !== 1) {
    throw new TokenizerError(
      `${source}: trainer_spec.model_type is ${trainerSpec.modelType}; T5 needs 1 (UNIGRAM)`,
    );
  }
  const idOf = (id: number, what: string): string => {
    const piece = pieces[id];
    if (!piece)
      throw new TokenizerError(
        `${source}: trainer_spec.${what} is ${id}, outside the ${pieces.length} pieces`,
      );
    return piece.piece;
  };
  const unk = idOf(trainerSpec.unkId, 'unk_id');
  const eos = idOf(trainerSpec.eosId, 'eos_id');
  const pad = trainerSpec.padId >= 0 ? idOf(trainerSpec.padId, 'pad_id') : undefined;

  // Sentinels count down: <extra_id_99> takes the first id after the pieces, <extra_id_0> the last.
  const vocab: [string, number][] = pieces.map((p) => [p.piece, p.score]);
  const sentinels: string[] = [];
  for (let i = extraIds - 1; i >= 0; i--) {
    vocab.push([`<extra_id_${i}>`, 0]);
    sentinels.push(`<extra_id_${i}>`);
  }

  // Control and user-defined pieces become added tokens (control ones special); so do the special tokens the
  // T5 tokenizer declares (unk, eos, pad) and the sentinels.
  const specialContents = new Set([unk, eos, ...(pad === undefined ? [] : [pad])]);
  const added: AddedTokenJson[] = [];
  pieces.forEach((p, id) => {
    const special = p.type === PieceType.CONTROL || specialContents.has(p.piece);
    if (p.type === PieceType.CONTROL || p.type === PieceType.USER_DEFINED || special) {
      added.push(addedToken(id, p.piece, special));
    }
  });
  sentinels.forEach((content, i) => {
    added.push(addedToken(pieces.length + i, content, true));
  });
  added.sort((a, b) => a.id - b.id);

  const charsmap = normalizerSpec.precompiledCharsmap;
  const whitespace = [
    // Stripping trailing whitespace and collapsing runs of spaces mirror SentencePiece's remove_extra_whitespaces.
    { type: 'Strip', strip_left: false, strip_right: true },
    { type: 'Replace', pattern: { Regex: ' {2,}' }, content: METASPACE },
  ];
  const normalizer = {
    type: 'Sequence',
    normalizers:
      charsmap.length > 0
        ? [
            { type: 'Precompiled', precompiled_charsmap: Buffer.from(charsmap).toString('base64') },
            ...whitespace,
          ]
        : whitespace,
  };
  const metaspace = { type: 'Metaspace', replacement: METASPACE, prepend_scheme: 'always', split: true };
  const eosId = trainerSpec.eosId;
  const tokenizerJson: TokenizerJson = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: added,
    normalizer,
    pre_tokenizer: metaspace,
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: eos, type_id: 0 } }],
      pair: [
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: eos, type_id: 0 } },
        { Sequence: { id: 'B', type_id: 0 } },
        { SpecialToken: { id: eos, type_id: 0 } },
      ],
      special_tokens: { [eos]: { id: eos, ids: [eosId], tokens: [eos] } },
    },
    decoder: { ...metaspace },
    model: { type: 'Unigram', unk_id: trainerSpec.unkId, vocab, byte_fallback: trainerSpec.byteFallback },
  };
  const tokenizerConfig: TokenizerConfigJson = {
    eos_token: eos,
    unk_token: unk,
    ...(pad === undefined ? {} : { pad_token: pad }),
    extra_ids: extraIds,
    additional_special_tokens: [...sentinels].reverse(),
    clean_up_tokenization_spaces: false,
    tokenizer_class: 'T5Tokenizer',
  };
  return { tokenizerJson, tokenizerConfig };
}
