// struct: pack/unpack/calcsize/pack_into/unpack_from with upstream's format handling (modstruct.c +
// binary.c): '@' native alignment, '<' '>' '!' standard sizes, no '?'/'=' codes, silent truncation.
import { bufferOf, PyBytes } from '../objects/bytes.js';
import { typeError, valueError } from '../objects/exceptions.js';
import { checkFloatArg } from '../objects/float.js';
import { checkInt, normBig } from '../objects/int.js';
import { NoneObj, PyFloat, PyTuple, type PyObj } from '../objects/object.js';
import { str } from '../vm/runtime.js';
import { makeModule, registerNativeModule } from '../vm/modules.js';

const SIZES: Record<string, number> = { b: 1, B: 1, h: 2, H: 2, i: 4, I: 4, l: 4, L: 4, q: 8, Q: 8, e: 2, f: 4, d: 8, s: 1, x: 1, P: 8 };
const NATIVE: Record<string, number> = { b: 1, B: 1, h: 2, H: 2, i: 4, I: 4, l: 8, L: 8, q: 8, Q: 8, e: 2, f: 4, d: 8, s: 1, x: 1, P: 8 };

interface Item {
  code: string;
  count: number;
  size: number;
  offset: number;
}

function parse(fmtIn: string): { items: Item[]; size: number; little: boolean } {
  let fmt = fmtIn;
  let little = true;
  let native = true;
  const c0 = fmt[0];
  if (c0 === '<' || c0 === '>' || c0 === '!' || c0 === '@') {
    native = c0 === '@';
    little = c0 === '<' || c0 === '@';
    fmt = fmt.slice(1);
  }
  const items: Item[] = [];
  let off = 0;
  for (let i = 0; i < fmt.length; i++) {
    let count = 1;
    let digits = '';
    while (/[0-9]/.test(fmt[i] ?? '')) digits += fmt[i++];
    if (digits) count = Number(digits);
    const code = fmt[i] as string;
    const table = native ? NATIVE : SIZES;
    const size = table[code];
    if (size === undefined) throw valueError('bad typecode');
    if (native && code !== 's' && code !== 'x') off = Math.ceil(off / size) * size;
    items.push({ code, count, size, offset: off });
    off += code === 's' ? count : size * count;
  }
  return { items, size: off, little };
}

function packInto(fmt: string, out: Uint8Array, base: number, values: PyObj[]): void {
  const { items, little } = parse(fmt);
  const dv = new DataView(out.buffer, out.byteOffset, out.byteLength);
  let vi = 0;
  for (const it of items) {
    if (it.code === 'x') continue;
    if (it.code === 's') {
      const b = bufferOf(values[vi++] as PyObj) ?? new Uint8Array(0);
      for (let k = 0; k < it.count; k++) out[base + it.offset + k] = k < b.length ? (b[k] as number) : 0;
      continue;
    }
    for (let k = 0; k < it.count; k++) {
      const v = values[vi++];
      if (v === undefined) throw valueError('not enough arguments');
      const at = base + it.offset + k * it.size;
      switch (it.code) {
        case 'f': dv.setFloat32(at, checkFloatArg(v), little); break;
        case 'd': dv.setFloat64(at, checkFloatArg(v), little); break;
        case 'e': dv.setUint16(at, toHalf(checkFloatArg(v)), little); break;
        default: {
          let n = BigInt.asUintN(it.size * 8, BigInt(checkInt(v)));
          for (let b = 0; b < it.size; b++) {
            out[at + (little ? b : it.size - 1 - b)] = Number(n & 0xffn);
            n >>= 8n;
          }
        }
      }
    }
  }
}

function unpackFrom(fmt: string, data: Uint8Array, base: number): PyTuple {
  const { items, size, little } = parse(fmt);
  if (base + size > data.length) throw valueError('buffer too small');
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const out: PyObj[] = [];
  for (const it of items) {
    if (it.code === 'x') continue;
    if (it.code === 's') {
      out.push(new PyBytes(data.slice(base + it.offset, base + it.offset + it.count)));
      continue;
    }
    for (let k = 0; k < it.count; k++) {
      const at = base + it.offset + k * it.size;
      switch (it.code) {
        case 'f': out.push(new PyFloat(dv.getFloat32(at, little))); break;
        case 'd': out.push(new PyFloat(dv.getFloat64(at, little))); break;
        case 'e': out.push(new PyFloat(fromHalf(dv.getUint16(at, little)))); break;
        default: {
          let n = 0n;
          for (let b = it.size - 1; b >= 0; b--) n = (n << 8n) | BigInt(data[at + (little ? b : it.size - 1 - b)] as number);
          const signed = it.code === it.code.toLowerCase();
          out.push(normBig(signed ? BigInt.asIntN(it.size * 8, n) : n));
        }
      }
    }
  }
  return new PyTuple(out);
}

function toHalf(v: number): number {
  const f = new Float32Array([v]);
  const x = new Uint32Array(f.buffer)[0] as number;
  const sign = (x >>> 16) & 0x8000;
  const e = ((x >>> 23) & 0xff) - 127 + 15;
  const m = x & 0x7fffff;
  if (e <= 0) return sign;
  if (e >= 31) return sign | 0x7c00;
  return sign | (e << 10) | (m >>> 13);
}
function fromHalf(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return s * m * 2 ** -24;
  if (e === 31) return m ? NaN : s * Infinity;
  return s * (1 + m / 1024) * 2 ** (e - 15);
}

registerNativeModule('struct', () => makeModule('struct', {
  calcsize: (a) => parse(str(a[0] as PyObj)).size,
  pack: (a) => {
    const fmt = str(a[0] as PyObj);
    const out = new Uint8Array(parse(fmt).size);
    packInto(fmt, out, 0, a.slice(1));
    return new PyBytes(out);
  },
  pack_into: (a) => {
    const fmt = str(a[0] as PyObj);
    const b = bufferOf(a[1] as PyObj);
    if (!b) throw typeError('object with buffer protocol required');
    let off = Number(checkInt(a[2] as PyObj));
    if (off < 0) off += b.length;
    if (off + parse(fmt).size > b.length) throw valueError('buffer too small');
    packInto(fmt, b, off, a.slice(3));
    return NoneObj;
  },
  unpack: (a) => {
    const fmt = str(a[0] as PyObj);
    const b = bufferOf(a[1] as PyObj) ?? new Uint8Array(0);
    return unpackFrom(fmt, b, 0);
  },
  unpack_from: (a, kw) => {
    const fmt = str(a[0] as PyObj);
    const b = bufferOf(a[1] as PyObj) ?? new Uint8Array(0);
    let off = Number(checkInt(kw?.get('offset') ?? a[2] ?? 0));
    if (off < 0) off += b.length;
    return unpackFrom(fmt, b, off);
  },
}));
