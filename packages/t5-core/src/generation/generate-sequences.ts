// The generation entry points: HF `generate()` for encoder-decoder models over the IncrementalSeq2Seq seam.
import * as tf from '@tensorflow/tfjs-core';
import { readTensorData } from '../backend/device-health.js';
import type { IncrementalSeq2Seq, TokenIds } from '../contracts/index.js';
import { toIdTensor } from '../contracts/token-ids.js';
import { ShapeError } from '../errors/t5-core-error.js';
import { beamSearch } from './beam-search.js';
import { DecoderSession } from './decoder-session.js';
import { type GenerateOptions, resolveGenerateOptions } from './generate-options.js';
import type { GenerationOutput } from './generation-output.js';
import { greedySearch } from './greedy-search.js';

/**
 * Generates like transformers' `generate()` and also returns beam scores and, with `returnScores`, the per-step
 * logits and processed scores (for parity checks).
 *
 * @example
 * const out = await generateWithScores(model, batch.inputIds, { attentionMask: batch.attentionMask, maxNewTokens: 64, numBeams: 4 });
 * out.sequences; // [[0, ...], ...]
 * out.scores;    // HF sequences_scores
 */
export async function generateWithScores(
  model: IncrementalSeq2Seq,
  inputIds: TokenIds,
  options: GenerateOptions,
): Promise<GenerationOutput> {
  const resolved = resolveGenerateOptions(options);
  const ids = toIdTensor(inputIds, 'inputIds', { vocabSize: model.vocabSize });
  let mask: tf.Tensor2D | null = null;
  let session: DecoderSession | null = null;
  try {
    mask =
      options.attentionMask !== undefined
        ? toIdTensor(options.attentionMask, 'attentionMask')
        : await defaultMask(ids, model);
    if (mask.shape[0] !== ids.shape[0] || mask.shape[1] !== ids.shape[1]) {
      throw new ShapeError(`generate: attentionMask has shape [${mask.shape}], inputIds [${ids.shape}]`);
    }
    const beams = resolved.numBeams > 1;
    const expand = beams ? resolved.numBeams : resolved.numReturnSequences;
    session = new DecoderSession(model, ids, mask, expand, resolved.useCache);
    const special = {
      decoderStartTokenId: model.decoderStartTokenId,
      eosTokenId: model.eosTokenId,
      padTokenId: model.padTokenId,
    };
    return beams
      ? await beamSearch(session, special, resolved)
      : await greedySearch(session, special, resolved);
  } finally {
    session?.dispose();
    mask?.dispose();
    ids.dispose();
  }
}

/**
 * Generates token ids for a batch exactly as transformers' `model.generate(...)` returns `sequences`: each row
 * starts with the decoder start token; greedy/sampled rows that finished are padded with the pad id; beam search
 * returns `numReturnSequences` rows per input, best first. `T5ForConditionalGeneration.generate()` calls this.
 *
 * @example
 * const batch = tokenizer.encodeBatch(['translate English to SQL: how many singers?']);
 * const out = await generateSequences(model, batch.inputIds, {
 *   attentionMask: batch.attentionMask,
 *   maxNewTokens: 64,
 *   numBeams: 4,
 *   lengthPenalty: 0.6,
 *   earlyStopping: true,
 * });
 * tokenizer.batchDecode(out, { skipSpecialTokens: true });
 */
export async function generateSequences(
  model: IncrementalSeq2Seq,
  inputIds: TokenIds,
  options: GenerateOptions,
): Promise<number[][]> {
  return (await generateWithScores(model, inputIds, { ...options, returnScores: false })).sequences;
}

/** HF `_prepare_attention_mask_for_generation`: mask out pad ids when pad is present and differs from EOS. */
async function defaultMask(ids: tf.Tensor2D, model: IncrementalSeq2Seq): Promise<tf.Tensor2D> {
  const isPad = tf.equal(ids, model.padTokenId);
  try {
    let usePad = false;
    if (model.padTokenId !== model.eosTokenId) {
      const any = tf.any(isPad);
      usePad = (await readTensorData(any))[0] === 1;
      any.dispose();
    }
    return tf.tidy(() => (usePad ? tf.cast(tf.logicalNot(isPad), 'int32') : tf.onesLike(ids)) as tf.Tensor2D);
  } finally {
    isPad.dispose();
  }
}
