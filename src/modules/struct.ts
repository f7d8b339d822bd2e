// struct module (py/modstruct.c over py/binary.c) as the 64-bit unix port has it:
// - byte order '<' '>' '!' or '@'/none (native: little-endian, C sizes and alignment, long = 8);
//   '=' is accepted as a prefix but then every sized code is a "bad typecode", as upstream;
// - codes b B h H i I l L q Q e f d s x, and the unsafe P O S (pointer-sized);
// - no struct.error: errors are ValueError('bad typecode' / 'buffer too small') and TypeError;
// - pack ignores extra arguments and leaves missing ones zero; unpack accepts a longer buffer (it is
//   unpack_from) and an offset; integers are truncated to the field (two's complement), not checked;
// - 'e' uses upstream's own half-float encoder (round half up, and its overflow quirk);
// - 'S' unpacks the NUL-terminated string at an address of uctypes's simulated memory (_memory.ts).
import { bufferOf, PyBytes } from '../objects/bytes.js';
import { excMsg, NotImplementedErrorType, typeError, valueError } from '../objects/exceptions.js';
import { normBig } from '../objects/int.js';
import { NoneObj, objectId, PyFloat, PyTuple, typeOf, type PyObj } from '../objects/object.js';
import { makeModule, registerNativeModule } from '../vm/modules.js';
import { fixed, floatArg, readBuf, wordBig } from './_util.js';
import { cString } from './_memory.js';

const dec = new TextDecoder();

/** mp_obj_str_get_str on the format, cut at a NUL as C would see it. */
function fmtArg(o: PyObj): string {
  let s: string;
  if (typeof o === 'string') s = o;
  else if (o instanceof PyBytes) s = dec.decode(o.data);
  else throw typeError(`can't convert '${typeOf(o).name}' object to str implicitly`);
  const z = s.indexOf('\0');
  return z < 0 ? s : s.slice(0, z);
}

/** get_fmt_type: the byte-order prefix ('!' is '>'), or '@' when there is none. */
function orderOf(fmt: string): [string, number] {
  const c = fmt[0];
  if (c === '!') return ['>', 1];
  if (c === '@' || c === '=' || c === '<' || c === '>') return [c, 1];
  return ['@', 0];
}

const STD: Record<string, number> = { b: 1, B: 1, h: 2, H: 2, i: 4, I: 4, l: 4, L: 4, q: 8, Q: 8, P: 8, O: 8, S: 8, e: 2, f: 4, d: 8 };
const NATIVE: Record<string, number> = { b: 1, B: 1, h: 2, H: 2, i: 4, I: 4, l: 8, L: 8, q: 8, Q: 8, P: 8, O: 8, S: 8, e: 2, f: 4, d: 8 };

/** mp_binary_get_size: [size, alignment]. */
function sizeOf(order: string, code: string): [number, number] {
  const size = order === '@' ? NATIVE[code] : order === '<' || order === '>' ? STD[code] : undefined;
  if (size === undefined) throw valueError('bad typecode');
  return [size, order === '@' ? size : 1];
}

/** One format item: a repeat count and a code. */
interface Item {
  count: number;
  code: string;
}

function items(fmt: string, from: number): Item[] {
  const out: Item[] = [];
  for (let i = from; i < fmt.length; i++) {
    let count = 1;
    const c = fmt.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      let j = i;
      while (j < fmt.length && fmt.charCodeAt(j) >= 0x30 && fmt.charCodeAt(j) <= 0x39) j++;
      count = Number(fmt.slice(i, j));
      i = j;
    }
    out.push({ count, code: fmt[i] ?? '\0' });
  }
  return out;
}

/** calc_size_items: [number of values, total size]. */
function calc(fmt: string): [number, number] {
  const [order, start] = orderOf(fmt);
  let n = 0;
  let size = 0;
  for (const it of items(fmt, start)) {
    if (it.code === 'x') size += it.count;
    else if (it.code === 's') {
      n += 1;
      size += it.count;
    } else {
      n += it.count;
      const [sz, align] = sizeOf(order, it.code);
      for (let k = 0; k < it.count; k++) size = Math.ceil(size / align) * align + sz;
    }
  }
  return [n, size];
}

