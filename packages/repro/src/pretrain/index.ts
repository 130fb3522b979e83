export {
  packTokenStreams,
  randomSpansNoiseMask,
  spanCorrupt,
  type SpanCorruptedExample,
  type SpanCorruptionOptions,
} from './span-corruption.js';
