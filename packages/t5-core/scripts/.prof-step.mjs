import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { T5ForConditionalGeneration, registerTrainingGradients, registerWasmTrainingKernels } from '../dist/index.js';
const [B, S, T] = [Number(process.argv[2] ?? 8), Number(process.argv[3] ?? 64), Number(process.argv[4] ?? 32)];
registerTrainingGradients(); registerWasmTrainingKernels();
await tf.setBackend('wasm'); await tf.ready();
const stats = new Map();
for (const cfg of tf.getKernelsForBackend('wasm')) {
  const f = cfg.kernelFunc;
  cfg.kernelFunc = (args) => {
    const t0 = performance.now(); const r = f(args); const dt = performance.now() - t0;
    let key = cfg.kernelName;
    if (key === 'BatchMatMul' || key==='_FusedMatMul') key += `[tA=${!!args.attrs.transposeA},tB=${!!args.attrs.transposeB}] ${args.inputs.a.shape}x${args.inputs.b.shape}`;
    if (key === 'Transpose') key += ` ${args.inputs.x.shape} perm ${args.attrs.perm}`;
    const s = stats.get(key) ?? { n: 0, ms: 0 }; s.n++; s.ms += dt; stats.set(key, s);
    return r;
  };
}
const model = T5ForConditionalGeneration.fromConfig({}, { seed: 0 });
const ids = Array.from({ length: B }, (_, b) => Array.from({ length: S }, (_, i) => ((i * 7 + b) % 32000) + 2));
const labels = Array.from({ length: B }, (_, b) => Array.from({ length: T }, (_, i) => ((i * 11 + b) % 32000) + 2));
const variables = [...model.namedTrainableVariables().values()];
for (let i = 0; i < 2; i++) {
  stats.clear();
  const t0 = performance.now();
  const { value, grads } = tf.variableGrads(() => model.forward({ inputIds: ids, labels }, { training: true, seed: i }).loss, variables);
  await value.data();
  tf.dispose([value, ...Object.values(grads)]);
  console.log('step ms', (performance.now() - t0).toFixed(0), 'tensors', tf.memory().numTensors, 'peakish', (tf.memory().numBytes/2**20).toFixed(0),'MiB');
}
const rows = [...stats].sort((a, b) => b[1].ms - a[1].ms);
let tot = 0; for (const [, s] of rows) tot += s.ms;
console.log('kernel total ms', tot.toFixed(0));
for (const [k, s] of rows.slice(0, 45)) console.log(s.ms.toFixed(1).padStart(8), String(s.n).padStart(5), k);
model.dispose();
