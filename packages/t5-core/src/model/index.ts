export {
  type FromConfigOptions,
  type FromPretrainedOptions,
  T5ForConditionalGeneration,
  type T5ForwardOptions,
  type T5Seq2SeqOutput,
} from './t5-for-conditional-generation.js';
export type { DecoderPrefix, DecoderPrefixProvider, LinearLayer } from './contracts.js';
export { DenseLinear } from './dense-linear.js';
export { createForwardContext } from './forward-context.js';
export { relativePositionBucket, relativePositionBuckets } from './relative-position-bucket.js';
export { t5LayerNorm } from './t5-layer-norm.js';
export { IGNORE_INDEX, seq2seqLoss } from './seq2seq-loss.js';
export { shiftTokensRight } from './shift-tokens-right.js';
export { initT5Weights } from './init-weights.js';
