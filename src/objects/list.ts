// list: methods, operators, slicing (reading supports any step; assignment/deletion only step 1) and
// MicroPython's unstable quicksort (reproduced exactly, including how often key() is called).
import {
  call, checkAlloc, getIter, isTrue, iterNext, lessThan, repr, seqIndex, toArray, typeName, binaryOp,
} from '../vm/runtime.js';
import { excMsg, indexError, IndexErrorType, NotImplementedErrorType, typeError } from './exceptions.js';
import {
  Binary, defMethod, NoneObj, ObjectType, PrintKind, PyList, PyTuple, PyType, Unary, ListType, type PyObj,
} from './object.js';
import { relIndex, repeatCount, repeatItems, seqCompare, seqCount, seqIndexOf } from './seq.js';
import { PySlice, sliceIndices, sliceRange } from './slice.js';
import { nativeInit } from './type.js';
import { vmState } from '../vm/state.js';
import { MemoryErrorType } from './exceptions.js';

export { ListType, PyList };

function asList(o: PyObj): PyList {
  if (o instanceof PyList) return o;
  throw typeError(`descriptor requires a 'list' object but received a '${typeName(o)}'`);
}

ListType.make = (cls, args, kw) => {
  if (kw && kw.size) throw typeError('function does not take keyword arguments');
  if (args.length > 1) throw typeError(`function takes 1 positional arguments but ${args.length} were given`);
  const items = args.length ? toArray(args[0] as PyObj) : [];
  const l = new PyList(items, cls);
  if (cls.isUser) (l as PyList & { dict?: Map<string, PyObj> }).dict = new Map();
  return l;
};
nativeInit.set(ListType, (o, args) => {
  if (args.length) (o as PyList).items = toArray(args[0] as PyObj);
});

export function listRepr(items: PyObj[], kind: PrintKind, open = '[', close = ']'): string {
  void kind;
  let s = open;
  for (let i = 0; i < items.length; i++) {
    if (i > 0) s += ', ';
    s += repr(items[i] as PyObj);
  }
  return s + close;
}
ListType.print = (o, k) => listRepr((o as PyList).items, k);
ListType.unary = (op, o) => {
  const l = o as PyList;
  if (op === Unary.LEN) return l.items.length;
  if (op === Unary.BOOL) return l.items.length !== 0;
  return undefined;
};
ListType.binary = (op, a, b) => {
  const l = a as PyList;
  switch (op) {
    case Binary.ADD:
      if (!(b instanceof PyList)) return undefined;
      return new PyList(l.items.concat(b.items));
    case Binary.IADD:
      for (const x of toArray(b)) l.items.push(x);
      return l;
    case Binary.MUL:
    case Binary.MUL + 100:
    case Binary.IMUL: {
      const n = repeatCount(b);
      if (n === undefined) return undefined;
      if (vmState.heapLocked) throw excMsg(MemoryErrorType, 'memory allocation failed, heap is locked');
      if (op === Binary.IMUL) {
        l.items = repeatItems(l.items, n);
        return l;
      }
      return new PyList(repeatItems(l.items, n));
    }
    case Binary.EQ: case Binary.NE: case Binary.LT: case Binary.GT: case Binary.LE: case Binary.GE:
      if (!(b instanceof PyList)) return op === Binary.EQ ? false : op === Binary.NE ? true : undefined;
      return seqCompare(op, l.items, b.items);
    case Binary.CONTAINS:
      for (const x of l.items) if (x === b || isTrue(binaryOp(Binary.EQ, x, b))) return true;
      return false;
    default:
      return undefined;
  }
};
ListType.subscr = (o, index, value) => {
  const l = o as PyList;
  if (index instanceof PySlice) {
    if (value === undefined) return new PyList(sliceRange(index, l.items.length).map((i) => l.items[i] as PyObj));
    const [start, stop, step] = sliceIndices(index, l.items.length);
    if (step !== 1) throw excMsg(NotImplementedErrorType);
    const hi = Math.max(start, stop);
    if (typeof value === 'symbol') l.items.splice(start, hi - start);
    else {
      const src = toArray(value);
      // growing the list reallocates its storage, which fails while the heap is locked
      if (vmState.heapLocked && src.length > hi - start) throw excMsg(MemoryErrorType, 'memory allocation failed, heap is locked');
      l.items.splice(start, hi - start, ...src);
    }
    return NoneObj;
  }
  const i = seqIndex('list', l.items.length, index);
  if (value === undefined) return l.items[i] as PyObj;
  if (typeof value === 'symbol') l.items.splice(i, 1);
  else l.items[i] = value;
  return NoneObj;
};

