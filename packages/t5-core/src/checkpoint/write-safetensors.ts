// safetensors writer (F32), laid out like the Python `safetensors` library writes it.
import { writeFileAtomic } from '@t5sql/common';
import { CheckpointError } from '../errors/t5-core-error.js';

/** A float32 tensor to store. */
export interface TensorToSave {
  shape: number[];
  data: Float32Array;
}

/**
 * Serialises tensors as safetensors bytes: keys sorted, F32, the header padded with spaces to a multiple of 8.
 */
export function serializeSafetensors(
  tensors: Map<string, TensorToSave>,
  metadata?: Record<string, string>,
): Uint8Array {
  const keys = [...tensors.keys()].sort();
  const header: Record<string, unknown> = {};
  if (metadata !== undefined) header.__metadata__ = metadata;
  let offset = 0;
  for (const key of keys) {
    const { shape, data } = tensors.get(key)!;
    const count = shape.reduce((a, b) => a * b, 1);
    if (count !== data.length) {
      throw new CheckpointError(
        `tensor "${key}": shape [${shape}] holds ${count} values, data has ${data.length}`,
      );
    }
    header[key] = { dtype: 'F32', shape, data_offsets: [offset, offset + data.byteLength] };
    offset += data.byteLength;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - ((8 + Buffer.byteLength(json)) % 8)) % 8);
  const headerBytes = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + headerBytes.byteLength + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.byteLength), true);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.byteLength;
  for (const key of keys) {
    const { data } = tensors.get(key)!;
    out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), at);
    at += data.byteLength;
  }
  return out;
}

/**
 * Writes a safetensors file atomically (temporary name, then rename).
 *
 * @example
 * ```ts
 * await writeSafetensors('adapter_model.safetensors', new Map([['w', { shape: [2], data: new Float32Array([1, 2]) }]]), {
 *   format: 'pt',
 * });
 * ```
 */
export async function writeSafetensors(
  path: string,
  tensors: Map<string, TensorToSave>,
  metadata?: Record<string, string>,
): Promise<void> {
  await writeFileAtomic(path, serializeSafetensors(tensors, metadata));
}
