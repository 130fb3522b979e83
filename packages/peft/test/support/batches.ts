// Test support: the batches every adapter suite feeds the shared fixture models, and the logits of one forward.
// The Python fixture scripts (scripts/make_t5sql_adapter_logits.py, fixtures/python-peft/make_fixtures.py) feed
// LOGITS_BATCH, so its values must not change.
import type { Seq2SeqBatch, Seq2SeqOutput, TokenIds } from '@t5sql/t5-core';
import * as tf from '@tensorflow/tfjs-core';

const INPUT_IDS = [
  [13, 27, 5, 99, 42, 8, 1],
  [64, 3, 77, 1, 0, 0, 0],
];
const ATTENTION_MASK = [
  [1, 1, 1, 1, 1, 1, 1],
  [1, 1, 1, 1, 0, 0, 0],
];

/** A training batch: two rows, the second right-padded; labels padded with -100. */
export const BATCH = {
  inputIds: INPUT_IDS,
  attentionMask: ATTENTION_MASK,
  labels: [
    [17, 45, 2, 110, 56, 1],
    [9, 33, 1, -100, -100, -100],
  ],
};

/** The batch behind the Python-made expected logits: the same encoder rows with explicit decoder inputs. */
export const LOGITS_BATCH = {
  inputIds: INPUT_IDS,
  attentionMask: ATTENTION_MASK,
  decoderInputIds: [
    [0, 17, 45, 2, 110],
    [0, 9, 33, 120, 6],
  ],
};

/** A batch with or without labels. */
export type AnyBatch = Omit<Seq2SeqBatch, 'labels'> & { labels?: TokenIds };

/** Anything with a seq2seq forward pass (a T5 model or a PeftModel). */
export interface Forwards {
  forward(batch: AnyBatch): Seq2SeqOutput;
}

/** The logits of one forward pass on `batch` (default {@link BATCH}), every output tensor disposed. */
export async function logitsOf(model: Forwards, batch: AnyBatch = BATCH): Promise<Float32Array> {
  const { logits, loss } = model.forward(batch);
  const out = Float32Array.from(await logits.data());
  tf.dispose(loss === undefined ? [logits] : [logits, loss]);
  return out;
}
