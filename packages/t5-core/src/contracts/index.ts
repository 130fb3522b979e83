export type {
  ForwardContext,
  ForwardOptions,
  Seq2SeqBatch,
  Seq2SeqOutput,
  TokenIds,
  TrainableSeq2Seq,
} from './seq2seq.js';
export type { DecoderCache, DecoderLayerCache, IncrementalSeq2Seq } from './incremental-decoding.js';
export { type IdRange, toIdTensor } from './token-ids.js';
