// Typed element access shared by array and memoryview (upstream binary.c): native little-endian
// layout, silent truncation on store (an 'H' array stores 70000 as 4464).
import { checkFloatArg } from './float.js';
import { checkInt, normBig } from './int.js';
import { PyFloat, type PyObj } from './object.js';

export const TYPECODES = 'bBhHiIlLqQfd';
const SIZES: Record<string, number> = { b: 1, B: 1, h: 2, H: 2, i: 4, I: 4, l: 8, L: 8, q: 8, Q: 8, f: 4, d: 8 };

export function itemSize(code: string): number {
  return SIZES[code] ?? 1;
}

export function getTyped(data: Uint8Array, index: number, code: string): PyObj {
  const size = itemSize(code);
  const dv = new DataView(data.buffer, data.byteOffset + index * size, size);
  switch (code) {
    case 'b': return dv.getInt8(0);
    case 'B': return dv.getUint8(0);
    case 'h': return dv.getInt16(0, true);
    case 'H': return dv.getUint16(0, true);
    case 'i': return dv.getInt32(0, true);
    case 'I': return dv.getUint32(0, true);
    case 'l': case 'q': return normBig(dv.getBigInt64(0, true));
    case 'L': case 'Q': return normBig(dv.getBigUint64(0, true));
    case 'f': return new PyFloat(dv.getFloat32(0, true));
    case 'd': return new PyFloat(dv.getFloat64(0, true));
    default: return dv.getUint8(0);
  }
}

export function setTyped(data: Uint8Array, index: number, code: string, v: PyObj): void {
  const size = itemSize(code);
  const dv = new DataView(data.buffer, data.byteOffset + index * size, size);
  if (code === 'f') dv.setFloat32(0, checkFloatArg(v), true);
  else if (code === 'd') dv.setFloat64(0, checkFloatArg(v), true);
  else {
    let n = BigInt.asUintN(size * 8, BigInt(checkInt(v)));
    for (let b = 0; b < size; b++) {
      dv.setUint8(b, Number(n & 0xffn));
      n >>= 8n;
    }
  }
}
