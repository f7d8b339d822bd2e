// MicroPython's variable-length unsigned integers: 7 bits per byte, most significant group first, high
// bit set on every byte but the last. Used for .mpy headers, tables, preludes and bytecode operands.
import { MpyFormatError } from './errors.js';

/** A read position in a byte buffer; readers advance `pos`. */
export class ByteReader {
  pos: number;
  constructor(readonly data: Uint8Array, pos = 0, readonly end = data.length) {
    this.pos = pos;
  }

  byte(): number {
    if (this.pos >= this.end) throw new MpyFormatError('unexpected end of .mpy file');
    return this.data[this.pos++] as number;
  }

  bytes(n: number): Uint8Array {
    if (n < 0 || this.pos + n > this.end) throw new MpyFormatError('unexpected end of .mpy file');
    const out = this.data.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** An unsigned var-int; throws on values beyond 2^53 (no real .mpy comes near). */
  uint(): number {
    let value = 0;
    for (;;) {
      const b = this.byte();
      value = value * 128 + (b & 0x7f);
      if (value > Number.MAX_SAFE_INTEGER) throw new MpyFormatError('corrupt .mpy file');
      if ((b & 0x80) === 0) return value;
    }
  }
}

/** Reads an unsigned var-int at `pos` of `data` (no bounds check beyond the array's). */
export function decodeUint(data: Uint8Array, pos: number): { value: number; next: number } {
  let value = 0;
  let b: number;
  do {
    b = data[pos++] ?? 0;
    value = value * 128 + (b & 0x7f);
  } while (b & 0x80);
  return { value, next: pos };
}

/** Number of bytes `encodeUint` takes for `value`. */
export function uintSize(value: number): number {
  let n = 1;
  while (value >= 128) {
    value = Math.floor(value / 128);
    n++;
  }
  return n;
}

/** Appends the var-int encoding of a non-negative integer. */
export function encodeUint(out: number[], value: number): void {
  const n = uintSize(value);
  for (let i = n - 1; i >= 0; i--) {
    const group = Math.floor(value / 2 ** (7 * i)) & 0x7f;
    out.push(i > 0 ? group | 0x80 : group);
  }
}

/**
 * Appends the signed var-int encoding LOAD_CONST_SMALL_INT uses: two's-complement 7-bit groups, with a
 * sign-extension group added when bit 6 of the leading group disagrees with the sign.
 */
export function encodeSint(out: number[], value: number): void {
  const groups: number[] = [value & 0x7f];
  let v = value;
  // Arithmetic shift on values up to 2^53 without 32-bit truncation.
  v = Math.floor(v / 128);
  while (v !== 0 && v !== -1) {
    groups.push(v & 0x7f);
    v = Math.floor(v / 128);
  }
  const lead = groups[groups.length - 1] as number;
  if (v === -1 && (lead & 0x40) === 0) groups.push(0x7f);
  else if (v === 0 && (lead & 0x40) !== 0) groups.push(0);
  for (let i = groups.length - 1; i >= 0; i--) out.push(i > 0 ? (groups[i] as number) | 0x80 : (groups[i] as number));
}

/** Decodes a signed var-int (LOAD_CONST_SMALL_INT operand). */
export function decodeSint(data: Uint8Array, pos: number): { value: number; next: number } {
  let b = data[pos++] ?? 0;
  let value = b & 0x40 ? (b & 0x7f) - 128 : b & 0x7f;
  while (b & 0x80) {
    b = data[pos++] ?? 0;
    value = value * 128 + (b & 0x7f);
  }
  return { value, next: pos };
}
