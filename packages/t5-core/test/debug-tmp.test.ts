import { writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { it } from 'vitest';
import { T5ForConditionalGeneration } from '../src/index.js';
import { useBackend } from './support/backends.js';
it('save for python', async () => {
  await useBackend('cpu');
  const batch = { inputIds: [[5, 6, 7, 1, 0], [9, 10, 11, 12, 1]], attentionMask: [[1, 1, 1, 1, 0], [1, 1, 1, 1, 1]], labels: [[8, 9, 1], [3, 1, -100]] };
  const configs: Record<string, object> = {
    untied_gated_gelu: { vocab_size: 40, d_model: 24, d_kv: 10, num_heads: 3, d_ff: 32, num_layers: 2, num_decoder_layers: 3, feed_forward_proj: 'gated-gelu', tie_word_embeddings: false, relative_attention_num_buckets: 8, relative_attention_max_distance: 20 },
    tied_relu: { vocab_size: 40, d_model: 16, d_kv: 4, num_heads: 2, d_ff: 32, num_layers: 1, num_decoder_layers: 2, feed_forward_proj: 'relu' },
    tied_gelu_exact_torch_dtype: { vocab_size: 40, d_model: 16, d_kv: 8, num_heads: 4, d_ff: 24, num_layers: 2, feed_forward_proj: 'gated-gelu_python', torch_dtype: 'float32' },
  };
  for (const [name, cfg] of Object.entries(configs)) {
    const m = T5ForConditionalGeneration.fromConfig(cfg, { seed: 99 });
    await m.savePretrained(`/tmp/ts_saved/${name}`);
    const out = m.forward(batch);
    writeFileSync(`/tmp/ts_saved/${name}/ts_out.json`, JSON.stringify({ batch, logits: out.logits.arraySync(), loss: out.loss!.dataSync()[0] }));
    tf.dispose([out.logits, out.loss!]);
    m.dispose();
  }
});
