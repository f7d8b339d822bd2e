// array module (py/objarray.c): typed arrays over a byte buffer (so memoryview and bytes() see the raw
// data), with upstream's rules: the typecode is the first character of its string (bbhHiIlLqQfd plus
// MicroPython's 'P' pointer-sized ints and 'O' object arrays); raw construction only from bytes and
// bytearray (rounded down to whole items), anything else is iterated; + takes any buffer; += and
// extend take a buffer or an iterable; `x in array` is False for buffers and NotImplementedError for
// numbers; == compares only arrays (other types are unequal) with layout-compatible integer codes,
// ordering only unsigned ones, anything else is NotImplementedError; slices with step 1 (assignment of
// an array of the same code); stores truncate silently. Methods: append and extend only.
import { bufferOf, PyByteArray, PyBytes } from '../objects/bytes.js';
import { excMsg, NotImplementedErrorType, typeError, valueError } from '../objects/exceptions.js';
import {
  Binary, defMethod, NoneObj, ObjectType, PyObject, PyType, typeOf, Unary, type PyObj,
} from '../objects/object.js';
import { PySlice, sliceStep1 } from '../objects/slice.js';
import { getTyped, itemSize, setTyped, TYPECODES } from '../objects/typed.js';
import { getIter, iterNext, lenMaybe, repr, seqIndex } from '../vm/runtime.js';
import { makeModule, registerNativeModule } from '../vm/modules.js';
import { checkArgs, fixed } from './_util.js';

/** The layout used for a typecode: 'P' (and 'S', a C string pointer) are pointer-sized unsigned ints. */
const layout = (code: string): string => (code === 'P' || code === 'S' ? 'Q' : code);
const sizeOf = (code: string): number => (code === 'O' ? 8 : itemSize(layout(code)));

export class PyArray extends PyObject {
  data: Uint8Array;
  /** The items of an 'O' array (its data buffer stays empty: there are no raw bytes to expose). */
  objs: PyObj[] = [];
  constructor(public code: string, public len: number) {
    super(ArrayType);
    this.data = new Uint8Array(code === 'O' ? 0 : len * sizeOf(code));
  }
  get(i: number): PyObj {
    return this.code === 'O' ? (this.objs[i] as PyObj) : getTyped(this.data, i, layout(this.code));
  }
  set(i: number, v: PyObj): void {
    if (this.code === 'O') this.objs[i] = v;
    else setTyped(this.data, i, layout(this.code), v);
  }
  items(): PyObj[] {
    const out: PyObj[] = [];
    for (let i = 0; i < this.len; i++) out.push(this.get(i));
    return out;
  }
  push(v: PyObj): void {
    if (this.code === 'O') {
      this.objs.push(v);
      this.len++;
      return;
    }
    const size = sizeOf(this.code);
    const nd = new Uint8Array((this.len + 1) * size);
    nd.set(this.data.subarray(0, this.len * size));
    // store first: a failing conversion leaves the array unchanged, as upstream
    setTyped(nd, this.len, layout(this.code), v);
    this.data = nd;
    this.len++;
  }
  pushBytes(b: Uint8Array): void {
    const size = sizeOf(this.code);
    const n = Math.floor(b.length / size);
    const nd = new Uint8Array((this.len + n) * size);
    nd.set(this.data.subarray(0, this.len * size));
    nd.set(b.subarray(0, n * size), this.len * size);
    this.data = nd;
    this.len += n;
  }
}
export const ArrayType = new PyType('array', [ObjectType]);

function typecodeOf(o: PyObj): string {
  let s: string;
  if (typeof o === 'string') s = o;
  else if (o instanceof PyBytes) s = new TextDecoder().decode(o.data);
  else throw typeError(`can't convert '${typeOf(o).name}' object to str implicitly`);
  // upstream reads only the first character of the typecode string
  const c = s[0] ?? '';
  if (!(TYPECODES.includes(c) || c === 'O' || c === 'P' || c === 'S') || c === '') throw valueError('bad typecode');
  return c;
}

function extend(a: PyArray, src: PyObj): void {
  const buf = a.code !== 'O' && typeof src === 'object' && typeOf(src).buffer !== undefined ? bufferOf(src) : undefined;
  if (buf !== undefined && !(src instanceof PyArray && src.code === 'O')) {
    a.pushBytes(buf.slice());
    return;
  }
  const it = getIter(src);
  for (let x = iterNext(it); x !== undefined; x = iterNext(it)) a.push(x);
}

ArrayType.make = (cls, args, kw) => {
  checkArgs(args, kw, 1, 2, false);
  const code = typecodeOf(args[0] as PyObj);
  const a = new PyArray(code, 0);
  a.type = cls;
  const init = args[1];
  if (init === undefined) return a;
  if ((init instanceof PyBytes || init instanceof PyByteArray) && code !== 'O' && !typeOf(init).isUser) {
    a.pushBytes(init.data);
    return a;
  }
  void lenMaybe;
  const it = getIter(init);
  for (let x = iterNext(it); x !== undefined; x = iterNext(it)) a.push(x);
  return a;
};
ArrayType.buffer = (o) => (o as PyArray).data;
ArrayType.print = (o) => {
  const a = o as PyArray;
  if (a.len === 0) return `array('${a.code}')`;
  return `array('${a.code}', [${a.items().map((x) => repr(x)).join(', ')}])`;
};
ArrayType.unary = (op, o) => {
  const a = o as PyArray;
  if (op === Unary.LEN) return a.len;
  if (op === Unary.BOOL) return a.len > 0;
  return undefined;
};

