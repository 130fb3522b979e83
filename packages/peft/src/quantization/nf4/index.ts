export { quantize4bit, type Quantize4bitOptions } from './quantize-4bit.js';
export { dequantize4bit, dequantize4bitTransposed, blockAbsmax } from './dequantize-4bit.js';
export { type QuantState4bit, NESTED_BLOCKSIZE, isDoubleQuantized, quantStateBytes } from './quant-state.js';
export { compressAbsmax, decompressAbsmax, type CompressedAbsmax } from './double-quant.js';
export { torchSumFloat32, torchMeanFloat32 } from './torch-sum.js';
export {
  NF4_CODE,
  NF4_BOUNDS,
  DYNAMIC_CODE,
  DYNAMIC_BOUNDS,
  createDynamicMap,
  codeMidpoints,
} from './tables.js';
export {
  quantizeBlockwise,
  dequantizeBlockwise,
  bucketIndex,
  MIN_SCALE,
  type BlockwiseCodes,
} from './blockwise.js';
