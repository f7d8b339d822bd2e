// collections: namedtuple (a tuple subclass with field attributes; no _fields/_replace/_asdict/_make),
// OrderedDict (insertion-ordered map) and deque (fixed maxlen ring with upstream's error messages).
import { DictType, dictUpdate, PyDict } from '../objects/dict.js';
import { excMsg, IndexErrorType, typeError, AttributeErrorType, ValueErrorType } from '../objects/exceptions.js';
import { checkInt } from '../objects/int.js';
import { MpMap } from '../objects/map.js';
import {
  Binary, defMethod, NoneObj, ObjectType, PyList, PyObject, PyTuple, PyType, TupleType, typeOf, Unary, type PyObj,
} from '../objects/object.js';
import { getIter, iterNext, pyEquals, repr, seqIndex, str, toArray, isTrue } from '../vm/runtime.js';
import { checkArgs, fixed, wordInt } from './_util.js';
import { makeModule, registerNativeModule } from '../vm/modules.js';

// ------------------------------------------------------------------ namedtuple

function namedtuple(args: PyObj[]): PyObj {
  const name = str(args[0] as PyObj);
  const spec = args[1] as PyObj;
  // a string is split on whitespace only ('a,b' is one field), anything else must be a tuple or list
  let fields: string[];
  if (typeof spec === 'string') fields = spec.split(/[ \t\n\r\v\f]+/).filter(Boolean);
  else if (spec instanceof PyTuple || spec instanceof PyList) fields = spec.items.map((f) => str(f));
  else throw typeError(`object '${typeOf(spec).name}' isn't a tuple or list`);
  const t = new PyType(name, [TupleType]);
  // the namedtuple type is itself the native base of its subclasses (its constructor takes the fields)
  t.native = t;
  t.isUser = true;
  t.make = (cls, a, kw) => {
    const given = a.length + (kw?.size ?? 0);
    if (given !== fields.length) throw typeError(`${name}() takes ${fields.length} positional arguments but ${given} were given`);
    const items: (PyObj | undefined)[] = a.slice();
    if (kw) {
      for (const [k, v] of kw) {
        const i = fields.indexOf(k);
        if (i < 0) throw typeError(`unexpected keyword argument '${k}'`);
        if (items[i] !== undefined) throw typeError(`function got multiple values for argument '${k}'`);
        items[i] = v;
      }
    }
    return new PyTuple(items as PyObj[], cls);
  };
  t.print = (o) => `${name}(${fields.map((f, i) => `${f}=${repr((o as PyTuple).items[i] as PyObj)}`).join(', ')})`;
  t.attr = (o, attr) => {
    const i = fields.indexOf(attr);
    return i >= 0 ? (o as PyTuple).items[i] : undefined;
  };
  t.setattr = (_o, attr) => {
    throw excMsg(AttributeErrorType, fields.includes(attr) ? "can't set attribute" : `'${name}' object has no attribute '${attr}'`);
  };
  for (const slot of ['unary', 'binary', 'subscr', 'getiter'] as const) (t as unknown as Record<string, unknown>)[slot] = TupleType[slot];
  t.isUser = false;
  // a namedtuple can equal a plain tuple
  t.eqChecksOther = true;
  // upstream's namedtuple types expose no tuple methods (count/index), though they are tuples
  t.lookup = (n: string): PyObj | undefined => t.dict.get(n) ?? ObjectType.dict.get(n);
  return t;
}

// ------------------------------------------------------------------ OrderedDict

const OrderedDictType = new PyType('OrderedDict', [DictType]);
OrderedDictType.native = DictType;
for (const slot of ['print', 'unary', 'binary', 'subscr', 'getiter'] as const) (OrderedDictType as unknown as Record<string, unknown>)[slot] = DictType[slot];
// Two OrderedDicts are equal only with equal items in the same order (objdict.c); other comparisons
// are dict's.
OrderedDictType.binary = (op, a, b) => {
  if (op === Binary.EQ && b instanceof PyDict && typeOf(b) === OrderedDictType && typeOf(a) === OrderedDictType) {
    const x = [...(a as PyDict).mpmap.entries()];
    const y = [...b.mpmap.entries()];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) {
      const [k1, v1] = x[i] as [PyObj, PyObj];
      const [k2, v2] = y[i] as [PyObj, PyObj];
      if (!pyEquals(k1, k2) || !pyEquals(v1, v2)) return false;
    }
    return true;
  }
  return DictType.binary?.(op, a, b);
};
OrderedDictType.make = (_cls, args, kw) => {
  const m = new MpMap();
  m.ordered = true;
  const d = new PyDict(m, OrderedDictType);
  if (args.length) dictUpdate(d, args[0] as PyObj);
  if (kw) for (const [k, v] of kw) d.mpmap.set(k, v);
  return d;
};