/** typecode_for_comparison: lower-case code, noting unsigned ones (bytes/bytearray are 'B'). */
function cmpCode(o: PyObj): [string, boolean] {
  const c = o instanceof PyArray ? o.code : 'B';
  const l = c.toLowerCase();
  return [l, c !== l];
}

function compareBytes(op: Binary, x: Uint8Array, y: Uint8Array): boolean {
  if (op === Binary.EQ) return x.length === y.length && x.every((v, i) => v === y[i]);
  const n = Math.min(x.length, y.length);
  let c = 0;
  for (let i = 0; i < n && c === 0; i++) c = (x[i] as number) - (y[i] as number);
  if (c === 0) c = x.length - y.length;
  if (op === Binary.LT) return c < 0;
  if (op === Binary.LE) return c <= 0;
  if (op === Binary.GT) return c > 0;
  return c >= 0;
}

ArrayType.binary = (op, x, y) => {
  const a = x as PyArray;
  switch (op) {
    case Binary.ADD: {
      const b = bufferOf(y);
      if (b === undefined) throw typeError('object with buffer protocol required');
      const r = new PyArray(a.code, 0);
      if (a.code === 'O') r.objs = a.objs.slice();
      r.len = a.len;
      r.data = a.data.slice();
      r.pushBytes(b);
      return r;
    }
    case Binary.IADD:
      extend(a, y);
      return a;
    case Binary.CONTAINS:
      if (typeof y === 'object' && typeOf(y).buffer !== undefined) return false;
      if (typeof y === 'number' || typeof y === 'bigint' || typeOf(y).name === 'float') throw excMsg(NotImplementedErrorType);
      return false;
    case Binary.EQ:
    case Binary.LT:
    case Binary.LE:
    case Binary.GT:
    case Binary.GE: {
      const b = bufferOf(y);
      if (b === undefined || typeof y === 'string') return false;
      const [lc, lu] = cmpCode(a);
      const [rc, ru] = cmpCode(y);
      if (lc === rc && lc !== 'f' && lc !== 'd' && (op === Binary.EQ || lu || ru)) {
        // 'O' arrays compare their object pointers: the same objects in the same order
        if (lc === 'o' && y instanceof PyArray) {
          if (op !== Binary.EQ) throw excMsg(NotImplementedErrorType);
          return a.len === y.len && a.objs.every((v, i) => v === y.objs[i]);
        }
        return compareBytes(op, a.data, b);
      }
      throw excMsg(NotImplementedErrorType);
    }
    default:
      return undefined;
  }
};
ArrayType.subscr = (o, index, value) => {
  const a = o as PyArray;
  if (index instanceof PySlice) {
    const [s, e] = sliceStep1(index, a.len);
    if (value === undefined) {
      const r = new PyArray(a.code, e - s);
      if (a.code === 'O') r.objs = a.objs.slice(s, e);
      else r.data = a.data.slice(s * sizeOf(a.code), e * sizeOf(a.code));
      return r;
    }
    if (typeof value === 'symbol') return undefined;
    const src = value instanceof PyArray ? value : undefined;
    if (!src || src.code !== a.code) throw excMsg(NotImplementedErrorType);
    const items = a.items();
    items.splice(s, e - s, ...src.items());
    const r = new PyArray(a.code, 0);
    for (const v of items) r.push(v);
    a.data = r.data;
    a.objs = r.objs;
    a.len = r.len;
    return NoneObj;
  }
  const i = seqIndex('array', a.len, index);
  if (value === undefined) return a.get(i);
  if (typeof value === 'symbol') return undefined;
  a.set(i, value);
  return NoneObj;
};
class ArrayIter extends PyObject {
  i = 0;
  constructor(public a: PyArray) {
    super(ArrayIterType);
  }
}
const ArrayIterType = new PyType('iterator', [ObjectType]);
ArrayIterType.getiter = (o) => o;
ArrayIterType.iternext = (o) => {
  const it = o as ArrayIter;
  return it.i < it.a.len ? it.a.get(it.i++) : undefined;
};
ArrayType.getiter = (o) => new ArrayIter(o as PyArray);
defMethod(ArrayType, 'append', fixed(2, 2, (a) => {
  (a[0] as PyArray).push(a[1] as PyObj);
  return NoneObj;
}));
defMethod(ArrayType, 'extend', fixed(2, 2, (a) => {
  extend(a[0] as PyArray, a[1] as PyObj);
  return NoneObj;
}));

registerNativeModule('array', () => makeModule('array', { array: ArrayType }));
