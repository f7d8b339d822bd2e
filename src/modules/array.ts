// array module: typed arrays over a byte buffer (so memoryview and bytes() see the raw data), with
// upstream's repr, truncating stores and missing methods (no pop/insert/tobytes, `in` unsupported).
import { bufferOf } from '../objects/bytes.js';
import { excMsg, NotImplementedErrorType, typeError, valueError } from '../objects/exceptions.js';
import {
  Binary, defMethod, NoneObj, ObjectType, PyObject, PyType, Unary, type PyObj,
} from '../objects/object.js';
import { PySlice, sliceStep1 } from '../objects/slice.js';
import { getTyped, itemSize, setTyped, TYPECODES } from '../objects/typed.js';
import { repr, seqIndex, str, toArray } from '../vm/runtime.js';
import { makeModule, registerNativeModule } from '../vm/modules.js';

export class PyArray extends PyObject {
  data: Uint8Array;
  constructor(public code: string, public len: number) {
    super(ArrayType);
    this.data = new Uint8Array(len * itemSize(code));
  }
  items(): PyObj[] {
    const out: PyObj[] = [];
    for (let i = 0; i < this.len; i++) out.push(getTyped(this.data, i, this.code));
    return out;
  }
  push(vals: PyObj[]): void {
    const size = itemSize(this.code);
    const nd = new Uint8Array((this.len + vals.length) * size);
    nd.set(this.data.subarray(0, this.len * size));
    this.data = nd;
    for (const v of vals) setTyped(this.data, this.len++, this.code, v);
  }
}
export const ArrayType = new PyType('array', [ObjectType]);

function fromInit(code: string, init: PyObj | undefined): PyArray {
  if (!TYPECODES.includes(code) || code.length !== 1) throw valueError('bad typecode');
  const a = new PyArray(code, 0);
  if (init === undefined) return a;
  const buf = typeof init === 'object' && !(init instanceof PyArray) ? bufferOf(init) : undefined;
  if (buf) {
    a.len = Math.floor(buf.length / itemSize(code));
    a.data = buf.slice(0, a.len * itemSize(code));
    return a;
  }
  a.push(toArray(init));
  return a;
}

ArrayType.make = (_c, args) => fromInit(str(args[0] as PyObj), args[1]);
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
ArrayType.binary = (op, x, y) => {
  const a = x as PyArray;
  switch (op) {
    case Binary.ADD: {
      if (!(y instanceof PyArray)) return undefined;
      const r = fromInit(a.code, undefined);
      r.push(a.items());
      r.push(y.items());
      return r;
    }
    case Binary.IADD:
      a.push(toArray(y));
      return a;
    case Binary.EQ: {
      const b = bufferOf(y);
      if (!b || !(y instanceof PyArray)) return false;
      return a.data.length === b.length && a.data.every((v, i) => v === b[i]);
    }
    case Binary.CONTAINS:
      throw excMsg(NotImplementedErrorType);
    default:
      return undefined;
  }
};
ArrayType.subscr = (o, index, value) => {
  const a = o as PyArray;
  if (index instanceof PySlice) {
    if (value !== undefined) throw excMsg(NotImplementedErrorType);
    const [s, e] = sliceStep1(index, a.len);
    const r = new PyArray(a.code, e - s);
    r.data = a.data.slice(s * itemSize(a.code), e * itemSize(a.code));
    return r;
  }
  const i = seqIndex('array', a.len, index);
  if (value === undefined) return getTyped(a.data, i, a.code);
  if (typeof value === 'symbol') return undefined;
  setTyped(a.data, i, a.code, value);
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
  return it.i < it.a.len ? getTyped(it.a.data, it.i++, it.a.code) : undefined;
};
ArrayType.getiter = (o) => new ArrayIter(o as PyArray);
defMethod(ArrayType, 'append', (a) => {
  (a[0] as PyArray).push([a[1] as PyObj]);
  return NoneObj;
});
defMethod(ArrayType, 'extend', (a) => {
  (a[0] as PyArray).push(toArray(a[1] as PyObj));
  return NoneObj;
});

registerNativeModule('array', () => makeModule('array', { array: ArrayType }));
void typeError;
