// tfjs-backend-wasm 4.22's Identity copies its input into a new buffer. tfjs-core runs Identity for every
// `tf.clone`, and clones every tensor a kernel saves for its gradient (`inputsToSave` / `outputsToSave`,
// `customGrad`'s `save`), so with the tape on each saved activation was stored twice (~1,460 copies per T5 step).
import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';

/** The part of the wasm backend a shared-buffer Identity needs (reshape shares buffers the same way). */
interface RefCountingBackend {
  incRef(dataId: object): void;
}

/**
 * Replaces wasm's Identity with one that shares the input's buffer and bumps its reference count, as the cpu
 * backend's Identity and wasm's own Reshape do. Safe because tfjs never writes into an existing buffer: kernels
 * write new outputs and `Variable.assign` swaps in a new buffer. Strings keep the native kernel. Returns the
 * config to register, or undefined when wasm has no Identity or it is already wrapped.
 */
export function wasmIdentityConfig(): KernelConfig | undefined {
  const native = tf.getKernel('Identity', 'wasm');
  if (native === undefined) return undefined;
  if ((native.kernelFunc as { t5sqlShared?: boolean }).t5sqlShared) return undefined;
  const kernelFunc: KernelFunc = (args) => {
    const { x } = args.inputs as { x: TensorInfo };
    if (x.dtype === 'string') return native.kernelFunc(args);
    (args.backend as unknown as RefCountingBackend).incRef(x.dataId);
    return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
  };
  (kernelFunc as { t5sqlShared?: boolean }).t5sqlShared = true;
  return { kernelName: 'Identity', backendName: 'wasm', kernelFunc, setupFunc: native.setupFunc };
}