// ------------------------------------------------------------------ deque

/**
 * objdeque.c's ring: maxlen + 1 slots, get/put indices. Appending to a full deque drops the oldest
 * item (or raises IndexError('full') with flags & 1); iterators walk the ring live, as upstream's do.
 */
class PyDeque extends PyObject {
  items: (PyObj | undefined)[];
  get = 0;
  put = 0;
  flags = 0;
  constructor(maxlen: number) {
    super(DequeType);
    this.items = new Array<PyObj | undefined>(maxlen + 1);
  }
  get length(): number {
    const n = this.put - this.get;
    return n < 0 ? n + this.items.length : n;
  }
  append(x: PyObj): void {
    let np = this.put + 1;
    if (np === this.items.length) np = 0;
    if (this.flags & 1 && np === this.get) throw excMsg(IndexErrorType, 'full');
    this.items[this.put] = x;
    this.put = np;
    if (this.get === np && ++this.get === this.items.length) this.get = 0;
  }
  appendleft(x: PyObj): void {
    const ng = this.get === 0 ? this.items.length - 1 : this.get - 1;
    if (this.flags & 1 && ng === this.put) throw excMsg(IndexErrorType, 'full');
    this.get = ng;
    this.items[ng] = x;
    if (this.put === ng) this.put = this.put === 0 ? this.items.length - 1 : this.put - 1;
  }
}
const DequeType = new PyType('deque', [ObjectType]);
DequeType.baseable = false;
DequeType.make = (_c, args, kw) => {
  checkArgs(args, kw, 2, 3, false);
  const maxlen = wordInt(args[1] as PyObj);
  if (maxlen < 0) throw excMsg(ValueErrorType);
  const d = new PyDeque(maxlen);
  if (args.length > 2) d.flags = wordInt(args[2] as PyObj);
  const it = getIter(args[0] as PyObj);
  for (let x = iterNext(it); x !== undefined; x = iterNext(it)) d.append(x);
  return d;
};
const dq = (a: PyObj[]): PyDeque => a[0] as PyDeque;
defMethod(DequeType, 'append', fixed(2, 2, (a) => {
  dq(a).append(a[1] as PyObj);
  return NoneObj;
}));
defMethod(DequeType, 'appendleft', fixed(2, 2, (a) => {
  dq(a).appendleft(a[1] as PyObj);
  return NoneObj;
}));
defMethod(DequeType, 'extend', fixed(2, 2, (a) => {
  const it = getIter(a[1] as PyObj);
  for (let x = iterNext(it); x !== undefined; x = iterNext(it)) dq(a).append(x);
  return NoneObj;
}));
defMethod(DequeType, 'pop', fixed(1, 1, (a) => {
  const d = dq(a);
  if (d.get === d.put) throw excMsg(IndexErrorType, 'empty');
  d.put = d.put === 0 ? d.items.length - 1 : d.put - 1;
  const r = d.items[d.put] as PyObj;
  d.items[d.put] = undefined;
  return r;
}));
defMethod(DequeType, 'popleft', fixed(1, 1, (a) => {
  const d = dq(a);
  if (d.get === d.put) throw excMsg(IndexErrorType, 'empty');
  const r = d.items[d.get] as PyObj;
  d.items[d.get] = undefined;
  if (++d.get === d.items.length) d.get = 0;
  return r;
}));
DequeType.unary = (op, o) => {
  const d = o as PyDeque;
  if (op === Unary.LEN) return d.length;
  if (op === Unary.BOOL) return d.get !== d.put;
  return undefined;
};
DequeType.subscr = (o, index, value) => {
  const d = o as PyDeque;
  // deletion is not supported: returning undefined gives the generic "doesn't support item deletion"
  if (typeof value === 'symbol') return undefined;
  let i = d.get + seqIndex('deque', d.length, index);
  if (i >= d.items.length) i -= d.items.length;
  if (value === undefined) return d.items[i] as PyObj;
  d.items[i] = value;
  return NoneObj;
};
DequeType.print = () => '<deque>';

class DequeIter extends PyObject {
  constructor(public d: PyDeque, public cur: number) {
    super(DequeIterType);
  }
}
const DequeIterType = new PyType('iterator', [ObjectType]);
DequeIterType.getiter = (o) => o;
DequeIterType.iternext = (o) => {
  const it = o as DequeIter;
  if (it.cur === it.d.put) return undefined;
  const v = it.d.items[it.cur] as PyObj;
  if (++it.cur === it.d.items.length) it.cur = 0;
  return v;
};
DequeType.getiter = (o) => new DequeIter(o as PyDeque, (o as PyDeque).get);

registerNativeModule('collections', () => makeModule('collections', {
  namedtuple: (a) => namedtuple(a),
  OrderedDict: OrderedDictType,
  deque: DequeType,
}));
void isTrue;
