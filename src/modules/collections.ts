// collections: namedtuple (a tuple subclass with field attributes; no _fields/_replace/_asdict/_make),
// OrderedDict (insertion-ordered map) and deque (fixed maxlen ring with upstream's error messages).
import { DictType, dictUpdate, PyDict } from '../objects/dict.js';
import { excMsg, IndexErrorType, typeError, AttributeErrorType } from '../objects/exceptions.js';
import { checkInt } from '../objects/int.js';
import { MpMap } from '../objects/map.js';
import {
  defMethod, NoneObj, ObjectType, PyList, PyObject, PyTuple, PyType, TupleType, typeOf, Unary, type PyObj,
} from '../objects/object.js';
import { repr, seqIndex, str, toArray, isTrue } from '../vm/runtime.js';
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
  // upstream's namedtuple types expose no tuple methods (count/index), though they are tuples
  t.lookup = (n: string): PyObj | undefined => t.dict.get(n) ?? ObjectType.dict.get(n);
  return t;
}

// ------------------------------------------------------------------ OrderedDict

const OrderedDictType = new PyType('OrderedDict', [DictType]);
OrderedDictType.native = DictType;
for (const slot of ['print', 'unary', 'binary', 'subscr', 'getiter'] as const) (OrderedDictType as unknown as Record<string, unknown>)[slot] = DictType[slot];
OrderedDictType.make = (_cls, args, kw) => {
  const m = new MpMap();
  m.ordered = true;
  const d = new PyDict(m, OrderedDictType);
  if (args.length) dictUpdate(d, args[0] as PyObj);
  if (kw) for (const [k, v] of kw) d.mpmap.set(k, v);
  return d;
};

// ------------------------------------------------------------------ deque

class PyDeque extends PyObject {
  items: PyObj[] = [];
  constructor(public maxlen: number, public flags: number) {
    super(DequeType);
  }
}
const DequeType = new PyType('deque', [ObjectType]);
DequeType.make = (_c, args) => {
  if (args.length < 2) throw typeError(`function missing ${2 - args.length} required positional arguments`);
  const d = new PyDeque(Number(checkInt(args[1] as PyObj)), args.length > 2 ? Number(checkInt(args[2] as PyObj)) : 0);
  for (const x of toArray(args[0] as PyObj)) push(d, x);
  return d;
};
function push(d: PyDeque, x: PyObj): void {
  if (d.items.length >= d.maxlen) {
    if (d.flags & 1) throw excMsg(IndexErrorType, 'full');
    d.items.shift();
  }
  d.items.push(x);
}
const dq = (a: PyObj[]): PyDeque => a[0] as PyDeque;
defMethod(DequeType, 'append', (a) => {
  push(dq(a), a[1] as PyObj);
  return NoneObj;
});
defMethod(DequeType, 'appendleft', (a) => {
  const d = dq(a);
  if (d.items.length >= d.maxlen) {
    if (d.flags & 1) throw excMsg(IndexErrorType, 'full');
    d.items.pop();
  }
  d.items.unshift(a[1] as PyObj);
  return NoneObj;
});
defMethod(DequeType, 'extend', (a) => {
  for (const x of toArray(a[1] as PyObj)) push(dq(a), x);
  return NoneObj;
});
defMethod(DequeType, 'pop', (a) => {
  const d = dq(a);
  if (d.items.length === 0) throw excMsg(IndexErrorType, 'empty');
  return d.items.pop() as PyObj;
});
defMethod(DequeType, 'popleft', (a) => {
  const d = dq(a);
  if (d.items.length === 0) throw excMsg(IndexErrorType, 'empty');
  return d.items.shift() as PyObj;
});
DequeType.unary = (op, o) => {
  const d = o as PyDeque;
  if (op === Unary.LEN) return d.items.length;
  if (op === Unary.BOOL) return d.items.length > 0;
  return undefined;
};
DequeType.subscr = (o, index, value) => {
  const d = o as PyDeque;
  const i = seqIndex('deque', d.items.length, index);
  if (value === undefined) return d.items[i] as PyObj;
  if (typeof value === 'symbol') return undefined;
  d.items[i] = value;
  return NoneObj;
};
DequeType.getiter = (o) => TupleType.getiter?.(new PyTuple((o as PyDeque).items)) as PyObj;

registerNativeModule('collections', () => makeModule('collections', {
  namedtuple: (a) => namedtuple(a),
  OrderedDict: OrderedDictType,
  deque: DequeType,
}));
void isTrue;
