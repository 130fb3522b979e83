// Times one T5 forward and one forward+backward (all variables) on a backend, with t5-small's shape.
// Usage (from packages/t5-core, after `pnpm build`): node scripts/bench-train-step.mjs [wasm|cpu] [batch] [src] [tgt]
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { T5ForConditionalGeneration } from '../dist/index.js';
import { registerTrainingGradients, registerWasmTrainingKernels } from '../dist/internal/index.js';

const [backend = 'wasm', batch = '8', src = '64', tgt = '32'] = process.argv.slice(2);
const [B, S, T] = [Number(batch), Number(src), Number(tgt)];
registerTrainingGradients();
registerWasmTrainingKernels();
await tf.setBackend(backend);
await tf.ready();
// t5-small: d_model 512, 8 heads x 64, d_ff 2048, 6 + 6 layers, relu, tied, vocab 32128.
const model = await T5ForConditionalGeneration.fromConfig({}, { seed: 0 });
const ids = Array.from({ length: B }, (_, b) =>
  Array.from({ length: S }, (_, i) => ((i * 7 + b) % 32000) + 2),
);
const labels = Array.from({ length: B }, (_, b) =>
  Array.from({ length: T }, (_, i) => ((i * 11 + b) % 32000) + 2),
);
const variables = [...model.namedTrainableVariables().values()];
const times = { forward: [], step: [] };
for (let i = 0; i < 3; i++) {
  let t0 = performance.now();
  const out = model.forward({ inputIds: ids, labels });
  await out.loss.data();
  tf.dispose([out.logits, out.loss]);
  times.forward.push(performance.now() - t0);
  t0 = performance.now();
  const { value, grads } = tf.variableGrads(
    () => model.forward({ inputIds: ids, labels }, { training: true, seed: i }).loss,
    variables,
  );
  await value.data();
  tf.dispose([value, ...Object.values(grads)]);
  times.step.push(performance.now() - t0);
}
const median = (xs) => xs.sort((a, b) => a - b)[1].toFixed(0);
console.log(
  `t5-small shape, ${backend}, batch ${B} x src ${S} x tgt ${T}, ${model.numParameters()} params: ` +
    `forward ${median(times.forward)} ms, forward+backward ${median(times.step)} ms (median of 3)`,
);
model.dispose();