// ---- half floats, as upstream's mp_encode_half_float / mp_decode_half_float ----

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

function encodeHalf(x: number): number {
  f32[0] = x;
  const bits = u32[0] as number;
  let m = (bits >>> 13) & 0x3ff;
  if (bits & (1 << 12)) m++;
  let e = (bits >>> 23) & 0xff;
  if (e === 0xff) e = 0x1f;
  else if (e !== 0) {
    e -= 127 - 15;
    if (e < 0) {
      if (e >= -11) {
        m = (m | 0x400) >> -e;
        m = m & 1 ? (m >> 1) + 1 : m >> 1;
      } else m = 0;
      e = 0;
    } else if (e > 0x3f) {
      e = 0x1f;
      m = 0;
    }
  }
  // upstream's uint16_t holds the result: an exponent past 0x1f spills into the sign bit and wraps
  return (((bits >>> 16) & 0x8000) | (e << 10) | m) & 0xffff;
}

function decodeHalf(hf: number): number {
  let m = hf & 0x3ff;
  let e = (hf >> 10) & 0x1f;
  if (e === 0x1f) e = 0xff;
  else if (e) e += 127 - 15;
  else if (m) {
    e = 127 - 15;
    while (!(m & 0x400)) {
      m <<= 1;
      --e;
    }
    m -= 0x400;
    ++e;
  }
  u32[0] = (((hf & 0x8000) << 16) | (e << 23) | (m << 13)) >>> 0;
  return f32[0] as number;
}

// 'O' stores an object reference; keep the objects so unpacking the same bytes gives them back.
const packedObjects = new Map<bigint, WeakRef<object> | PyObj>();

function getVal(order: string, code: string, buf: Uint8Array, base: number, pos: number): [PyObj, number] {
  const [size, align] = sizeOf(order, code);
  let p = pos;
  if (order === '@') p = base + Math.ceil((p - base) / align) * align;
  const big = order === '>';
  let v = 0n;
  for (let k = 0; k < size; k++) v = (v << 8n) | BigInt(buf[big ? p + k : p + size - 1 - k] as number);
  const signed = code >= 'a' && code <= 'z';
  const sv = signed ? BigInt.asIntN(size * 8, v) : v;
  let out: PyObj;
  if (code === 'e') out = new PyFloat(decodeHalf(Number(v)));
  else if (code === 'f') {
    u32[0] = Number(v);
    out = new PyFloat(f32[0] as number);
  } else if (code === 'd') {
    const b = new DataView(new ArrayBuffer(8));
    b.setBigUint64(0, v);
    out = new PyFloat(b.getFloat64(0));
  } else if (code === 'O') {
    const r = packedObjects.get(v);
    if (r === undefined) throw excMsg(NotImplementedErrorType, "'O' of an object not packed by this VM");
    out = r instanceof WeakRef ? ((r.deref() as PyObj | undefined) ?? fail()) : r;
  } else if (code === 'S') out = new TextDecoder().decode(cString(v));
  else out = normBig(sv);
  return [out, p + size];
}

function fail(): never {
  throw excMsg(NotImplementedErrorType, "'O' object is gone");
}

/** Stores an int truncated to size bytes (two's complement), as mp_obj_int_to_bytes_impl does. */
function putInt(out: Uint8Array, p: number, size: number, big: boolean, v: bigint): void {
  let u = BigInt.asUintN(size * 8, v);
  for (let k = 0; k < size; k++) {
    out[big ? p + size - 1 - k : p + k] = Number(u & 0xffn);
    u >>= 8n;
  }
}

