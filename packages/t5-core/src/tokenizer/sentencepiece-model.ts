import { TokenizerError } from '../errors/t5-core-error.js';
// Reads a SentencePiece `ModelProto` (`spiece.model`): the pieces with scores and types, the trainer ids and the
// normalizer spec. Field numbers follow sentencepiece_model.proto.
import { type ProtoField, readProtoFields, toFloat32, toInt32 } from './protobuf-reader.js';

/** `SentencePiece.Type` from sentencepiece_model.proto. */
export const PieceType = {
  NORMAL: 1,
  UNKNOWN: 2,
  CONTROL: 3,
  USER_DEFINED: 4,
  UNUSED: 5,
  BYTE: 6,
} as const;

/** One vocabulary entry of a SentencePiece model. */
export interface SentencePiece {
  piece: string;
  /** Log-probability for unigram models (float32 on disk). */
  score: number;
  /** One of {@link PieceType}; NORMAL when absent. */
  type: number;
}

/** The TrainerSpec fields tokenisation needs (ids of the special pieces, model type). */
export interface SentencePieceTrainerSpec {
  /** 1 = UNIGRAM, 2 = BPE, 3 = WORD, 4 = CHAR. */
  modelType: number;
  unkId: number;
  bosId: number;
  eosId: number;
  padId: number;
  byteFallback: boolean;
  treatWhitespaceAsSuffix: boolean;
}

/** NormalizerSpec: the precompiled normalisation rules and whitespace flags. */
export interface SentencePieceNormalizerSpec {
  name: string;
  /** Double-array trie plus replacement strings; empty when the model uses no normalisation rules. */
  precompiledCharsmap: Uint8Array;
  addDummyPrefix: boolean;
  removeExtraWhitespaces: boolean;
  escapeWhitespaces: boolean;
}

/** A parsed `spiece.model`. */
export interface SentencePieceModel {
  pieces: SentencePiece[];
  trainerSpec: SentencePieceTrainerSpec;
  normalizerSpec: SentencePieceNormalizerSpec;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function expectWire(f: ProtoField, wire: number, where: string): void {
  if (f.wireType !== wire) {
    throw new TokenizerError(
      `${where}: field ${f.fieldNumber} expected wire type ${wire}, found ${f.wireType}`,
    );
  }
}

function varintOf(f: ProtoField, where: string): number {
  expectWire(f, 0, where);
  return f.value as number;
}

function bytesOf(f: ProtoField, where: string): Uint8Array {
  expectWire(f, 2, where);
  return f.value as Uint8Array;
}

function readPiece(bytes: Uint8Array, where: string): SentencePiece {
  const out: SentencePiece = { piece: '', score: 0, type: PieceType.NORMAL };
  for (const f of readProtoFields(bytes, where)) {
    if (f.fieldNumber === 1) out.piece = utf8.decode(bytesOf(f, where));
    else if (f.fieldNumber === 2) {
      expectWire(f, 5, where);
      out.score = toFloat32(f.value as Uint8Array);
    } else if (f.fieldNumber === 3) out.type = varintOf(f, where);
  }
  return out;
}

function readTrainerSpec(bytes: Uint8Array, where: string): SentencePieceTrainerSpec {
  // Defaults are the proto2 defaults declared in sentencepiece_model.proto.
  const spec: SentencePieceTrainerSpec = {
    modelType: 1,
    unkId: 0,
    bosId: 1,
    eosId: 2,
    padId: -1,
    byteFallback: false,
    treatWhitespaceAsSuffix: false,
  };
  for (const f of readProtoFields(bytes, where)) {
    switch (f.fieldNumber) {
      case 3:
        spec.modelType = varintOf(f, where);
        break;
      case 24:
        spec.treatWhitespaceAsSuffix = varintOf(f, where) !== 0;
        break;
      case 35:
        spec.byteFallback = varintOf(f, where) !== 0;
        break;
      case 40:
        spec.unkId = toInt32(varintOf(f, where));
        break;
      case 41:
        spec.bosId = toInt32(varintOf(f, where));
        break;
      case 42:
        spec.eosId = toInt32(varintOf(f, where));
        break;
      case 43:
        spec.padId = toInt32(varintOf(f, where));
        break;
    }
  }
  return spec;
}

function readNormalizerSpec(bytes: Uint8Array, where: string): SentencePieceNormalizerSpec {
  const spec: SentencePieceNormalizerSpec = {
    name: '',
    precompiledCharsmap: new Uint8Array(0),
    addDummyPrefix: true,
    removeExtraWhitespaces: true,
    escapeWhitespaces: true,
  };
  for (const f of readProtoFields(bytes, where)) {
    switch (f.fieldNumber) {
      case 1:
        spec.name = utf8.decode(bytesOf(f, where));
        break;
      case 2:
        spec.precompiledCharsmap = bytesOf(f, where).slice();
        break;
      case 3:
        spec.addDummyPrefix = varintOf(f, where) !== 0;
        break;
      case 4:
        spec.removeExtraWhitespaces = varintOf(f, where) !== 0;
        break;
      case 5:
        spec.escapeWhitespaces = varintOf(f, where) !== 0;
        break;
    }
  }
  return spec;
}

/**
 * Parses a serialized SentencePiece `ModelProto`.
 *
 * @param bytes the contents of `spiece.model`
 * @param source file name used in error messages
 * @example
 * const model = parseSentencePieceModel(await readFile('spiece.model'), 'spiece.model');
 * model.pieces[3]; // { piece: '▁', score: -2.0122..., type: 1 }
 */
export function parseSentencePieceModel(bytes: Uint8Array, source = 'spiece.model'): SentencePieceModel {
  let trainerSpec = readTrainerSpec(new Uint8Array(0), source);
  let normalizerSpec = readNormalizerSpec(new Uint8Array(0), source);
  const pieces: SentencePiece[] = [];
  for (const f of readProtoFields(bytes, `${source}: ModelProto`)) {
    if (f.fieldNumber === 1) {
      const where = `${source}: ModelProto.pieces[${pieces.length}]`;
      pieces.push(readPiece(bytesOf(f, where), where));
    } else if (f.fieldNumber === 2) {
      trainerSpec = readTrainerSpec(bytesOf(f, source), `${source}: ModelProto.trainer_spec`);
    } else if (f.fieldNumber === 3) {
      normalizerSpec = readNormalizerSpec(bytesOf(f, source), `${source}: ModelProto.normalizer_spec`);
    }
  }
  if (pieces.length === 0)
    throw new TokenizerError(`${source}: ModelProto has no pieces; is this a SentencePiece model?`);
  return { pieces, trainerSpec, normalizerSpec };
}
