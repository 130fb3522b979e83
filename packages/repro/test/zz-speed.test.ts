import * as tf from '@tensorflow/tfjs-core';
import { AdamW, T5ForConditionalGeneration, selectBackend } from '@t5sql/t5-core';
import { it } from 'vitest';

it('speed', async () => {
  await selectBackend({ prefer: process.env.B ?? 'wasm' });
  for (const dims of [
    { d_model: 128, d_ff: 512, d_kv: 32, num_heads: 4, num_layers: 2, num_decoder_layers: 2 },
    { d_model: 256, d_ff: 1024, d_kv: 32, num_heads: 8, num_layers: 3, num_decoder_layers: 3 },
  ]) {
    const model = T5ForConditionalGeneration.fromConfig({ ...dims, vocab_size: 32128, feed_forward_proj: 'gated-gelu', tie_word_embeddings: false }, { seed: 1 });
    const opt = new AdamW({});
    const B = Number(process.env.BS ?? 8), S = 160, T = 64;
    const ids = Array.from({ length: B }, (_, i) => Array.from({ length: S }, (_, j) => 5 + ((i * 31 + j * 7) % 30000)));
    const labels = Array.from({ length: B }, (_, i) => Array.from({ length: T }, (_, j) => 5 + ((i * 17 + j * 3) % 30000)));
    const vars = model.namedTrainableVariables();
    for (let step = 0; step < 4; step++) {
      const t0 = Date.now();
      const { value, grads } = tf.variableGrads(() => model.forward({ inputIds: ids, labels }, { training: true, seed: step }).loss!, [...vars.values()]);
      const gmap = new Map([...vars].map(([k, v]) => [k, grads[v.name]]));
      opt.applyGradients(vars, gmap, 1e-3);
      const loss = value.dataSync()[0];
      tf.dispose([value, ...Object.values(grads)]);
      console.log(JSON.stringify(dims), 'step', step, 'loss', loss.toFixed(3), 'ms', Date.now() - t0, 'tensors', tf.memory().numTensors);
    }
    opt.dispose(); model.dispose();
  }
}, 600000);