function setVal(order: string, code: string, v: PyObj, out: Uint8Array, base: number, pos: number): number {
  const [size, align] = sizeOf(order, code);
  let p = pos;
  if (order === '@') p = base + Math.ceil((p - base) / align) * align;
  const big = order === '>';
  if (code === 'e') putInt(out, p, 2, big, BigInt(encodeHalf(floatArg(v))));
  else if (code === 'f') {
    f32[0] = floatArg(v);
    putInt(out, p, 4, big, BigInt(u32[0] as number));
  } else if (code === 'd') {
    const b = new DataView(new ArrayBuffer(8));
    b.setFloat64(0, floatArg(v));
    putInt(out, p, 8, big, b.getBigUint64(0));
  } else if (code === 'O') {
    const id = BigInt(objectId(v));
    packedObjects.set(id, typeof v === 'object' ? new WeakRef(v) : v);
    putInt(out, p, size, big, id);
  } else if (typeof v === 'number' || typeof v === 'bigint') putInt(out, p, size, big, BigInt(v));
  else putInt(out, p, size, big, wordBig(v));
  return p + size;
}

/** struct_pack_into_internal: values from args, stopping when either runs out. */
function packInto(fmt: string, out: Uint8Array, base: number, args: PyObj[]): void {
  const [order, start] = orderOf(fmt);
  let p = base;
  let i = 0;
  for (const it of items(fmt, start)) {
    if (i >= args.length) break;
    if (it.code === 'x') {
      out.fill(0, p, p + it.count);
      p += it.count;
    } else if (it.code === 's') {
      const src = readBuf(args[i++] as PyObj);
      const n = Math.min(src.length, it.count);
      out.set(src.subarray(0, n), p);
      out.fill(0, p + n, p + it.count);
      p += it.count;
    } else {
      for (let k = 0; k < it.count && i < args.length; k++) p = setVal(order, it.code, args[i++] as PyObj, out, base, p);
    }
  }
}

function offsetArg(o: PyObj, len: number): number {
  let off = Number(wordBig(o));
  if (off < 0) {
    off += len;
    if (off < 0) throw valueError('buffer too small');
  }
  return off;
}

function unpackFrom(a: PyObj[]): PyObj {
  const fmt = fmtArg(a[0] as PyObj);
  const [n, total] = calc(fmt);
  const [order, start] = orderOf(fmt);
  const buf = readBuf(a[1] as PyObj);
  const off = a.length > 2 ? offsetArg(a[2] as PyObj, buf.length) : 0;
  if (off + total > buf.length) throw valueError('buffer too small');
  const out: PyObj[] = [];
  let p = off;
  for (const it of items(fmt, start)) {
    if (out.length >= n) break;
    if (it.code === 'x') p += it.count;
    else if (it.code === 's') {
      out.push(new PyBytes(buf.slice(p, p + it.count)));
      p += it.count;
    } else {
      for (let k = 0; k < it.count; k++) {
        const [v, np] = getVal(order, it.code, buf, off, p);
        out.push(v);
        p = np;
      }
    }
  }
  return new PyTuple(out);
}

registerNativeModule('struct', () => makeModule('struct', {
  calcsize: fixed(1, 1, (a) => calc(fmtArg(a[0] as PyObj))[1]),
  pack: fixed(1, Infinity, (a) => {
    const fmt = fmtArg(a[0] as PyObj);
    const out = new Uint8Array(calc(fmt)[1]);
    packInto(fmt, out, 0, a.slice(1));
    return new PyBytes(out);
  }),
  pack_into: fixed(3, Infinity, (a) => {
    const target = a[1] as PyObj;
    // a writable buffer: bytearray, memoryview of one, array (bytes and str are read-only)
    const buf = target instanceof PyBytes || typeof target === 'string' ? undefined : bufferOf(target);
    if (buf === undefined) throw typeError('object with buffer protocol required');
    const off = offsetArg(a[2] as PyObj, buf.length);
    const fmt = fmtArg(a[0] as PyObj);
    if (off + calc(fmt)[1] > buf.length) throw valueError('buffer too small');
    packInto(fmt, buf, off, a.slice(3));
    return NoneObj;
  }),
  unpack: fixed(2, 3, unpackFrom),
  unpack_from: fixed(2, 3, unpackFrom),
}));

