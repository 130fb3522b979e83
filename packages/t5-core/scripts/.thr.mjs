import * as wasm from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
wasm.setThreadsCount(2);
const t = setTimeout(() => { console.log('timeout'); process.exit(3); }, 20000);
try { console.log('set', await tf.setBackend('wasm')); await tf.ready(); console.log('threads', wasm.getThreadsCount());
const a = tf.randomNormal([512,2048]); const b = tf.randomNormal([2048,512]);
for (let i=0;i<3;i++){const t0=performance.now(); const c=tf.matMul(a,b); c.dataSync(); c.dispose(); console.log((performance.now()-t0).toFixed(1));}
} catch (e) { console.log('ERR', e?.message ?? e); }
clearTimeout(t); process.exit(0);
