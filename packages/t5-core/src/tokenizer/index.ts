export { assertTokenizerFitsModel } from './assert-tokenizer-fits-model.js';
export { buildNormalizer, type NormalizeFn } from './build-normalizer.js';
export { cleanUpTokenization, metaspaceDecode } from './decode-tokens.js';
export { hasSplittingMetaspace, splitOnMetaspace } from './metaspace-split.js';
export { PrecompiledCharsmap } from './precompiled-charsmap.js';
export { type ProtoField, readProtoFields } from './protobuf-reader.js';
export {
  PieceType,
  parseSentencePieceModel,
  type SentencePiece,
  type SentencePieceModel,
  type SentencePieceNormalizerSpec,
  type SentencePieceTrainerSpec,
} from './sentencepiece-model.js';
export {
  type SentencePieceConversionOptions,
  sentencePieceToTokenizerJson,
} from './sentencepiece-to-tokenizer-json.js';
export {
  type BatchEncoding,
  type DecodeOptions,
  type EncodeBatchOptions,
  T5Tokenizer,
  type T5TokenizerFromPretrainedOptions,
} from './t5-tokenizer.js';
export {
  type AddedTokenJson,
  type TokenizerConfigJson,
  type TokenizerJson,
  tokenContent,
} from './tokenizer-json.js';
