import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
await tf.setBackend('wasm'); await tf.ready();
function time(name, f, n = 5) {
  f(); const t0 = performance.now(); for (let i = 0; i < n; i++) { const r = f(); r.dataSync(); r.dispose(); } console.log(name, ((performance.now() - t0) / n).toFixed(2), 'ms');
}
for (const [m, k, n] of [[512, 512, 512], [512, 2048, 512], [512,512,2048], [8, 512, 32128]]) {
  const dy = tf.randomNormal([m, n]); const w = tf.randomNormal([k, n]); const x = tf.randomNormal([m, k]);
  console.log(`dy[${m},${n}] W[${k},${n}]`);
  time(' dx: transpose+mm', () => tf.tidy(() => tf.matMul(dy, tf.transpose(w))));
  time(' dx: mm tB', () => tf.matMul(dy, w, false, true));
  time(' dW: transpose+mm', () => tf.tidy(() => tf.matMul(tf.transpose(x), dy)));
  time(' dW: mm tA', () => tf.matMul(x, dy, true, false));
  time(' dWt: mm(dyT... ) tA tB?', () => tf.tidy(()=>tf.matMul(tf.transpose(dy), x)));
  time(' fwd plain', () => tf.matMul(x, w.transpose().transpose()));
}
for (const [b,h,q,k,d] of [[8,8,64,64,64]]) {
  const Q = tf.randomNormal([b,h,q,d]); const K = tf.randomNormal([b,h,k,d]);
  time('attn qkT tB', () => tf.matMul(Q, K, false, true));
  time('attn q (kT explicit)', () => tf.tidy(()=>tf.matMul(Q, tf.transpose(K,[0,1,3,2]))));
  time('attn plain batched', () => tf.matMul(Q, K));
  time('attn 2D equivalent flops [4096,64]x[64,64]', () => tf.matMul(Q.reshape([-1,64]), K.reshape([-1,64]).slice([0,0],[64,64])));
}
