// bytes, bytearray and memoryview. Shared text methods come from str.ts (BYTES_KIND); this file holds
// construction, printing, indexing and the mutable operations of bytearray.
import { checkAlloc, getIter, iterNext, seqIndex, toArray, typeName, isTrue } from '../vm/runtime.js';
import { excMsg, OverflowErrorType, typeError, valueError, TypeErrorType } from './exceptions.js';
import { checkInt } from './int.js';
import {
  Binary, defMethod, NoneObj, ObjectType, PrintKind, PyList, PyObject, PyType, Unary, type PyObj,
} from './object.js';
import { repeatCount } from './seq.js';
import { vmState } from '../vm/state.js';
import { MemoryErrorType } from './exceptions.js';

/** Growing a bytearray reallocates its buffer (the VM keeps no spare capacity): fails under heap_lock. */
function growCheck(): void {
  if (vmState.heapLocked) throw excMsg(MemoryErrorType, 'memory allocation failed, heap is locked');
}
import { getTyped, itemSize, setTyped } from './typed.js';
import { PySlice, sliceIndices, sliceStep1 } from './slice.js';

export class PyBytes extends PyObject {
  constructor(public data: Uint8Array, type: PyType = BytesType) {
    super(type);
  }
}
export const BytesType = new PyType('bytes', [ObjectType]);

export class PyByteArray extends PyObject {
  dict: Map<string, PyObj> | undefined;
  constructor(public data: Uint8Array, type: PyType = ByteArrayType) {
    super(type);
  }
}
export const ByteArrayType = new PyType('bytearray', [ObjectType]);

/** A view of `len` items of typecode `code` starting at item `start` of base's buffer. */
export class PyMemoryView extends PyObject {
  constructor(public base: PyObj, public start: number, public len: number, public readonly: boolean, public code = 'B') {
    super(MemoryViewType);
  }
  get bytes(): Uint8Array {
    const b = bufferOf(this.base) as Uint8Array;
    const size = itemSize(this.code);
    return b.subarray(this.start * size, (this.start + this.len) * size);
  }
}
/** Element typecode of an object's buffer (array objects register theirs). */
export const bufferCode = new WeakMap<object, () => string>();
export const MemoryViewType = new PyType('memoryview', [ObjectType]);
MemoryViewType.baseable = false;

export function latin1Of(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 4096) s += String.fromCharCode(...b.subarray(i, i + 4096));
  return s;
}
export function bytesFromLatin1(s: string): PyBytes {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i) & 0xff;
  return new PyBytes(b);
}

export function bufferOf(o: PyObj): Uint8Array | undefined {
  // str exposes its UTF-8 data through the buffer protocol in MicroPython (b'a' + 'b' == b'ab').
  if (typeof o === 'string') return new TextEncoder().encode(o);
  if (o instanceof PyBytes || o instanceof PyByteArray) return o.data;
  if (o instanceof PyMemoryView) return o.bytes;
  if (typeof o === 'object') return o.type.buffer?.(o);
  return undefined;
}

BytesType.buffer = (o) => (o as PyBytes).data;
ByteArrayType.buffer = (o) => (o as PyByteArray).data;
MemoryViewType.buffer = (o) => (o as PyMemoryView).bytes;

export function bytesRepr(b: Uint8Array): string {
  let sq = false;
  let dq = false;
  for (const c of b) {
    if (c === 0x27) sq = true;
    else if (c === 0x22) dq = true;
  }
  const q = sq && !dq ? '"' : "'";
  let out = 'b' + q;
  for (const c of b) {
    const ch = String.fromCharCode(c);
    if (ch === q) out += '\\' + q;
    else if (c === 0x5c) out += '\\\\';
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 9) out += '\\t';
    else out += '\\x' + c.toString(16).padStart(2, '0');
  }
  return out + q;
}

