/**
 * @t5sql/t5-core: a T5 encoder-decoder on the TensorFlow.js API.
 *
 * @example
 * ```ts
 * import { T5ForConditionalGeneration, T5Tokenizer, selectBackend } from '@t5sql/t5-core';
 * await selectBackend(); // tfjs-node-gpu > tfjs-node > wasm > cpu, or T5SQL_BACKEND
 * const tokenizer = await T5Tokenizer.fromPretrained('t5-small');
 * const model = await T5ForConditionalGeneration.fromPretrained('t5-small');
 * const ids = tokenizer.encodeBatch(['translate English to SQL: how many singers?']);
 * const out = model.generate(ids.inputIds, { attentionMask: ids.attentionMask, maxNewTokens: 64, numBeams: 4 });
 * console.log(tokenizer.batchDecode(out, { skipSpecialTokens: true }));
 * ```
 * @packageDocumentation
 */
export * from './model/contracts.js';
export * from './config/index.js';
export * from './model/index.js';
export * from './checkpoint/index.js';
export * from './tokenizer/index.js';
export * from './generation/index.js';
export * from './training/index.js';
export * from './backend/index.js';