/** Iterator over a list by index (sees appends made during iteration, like upstream). */
import { PyObject } from './object.js';
export class ListIter extends PyObject {
  declare i: number;
  declare items: { items: PyObj[] };
  constructor(items: { items: PyObj[] }) {
    super(SeqIterType);
    this.i = 0;
    this.items = items;
  }
}
export const SeqIterType = new PyType('iterator', [ObjectType]);
SeqIterType.getiter = (o) => o;
SeqIterType.iternext = (o) => {
  const it = o as ListIter;
  const items = it.items.items;
  if (it.i < items.length) return items[it.i++] as PyObj;
  return undefined;
};
ListType.getiter = (o) => new ListIter(o as PyList);

/** upstream mp_quicksort on items[head+1 .. tail]; lessResult false for reverse. */
function quicksort(a: PyObj[], headIn: number, tailIn: number, key: PyObj | undefined, lessResult: boolean): void {
  let head = headIn;
  let tail = tailIn;
  const k = (x: PyObj): PyObj => (key === undefined ? x : call(key, [x]));
  const lt = (x: PyObj, y: PyObj): boolean => {
    if (typeof x === 'number' && typeof y === 'number') return (x < y) === lessResult;
    return binaryOp(Binary.LT, x, y) === lessResult;
  };
  while (tail - head > 1) {
    let h = head;
    let t = tail;
    const v = k(a[tail] as PyObj);
    for (;;) {
      do ++h;
      while (h < t && lt(k(a[h] as PyObj), v));
      do --t;
      while (h < t && lt(v, k(a[t] as PyObj)));
      if (h >= t) break;
      const x = a[h] as PyObj;
      a[h] = a[t] as PyObj;
      a[t] = x;
    }
    const x = a[h] as PyObj;
    a[h] = a[tail] as PyObj;
    a[tail] = x;
    if (t - head < tail - h) {
      quicksort(a, head, t, key, lessResult);
      head = h;
    } else {
      quicksort(a, h, tail, key, lessResult);
      tail = t;
    }
  }
}

export function sortItems(items: PyObj[], key: PyObj | undefined, reverse: boolean): void {
  if (items.length > 1) quicksort(items, -1, items.length - 1, key, !reverse);
}
void lessThan;

defMethod(ListType, 'append', (a) => {
  asList(a[0] as PyObj).items.push(a[1] as PyObj);
  return NoneObj;
});
defMethod(ListType, 'extend', (a) => {
  const l = asList(a[0] as PyObj);
  const src = toArray(a[1] as PyObj);
  checkAlloc((l.items.length + src.length) * 8);
  if (vmState.heapLocked && src.length > 0) throw excMsg(MemoryErrorType, 'memory allocation failed, heap is locked');
  for (const x of src) l.items.push(x);
  return NoneObj;
});
defMethod(ListType, 'clear', (a) => {
  asList(a[0] as PyObj).items.length = 0;
  return NoneObj;
});
defMethod(ListType, 'copy', (a) => new PyList(asList(a[0] as PyObj).items.slice()));
defMethod(ListType, 'count', (a) => seqCount(asList(a[0] as PyObj).items, a[1] as PyObj));
defMethod(ListType, 'index', (a) => {
  const items = asList(a[0] as PyObj).items;
  return seqIndexOf(items, a[1] as PyObj, relIndex(a[2], items.length, 0), relIndex(a[3], items.length, items.length));
});
defMethod(ListType, 'insert', (a) => {
  const items = asList(a[0] as PyObj).items;
  let i = Number(a[1]);
  if (i < 0) i = Math.max(0, i + items.length);
  if (i > items.length) i = items.length;
  items.splice(i, 0, a[2] as PyObj);
  return NoneObj;
});
defMethod(ListType, 'pop', (a) => {
  const items = asList(a[0] as PyObj).items;
  if (items.length === 0) throw indexError('pop from empty list');
  const i = a.length > 1 ? seqIndex('list', items.length, a[1] as PyObj) : items.length - 1;
  return items.splice(i, 1)[0] as PyObj;
});
defMethod(ListType, 'remove', (a) => {
  const items = asList(a[0] as PyObj).items;
  items.splice(seqIndexOf(items, a[1] as PyObj), 1);
  return NoneObj;
});
defMethod(ListType, 'reverse', (a) => {
  asList(a[0] as PyObj).items.reverse();
  return NoneObj;
});
defMethod(ListType, 'sort', (a, kw) => {
  // key and reverse are keyword-only (mp_arg_parse_all's messages)
  if (a.length > 1) throw typeError('extra positional arguments given');
  const key = kw?.get('key');
  const rev = kw?.get('reverse');
  if (kw !== undefined && kw.size > (key === undefined ? 0 : 1) + (rev === undefined ? 0 : 1)) {
    throw typeError('extra keyword arguments given');
  }
  sortItems(asList(a[0] as PyObj).items, key === undefined || key === NoneObj ? undefined : key, rev !== undefined && isTrue(rev));
  return NoneObj;
});
void getIter;
void iterNext;
void IndexErrorType;
export { PyTuple };
