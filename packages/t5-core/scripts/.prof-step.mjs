import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { T5ForConditionalGeneration, registerTrainingGradients, registerWasmTrainingKernels } from '../dist/index.js';
const [B, S, T] = [Number(process.argv[2] ?? 8), Number(process.argv[3] ?? 64), Number(process.argv[4] ?? 32)];
registerTrainingGradients(); registerWasmTrainingKernels();
await tf.setBackend('wasm'); await tf.ready();
const stats = new Map(); let peak = 0;
if (process.env.NATIVE_ID) { const id = tf.getKernel('Identity','wasm'); }
for (const cfg of tf.getKernelsForBackend('wasm')) {
  const f = cfg.kernelFunc;
  cfg.kernelFunc = (args) => {
    const t0 = performance.now(); const r = f(args); const dt = performance.now() - t0; const nb = tf.engine().state.numBytes; if (nb > peak) { peak = nb; globalThis.peakAt = cfg.kernelName + ' #' + (globalThis.kidx ?? 0); } globalThis.kidx = (globalThis.kidx ?? 0) + 1; if (cfg.kernelName === 'Exp' && !globalThis.expSeen) { globalThis.expSeen = 1; console.log('at first Exp live MiB', (nb/2**20).toFixed(0), 'kidx', globalThis.kidx); }
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
  console.log('heap MiB', (tf.backend().wasm.HEAPU8.buffer.byteLength/2**20).toFixed(0), 'step ms', (performance.now() - t0).toFixed(0), 'tensors', tf.memory().numTensors, 'peak live MiB', (peak/2**20).toFixed(0)); console.log('peak at', globalThis.peakAt, 'of', globalThis.kidx); globalThis.kidx = 0; globalThis.expSeen = 0; peak = 0; (0);
}
const rows = [...stats].sort((a, b) => b[1].ms - a[1].ms);
let tot = 0; for (const [, s] of rows) tot += s.ms;
console.log('kernel total ms', tot.toFixed(0));
for (const [k, s] of rows.slice(0, 45)) console.log(s.ms.toFixed(1).padStart(8), String(s.n).padStart(5), k);
model.dispose();
