// A minimal protobuf wire-format reader: just enough to walk a SentencePiece `ModelProto` without a
// protobuf dependency. Only the wire types protobuf actually emits (varint, 64-bit, length-delimited, 32-bit)
// are understood; groups (3, 4) are rejected because no SentencePiece field uses them.
import { TokenizerError } from '../errors/t5-core-error.js';

/** One field as it appears on the wire. `value` is a number for varints, a byte view otherwise. */
export type ProtoField =
  | { fieldNumber: number; wireType: 0; value: number }
  | { fieldNumber: number; wireType: 1 | 2 | 5; value: Uint8Array };

/**
 * Splits one protobuf message into its fields, in wire order.
 *
 * @param bytes the encoded message
 * @param what names the message in error messages (`spiece.model: ModelProto.pieces[3]`)
 */
export function readProtoFields(bytes: Uint8Array, what: string): ProtoField[] {
  const fields: ProtoField[] = [];
  let pos = 0;
  const varint = (): number => {
    // Accumulate in a BigInt so negative int32s (sign-extended to 10 bytes) survive; a value that needs all 64 bits
    // is read as two's complement, which is what every signed field here wants.
    let result = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      if (pos >= bytes.length) throw new TokenizerError(`${what}: truncated varint at byte ${pos}`);
      const b = bytes[pos++];
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return Number(result >= 1n << 63n ? BigInt.asIntN(64, result) : result);
      shift += 7n;
    }
    throw new TokenizerError(`${what}: varint longer than 10 bytes at byte ${pos}`);
  };
  const take = (n: number): Uint8Array => {
    if (pos + n > bytes.length) {
      throw new TokenizerError(
        `${what}: field needs ${n} bytes at byte ${pos} but only ${bytes.length - pos} remain`,
      );
    }
    const view = bytes.subarray(pos, pos + n);
    pos += n;
    return view;
  };
  while (pos < bytes.length) {
    const key = varint();
    const fieldNumber = Math.floor(key / 8);
    const wireType = key % 8;
    switch (wireType) {
      case 0:
        fields.push({ fieldNumber, wireType, value: varint() });
        break;
      case 1:
        fields.push({ fieldNumber, wireType, value: take(8) });
        break;
      case 2:
        fields.push({ fieldNumber, wireType, value: take(varint()) });
        break;
      case 5:
        fields.push({ fieldNumber, wireType, value: take(4) });
        break;
      default:
        throw new TokenizerError(
          `${what}: unsupported protobuf wire type ${wireType} (field ${fieldNumber}) at byte ${pos}`,
        );
    }
  }
  return fields;
}

/** A varint read as a protobuf `int32` (negatives arrive sign-extended to 64 bits and are already negative). */
export function toInt32(value: number): number {
  return value > 0x7fffffff && value < 2 ** 32 ? value - 2 ** 32 : value;
}

/** A little-endian IEEE-754 `float` field. */
export function toFloat32(bytes: Uint8Array): number {
  return new DataView(bytes.buffer, bytes.byteOffset, 4).getFloat32(0, true);
}