/** Bytes from a constructor argument (int size, iterable of ints, buffer, or str + encoding). */
function bytesFromArgs(args: PyObj[], what: string): Uint8Array {
  if (args.length === 0) return new Uint8Array(0);
  const a = args[0] as PyObj;
  if (typeof a === 'string') {
    if (args.length < 2 || args.length > 3) throw typeError('string argument without an encoding');
    return new TextEncoder().encode(a);
  }
  if (what === 'bytes' && args.length > 1) throw typeError('wrong number of arguments');
  if (typeof a === 'number' || typeof a === 'bigint') {
    if (typeof a === 'bigint' && (a < -(2n ** 63n) || a >= 2n ** 63n)) {
      throw excMsg(OverflowErrorType, 'overflow converting long int to machine word');
    }
    const n = Number(a);
    if (n < 0) throw valueError('negative count');
    checkAlloc(n);
    return new Uint8Array(n);
  }
  const buf = bufferOf(a);
  if (buf) return buf.slice();
  const items = toArray(a);
  const out = new Uint8Array(items.length);
  items.forEach((x, i) => {
    const v = Number(checkInt(x));
    if (what === 'bytes' && (v < 0 || v > 255)) throw valueError('bytes value out of range');
    out[i] = v & 0xff;
  });
  return out;
}

BytesType.make = (cls, args, kw) => {
  if (kw !== undefined && kw.size > 0) throw excMsg(notImplType(), 'keyword argument(s) not implemented - use normal args instead');
  return new PyBytes(bytesFromArgs(args, 'bytes'), cls);
};
ByteArrayType.make = (cls, args) => {
  const b = new PyByteArray(bytesFromArgs(args, 'bytearray'), cls);
  if (cls.isUser) b.dict = new Map();
  return b;
};
BytesType.print = (o, k) => (k === PrintKind.STR || k === PrintKind.REPR ? bytesRepr((o as PyBytes).data) : '');
ByteArrayType.print = (o) => `bytearray(${bytesRepr((o as PyByteArray).data)})`;
MemoryViewType.print = (o) => `<memoryview>`;

function lenUnary(op: Unary, n: number): PyObj | undefined {
  if (op === Unary.LEN) return n;
  if (op === Unary.BOOL) return n !== 0;
  return undefined;
}
BytesType.unary = (op, o) => {
  const b = (o as PyBytes).data;
  if (op === Unary.HASH) {
    let h = 5381;
    for (const c of b) h = ((h * 33) ^ c) & 0xffff;
    return h === 0 ? 1 : h;
  }
  return lenUnary(op, b.length);
};
ByteArrayType.unary = (op, o) => lenUnary(op, (o as PyByteArray).data.length);
MemoryViewType.unary = (op, o) => lenUnary(op, (o as PyMemoryView).len);

