// The full teacher-forced pass: ids → encoder → decoder (over the labels shifted right) → logits and loss.
import * as tf from '@tensorflow/tfjs-core';
import type {
  ForwardContext,
  ForwardOptions,
  Seq2SeqBatch,
  Seq2SeqOutput,
  TokenIds,
} from '../contracts/index.js';
import { toIdTensor } from '../contracts/token-ids.js';
import { ShapeError } from '../errors/t5-core-error.js';
import { IGNORE_INDEX, seq2seqLoss } from './seq2seq-loss.js';
import { shiftTokensRight } from './shift-tokens-right.js';
import { paddingMaskBias } from './t5-attention.js';
import type { T5Modules } from './t5-modules.js';
import type { StackTrace } from './t5-stack.js';

/** Forward options plus the extra outputs the parity tests compare with HF. */
export interface T5ForwardOptions extends ForwardOptions {
  /** Also return hidden states and layer-0 position biases (HF `output_hidden_states`). Default false. */
  outputHiddenStates?: boolean;
}

/** `forward`'s result; the optional tensors are present with `outputHiddenStates`. */
export interface T5Seq2SeqOutput extends Seq2SeqOutput {
  /** `[batch, src_len, d_model]` */
  encoderLastHiddenState?: tf.Tensor3D;
  /** Embedding output, each block's output but the last, the final-norm output (HF's order). */
  encoderHiddenStates?: tf.Tensor3D[];
  decoderHiddenStates?: tf.Tensor3D[];
  /** Layer 0's relative position bias, no mask: `[1, heads, len, len]`. */
  encoderPositionBias?: tf.Tensor4D;
  /** Decoder layer 0's bias; with a prefix, `[1, heads, tgt_len, prefix + tgt_len]`. */
  decoderPositionBias?: tf.Tensor4D;
}

/**
 * Runs `batch` through `modules` in one `tidy`: the returned tensors belong to the caller. Decoder inputs default
 * to the labels shifted right; `detailed` adds the hidden states and position biases of {@link T5Seq2SeqOutput}.
 */
export function t5Forward(
  modules: T5Modules,
  batch: Seq2SeqBatch | (Omit<Seq2SeqBatch, 'labels'> & { labels?: TokenIds }),
  ctx: ForwardContext,
  detailed: boolean,
): T5Seq2SeqOutput {
  const { config } = modules;
  return tf.tidy(() => {
    // Arrays are checked against vocab_size on the CPU (a too-large tokenizer); tensors are not read back.
    const vocab = { vocabSize: config.vocab_size };
    const inputIds = toIdTensor(batch.inputIds, 'inputIds', vocab); // [batch, src_len]
    const [batchSize, srcLength] = inputIds.shape;
    const mask: tf.Tensor2D =
      batch.attentionMask === undefined
        ? tf.ones([batchSize, srcLength], 'int32')
        : toIdTensor(batch.attentionMask, 'attentionMask');
    if (mask.shape[0] !== batchSize || mask.shape[1] !== srcLength) {
      throw new ShapeError(
        `attentionMask: expected shape [${batchSize}, ${srcLength}], found [${mask.shape}]`,
      );
    }
    const labels =
      batch.labels === undefined
        ? null
        : toIdTensor(batch.labels, 'labels', { ...vocab, ignoreIndex: IGNORE_INDEX }); // [batch, tgt_len]
    let decoderInputIds: tf.Tensor2D; // [batch, tgt_len]
    if (batch.decoderInputIds !== undefined)
      decoderInputIds = toIdTensor(batch.decoderInputIds, 'decoderInputIds', vocab);
    else if (labels !== null)
      decoderInputIds = shiftTokensRight(labels, config.decoder_start_token_id, config.pad_token_id);
    else throw new ShapeError('forward: give decoderInputIds or labels');
    if (decoderInputIds.shape[0] !== batchSize) {
      throw new ShapeError(
        `decoderInputIds: expected batch ${batchSize}, found shape [${decoderInputIds.shape}]`,
      );
    }
    const maskBias = paddingMaskBias(mask); // [batch, 1, 1, src_len]
    const encoderTrace: StackTrace | undefined = detailed ? { hiddenStates: [] } : undefined;
    const decoderTrace: StackTrace | undefined = detailed ? { hiddenStates: [] } : undefined;
    const encoderHidden = modules.encoder.forward(modules.embed(inputIds), maskBias, ctx, encoderTrace); // [batch, src_len, d_model]
    const cross = modules.decoder.blocks.map((block) => block.crossKeyValue(encoderHidden, ctx));
    const past = modules.prefixPast(batchSize, ctx);
    const { hidden } = modules.decoder.forward(
      modules.embed(decoderInputIds),
      cross,
      maskBias,
      past,
      ctx,
      decoderTrace,
    ); // [batch, tgt_len, d_model]
    const logits = modules.lmHead(hidden, ctx); // [batch, tgt_len, vocab]
    const out: T5Seq2SeqOutput = { logits };
    if (labels !== null) out.loss = seq2seqLoss(logits, labels);
    if (encoderTrace && decoderTrace) {
      out.encoderLastHiddenState = encoderHidden;
      out.encoderHiddenStates = encoderTrace.hiddenStates;
      out.decoderHiddenStates = decoderTrace.hiddenStates;
      out.encoderPositionBias = encoderTrace.positionBias;
      out.decoderPositionBias = decoderTrace.positionBias;
    }
    return out as unknown as tf.TensorContainer;
  }) as unknown as T5Seq2SeqOutput;
}
