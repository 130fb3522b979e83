// safetensors reader: 8-byte little-endian header length, a JSON header, then the raw tensor bytes.
import { readFile } from 'node:fs/promises';
import { CheckpointError } from '../errors/t5-core-error.js';
import { bfloat16ToFloat32, float16ToFloat32 } from './half-precision.js';

/** One tensor read from a safetensors file, widened to float32. `dtype` is the dtype as stored. */
export interface SafeTensor {
  dtype: string;
  shape: number[];
  data: Float32Array;
}

const BYTES_PER_ELEMENT: Record<string, number> = { F32: 4, F16: 2, BF16: 2, F64: 8 };

/**
 * Reads every tensor of a safetensors file. F32, F16, BF16 (and F64) are returned as float32; the header is
 * validated (offsets inside the file, contiguous, sizes matching shapes) with errors naming the file and key.
 *
 * @example
 * ```ts
 * const tensors = await readSafetensors('adapter_model.safetensors');
 * tensors.get('base_model.model.encoder.block.0.layer.0.SelfAttention.q.lora_A.weight')?.shape; // [r, d_model]
 * ```
 */
export async function readSafetensors(path: string): Promise<Map<string, SafeTensor>> {
  const bytes = await readFile(path);
  return parseSafetensors(bytes, path);
}

/** The metadata of a safetensors header (`__metadata__`), or `{}`. */
export async function readSafetensorsMetadata(path: string): Promise<Record<string, string>> {
  const { metadata } = parseHeader(await readFile(path), path);
  return metadata;
}

interface HeaderEntry {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

function parseHeader(bytes: Uint8Array, path: string) {
  if (bytes.byteLength < 8)
    throw new CheckpointError(`${path}: not a safetensors file (${bytes.byteLength} bytes, header missing)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = Number(view.getBigUint64(0, true));
  if (headerLength > bytes.byteLength - 8) {
    throw new CheckpointError(
      `${path}: header length ${headerLength} exceeds the file size ${bytes.byteLength}`,
    );
  }
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)));
  } catch (error) {
    throw new CheckpointError(`${path}: header is not valid JSON (${(error as Error).message})`);
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) {
    throw new CheckpointError(`${path}: header must be a JSON object`);
  }
  const { __metadata__: metadata = {}, ...entries } = header as Record<string, unknown>;
  return { headerLength, metadata: metadata as Record<string, string>, entries };
}

/** Parses safetensors bytes already in memory; `path` names the source in errors. */
export function parseSafetensors(bytes: Uint8Array, path: string): Map<string, SafeTensor> {
  const { headerLength, entries } = parseHeader(bytes, path);
  const dataStart = 8 + headerLength;
  const dataLength = bytes.byteLength - dataStart;
  const out = new Map<string, SafeTensor>();
  const spans: Array<[number, number, string]> = [];
  for (const [key, raw] of Object.entries(entries)) {
    const entry = raw as HeaderEntry;
    const where = `${path}: tensor "${key}"`;
    const width = BYTES_PER_ELEMENT[entry?.dtype];
    if (width === undefined) {
      throw new CheckpointError(
        `${where}: dtype ${JSON.stringify(entry?.dtype)} unsupported (expected F32, F16, BF16 or F64)`,
      );
    }
    if (!Array.isArray(entry.shape) || !entry.shape.every((d) => Number.isInteger(d) && d >= 0)) {
      throw new CheckpointError(
        `${where}: shape must be a list of non-negative integers, found ${JSON.stringify(entry.shape)}`,
      );
    }
    const [begin, end] = entry.data_offsets ?? [];
    if (!Number.isInteger(begin) || !Number.isInteger(end) || begin < 0 || end < begin || end > dataLength) {
      throw new CheckpointError(
        `${where}: data_offsets ${JSON.stringify(entry.data_offsets)} outside the data section of ${dataLength} bytes`,
      );
    }
    const count = entry.shape.reduce((a, b) => a * b, 1);
    if (end - begin !== count * width) {
      throw new CheckpointError(
        `${where}: shape [${entry.shape}] ${entry.dtype} needs ${count * width} bytes, data_offsets span ${end - begin}`,
      );
    }
    spans.push([begin, end, key]);
    // Copy (Buffer#slice would be a view) so the data is 4-byte aligned and independent of the file buffer.
    const slice = new Uint8Array(end - begin);
    slice.set(bytes.subarray(dataStart + begin, dataStart + end));
    out.set(key, { dtype: entry.dtype, shape: [...entry.shape], data: widen(slice, entry.dtype) });
  }
  spans.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < spans.length; i++) {
    if (spans[i][0] < spans[i - 1][1]) {
      throw new CheckpointError(
        `${path}: tensors "${spans[i - 1][2]}" and "${spans[i][2]}" overlap in the data section`,
      );
    }
  }
  return out;
}

function widen(slice: Uint8Array, dtype: string): Float32Array {
  const buffer = slice.buffer;
  // safetensors is little-endian, like every platform Node runs on.
  switch (dtype) {
    case 'F32':
      return new Float32Array(buffer, 0, slice.byteLength / 4);
    case 'F16':
      return float16ToFloat32(new Uint16Array(buffer, 0, slice.byteLength / 2));
    case 'BF16':
      return bfloat16ToFloat32(new Uint16Array(buffer, 0, slice.byteLength / 2));
    default:
      return Float32Array.from(new Float64Array(buffer, 0, slice.byteLength / 8));
  }
}