function cmpBytes(op: Binary, a: Uint8Array, b: Uint8Array): boolean {
  let r = 0;
  for (let i = 0; i < Math.min(a.length, b.length) && r === 0; i++) r = (a[i] as number) - (b[i] as number);
  if (r === 0) r = a.length - b.length;
  switch (op) {
    case Binary.LT: return r < 0;
    case Binary.GT: return r > 0;
    case Binary.LE: return r <= 0;
    case Binary.GE: return r >= 0;
    case Binary.EQ: return r === 0;
    default: return r !== 0;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function bytesLikeBinary(op: Binary, a: PyObj, b: PyObj, make: (d: Uint8Array) => PyObj, arrayLike = false): PyObj | undefined {
  const d = bufferOf(a) as Uint8Array;
  switch (op) {
    case Binary.ADD: case Binary.IADD: {
      const bb = bufferOf(b);
      if (!bb) return undefined;
      // concatenating with an empty operand returns the other object unchanged (no allocation)
      if (bb.length === 0 && a instanceof PyBytes) return a;
      if (d.length === 0 && b instanceof PyBytes && a instanceof PyBytes) return b;
      if (op === Binary.IADD && a instanceof PyByteArray) {
        if (bb.length > 0) growCheck();
        a.data = concat(a.data, bb);
        return a;
      }
      return make(concat(d, bb));
    }
    case Binary.MUL: case Binary.MUL + 100: {
      const n = repeatCount(b);
      if (n === undefined || a instanceof PyByteArray) return undefined;
      checkAlloc(d.length * n + 1);
      const out = new Uint8Array(d.length * n);
      for (let i = 0; i < n; i++) out.set(d, i * d.length);
      return make(out);
    }
    case Binary.CONTAINS: {
      if (typeof b === 'number') return d.includes(b);
      const bb = bufferOf(b);
      if (!bb) throw typeError(`can't convert '${typeName(b)}' object to bytes implicitly`);
      return latin1Of(d).includes(latin1Of(bb));
    }
    case Binary.EQ: case Binary.NE: case Binary.LT: case Binary.GT: case Binary.LE: case Binary.GE: {
      const bb = bufferOf(b);
      if (arrayLike) return arrayCompare(op, a, d, b, bb);
      if (!bb) return op === Binary.EQ ? false : op === Binary.NE ? true : undefined;
      return cmpBytes(op, d, bb);
    }
    case Binary.MOD: {
      return bytesFromLatin1(strModulo(latin1Of(d), b, true) as string);
    }
    default:
      return undefined;
  }
}
import { strModulo } from './strformat.js';
BytesType.binary = (op, a, b) => bytesLikeBinary(op, a, b, (d) => new PyBytes(d));
ByteArrayType.binary = (op, a, b) => bytesLikeBinary(op, a, b, (d) => new PyByteArray(d), true);
// memoryview has no concatenation or repetition (array_binary_op refuses them for memoryview)
MemoryViewType.binary = (op, a, b) =>
  op === Binary.ADD || op === Binary.IADD || op === Binary.MUL || op === Binary.MUL + 100
    ? undefined
    : bytesLikeBinary(op, a, b, (d) => new PyBytes(d), true);

/** The element typecode of a buffer object (bytes-like objects are 'B'). */
function typecodeOf(o: PyObj): string {
  if (typeof o !== 'object') return 'B';
  return bufferCode.get(o.type)?.() ?? (o as { code?: unknown }).code as string | undefined ?? 'B';
}

/**
 * Comparisons of bytearray and memoryview (objarray.c's array_binary_op): anything without a buffer is
 * unequal; buffers compare bytewise only when their typecodes agree up to signedness (and, to order,
 * are unsigned), and are not float; other pairs raise NotImplementedError.
 */
function arrayCompare(op: Binary, a: PyObj, d: Uint8Array, b: PyObj, bb: Uint8Array | undefined): PyObj | undefined {
  if (op === Binary.NE) return undefined;
  if (!bb) return false;
  const lc = typecodeOf(a);
  const rc = typecodeOf(b);
  const l = lc.toLowerCase();
  const unsigned = lc !== l || rc !== rc.toLowerCase();
  if (l === rc.toLowerCase() && l !== 'f' && l !== 'd' && (op === Binary.EQ || unsigned)) return cmpBytes(op, d, bb);
  throw excMsg(notImplType());
}

BytesType.subscr = (o, index, value) => {
  if (value !== undefined) return undefined;
  const d = (o as PyBytes).data;
  if (index instanceof PySlice) {
    const [s, e] = sliceStep1(index, d.length);
    return new PyBytes(d.slice(s, e));
  }
  return d[seqIndex('bytes', d.length, index)] as number;
};
ByteArrayType.subscr = (o, index, value) => {
  const ba = o as PyByteArray;
  const d = ba.data;
  if (index instanceof PySlice) {
    if (value === undefined) {
      const [s, e] = sliceStep1(index, d.length);
      return new PyByteArray(d.slice(s, e));
    }
    if (typeof value === 'symbol') throw excMsg(TypeErrorType, "'bytearray' object doesn't support item deletion");
    const [s, e0, step] = sliceIndices(index, d.length);
    if (step !== 1) throw excMsg(notImplType());
    const e = Math.max(s, e0);
    // array_subscr takes only array, bytearray, memoryview or bytes on the right
    const bytesLike = value instanceof PyBytes || value instanceof PyByteArray || value instanceof PyMemoryView ||
      (typeof value === 'object' && value.type.name === 'array');
    const src = bytesLike ? bufferOf(value) : undefined;
    if (src === undefined) throw excMsg(notImplType(), 'array/bytes required on right side');
    if (src.length === e - s) {
      // same size: in place, so views and uctypes addresses of the bytearray stay valid
      d.set(src, s);
      return NoneObj;
    }
    const out = new Uint8Array(d.length - (e - s) + src.length);
    out.set(d.subarray(0, s));
    out.set(src, s);
    out.set(d.subarray(e), s + src.length);
    if (out.length > d.length) growCheck();
    ba.data = out;
    return NoneObj;
  }
  const i = seqIndex('bytearray', d.length, index);
  if (value === undefined) return d[i] as number;
  if (typeof value === 'symbol') throw excMsg(TypeErrorType, "'bytearray' object doesn't support item deletion");
  d[i] = Number(checkInt(value)) & 0xff;
  return NoneObj;
};
MemoryViewType.subscr = (o, index, value) => {
  const mv = o as PyMemoryView;
  if (index instanceof PySlice) {
    if (value !== undefined && typeof value !== 'symbol') {
      const [s, e] = sliceStep1(index, mv.len);
      const src = bufferOf(value);
      const size = itemSize(mv.code);
      if (!src || src.length !== (e - s) * size) throw valueError('memoryview slice assignment size mismatch');
      if (mv.readonly) throw typeError("'memoryview' object doesn't support item assignment");
      mv.bytes.set(src, s * size);
      return NoneObj;
    }
    const [s, e] = sliceStep1(index, mv.len);
    return new PyMemoryView(mv.base, mv.start + s, e - s, mv.readonly, mv.code);
  }
  const i = seqIndex('memoryview', mv.len, index);
  if (value === undefined) return getTyped(mv.bytes, i, mv.code);
  if (typeof value === 'symbol' || mv.readonly) throw typeError("'memoryview' object doesn't support item assignment");
  setTyped(mv.bytes, i, mv.code, value);
  return NoneObj;
};
MemoryViewType.make = (_c, args) => {
  const b = args[0] as PyObj;
  const d = bufferOf(b);
  if (!d) throw typeError(`object with buffer protocol required`);
  const code = typeof b === 'object' ? bufferCode.get(b.type)?.() ?? (b as { code?: string }).code ?? 'B' : 'B';
  return new PyMemoryView(b, 0, d.length / itemSize(code), b instanceof PyBytes, code);
};

import { NotImplementedErrorType } from './exceptions.js';
function notImplType(): PyType {
  return NotImplementedErrorType;
}

class BytesIter extends PyObject {
  i = 0;
  constructor(public o: PyObj) {
    super(BytesIterType);
  }
}
const BytesIterType = new PyType('iterator', [ObjectType]);
BytesIterType.getiter = (o) => o;
BytesIterType.iternext = (o) => {
  const it = o as BytesIter;
  if (it.o instanceof PyMemoryView) {
    const mv = it.o;
    return it.i < mv.len ? getTyped(mv.bytes, it.i++, mv.code) : undefined;
  }
  const d = bufferOf(it.o) as Uint8Array;
  return it.i < d.length ? (d[it.i++] as number) : undefined;
};
BytesType.getiter = (o) => new BytesIter(o);
ByteArrayType.getiter = (o) => new BytesIter(o);
MemoryViewType.getiter = (o) => new BytesIter(o);

defMethod(BytesType, 'decode', (a) => decodeUtf8((a[0] as PyBytes).data));
defMethod(ByteArrayType, 'decode', (a) => decodeUtf8((a[0] as PyByteArray).data));
export function decodeUtf8(buf: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    throw excMsg(UnicodeErrorType, undefined);
  }
}
import { UnicodeErrorType } from './exceptions.js';
const hex = (a: PyObj[]): PyObj => {
  const d = bufferOf(a[0] as PyObj) as Uint8Array;
  // the separator is one character: the first of the given string
  const sep = a[1] === undefined || d.length === 0 ? '' : latin1OrStr(a[1]).slice(0, 1);
  return Array.from(d, (x) => x.toString(16).padStart(2, '0')).join(sep);
};
function latin1OrStr(o: PyObj): string {
  return typeof o === 'string' ? o : latin1Of(bufferOf(o) ?? new Uint8Array());
}
defMethod(BytesType, 'hex', hex);
defMethod(ByteArrayType, 'hex', hex);
defMethod(MemoryViewType, 'hex', hex);
defMethod(ByteArrayType, 'append', (a) => {
  const ba = a[0] as PyByteArray;
  growCheck();
  ba.data = concat(ba.data, Uint8Array.of(Number(checkInt(a[1] as PyObj)) & 0xff));
  return NoneObj;
});
defMethod(ByteArrayType, 'extend', (a) => {
  const ba = a[0] as PyByteArray;
  const src = bufferOf(a[1] as PyObj) ?? Uint8Array.from(toArray(a[1] as PyObj).map((x) => Number(checkInt(x)) & 0xff));
  if (src.length > 0) growCheck();
  ba.data = concat(ba.data, src);
  return NoneObj;
});
void getIter;
void iterNext;
void isTrue;
void PyList;
// bytearray and memoryview compare equal to other buffers; bytes only to bytes (and str subclasses
// through their own slot), so b'..' == array('b', ...) is False as upstream.
ByteArrayType.eqChecksOther = true;
MemoryViewType.eqChecksOther = true;
