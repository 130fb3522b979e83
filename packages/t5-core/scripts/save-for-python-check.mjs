// Saves random-weight models with savePretrained plus their logits/loss, for check-saved-with-transformers.py.
// Usage (from packages/t5-core, after `pnpm build`): node scripts/save-for-python-check.mjs /tmp/ts_saved
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { T5ForConditionalGeneration } from '../dist/index.js';

const out = process.argv[2] ?? '/tmp/ts_saved';
const batch = {
  inputIds: [
    [5, 6, 7, 1, 0],
    [9, 10, 11, 12, 1],
  ],
  attentionMask: [
    [1, 1, 1, 1, 0],
    [1, 1, 1, 1, 1],
  ],
  labels: [
    [8, 9, 1],
    [3, 1, -100],
  ],
};
const configs = {
  untied_gated_gelu: {
    vocab_size: 40,
    d_model: 24,
    d_kv: 10,
    num_heads: 3,
    d_ff: 32,
    num_layers: 2,
    num_decoder_layers: 3,
    feed_forward_proj: 'gated-gelu',
    tie_word_embeddings: false,
    relative_attention_num_buckets: 8,
    relative_attention_max_distance: 20,
  },
  tied_relu: {
    vocab_size: 40,
    d_model: 16,
    d_kv: 4,
    num_heads: 2,
    d_ff: 32,
    num_layers: 1,
    num_decoder_layers: 2,
  },
  tied_gelu_exact_torch_dtype: {
    vocab_size: 40,
    d_model: 16,
    d_kv: 8,
    num_heads: 4,
    d_ff: 24,
    num_layers: 2,
    feed_forward_proj: 'gated-gelu_python',
    torch_dtype: 'float32',
  },
};
await tf.setBackend('cpu');
for (const [name, config] of Object.entries(configs)) {
  const model = await T5ForConditionalGeneration.fromConfig(config, { seed: 99 });
  const dir = join(out, name);
  await model.savePretrained(dir);
  const { logits, loss } = model.forward(batch);
  writeFileSync(
    join(dir, 'ts_out.json'),
    JSON.stringify({ batch, logits: logits.arraySync(), loss: loss.dataSync()[0] }),
  );
  tf.dispose([logits, loss]);
  model.dispose();
  console.log('saved', dir);
}
