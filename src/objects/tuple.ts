// tuple: immutable sequence; hashing as upstream (address of the empty tuple plus item hashes).
import { hashOf, repr, seqIndex, toArray } from '../vm/runtime.js';
import { typeError } from './exceptions.js';
import {
  Binary, defMethod, EMPTY_TUPLE, PrintKind, PyTuple, TupleType, Unary, type PyObj,
} from './object.js';
import { relIndex, repeatCount, repeatItems, seqCompare, seqCount, seqIndexOf } from './seq.js';
import { PySlice, sliceStep1 } from './slice.js';
import { ListIter } from './list.js';

export { TupleType, PyTuple };

/** Stands in for upstream's &mp_const_empty_tuple_obj address (one observed unix-port value). */
const EMPTY_TUPLE_ADDR = 94587805226912;

TupleType.make = (cls, args) => {
  if (args.length > 1) throw typeError(`function takes 1 positional arguments but ${args.length} were given`);
  if (args.length === 0) return cls === TupleType ? EMPTY_TUPLE : new PyTuple([], cls);
  const a = args[0] as PyObj;
  if (a instanceof PyTuple && cls === TupleType && a.type === TupleType) return a;
  return new PyTuple(toArray(a), cls);
};

export function tupleRepr(items: PyObj[], _k: PrintKind): string {
  if (items.length === 1) return '(' + repr(items[0] as PyObj) + ',)';
  return '(' + items.map((x) => repr(x)).join(', ') + ')';
}
TupleType.print = (o, k) => tupleRepr((o as PyTuple).items, k);
TupleType.unary = (op, o) => {
  const t = o as PyTuple;
  if (op === Unary.LEN) return t.items.length;
  if (op === Unary.BOOL) return t.items.length !== 0;
  if (op === Unary.HASH) {
    let h = EMPTY_TUPLE_ADDR;
    for (const x of t.items) h += Number(hashOf(x));
    return h;
  }
  return undefined;
};
TupleType.binary = (op, a, b) => {
  const t = a as PyTuple;
  switch (op) {
    case Binary.ADD: case Binary.IADD:
      if (!(b instanceof PyTuple)) return undefined;
      return new PyTuple(t.items.concat(b.items));
    case Binary.MUL: case Binary.IMUL: case Binary.MUL + 100: {
      const n = repeatCount(b);
      if (n === undefined) return undefined;
      return new PyTuple(repeatItems(t.items, n));
    }
    case Binary.EQ: case Binary.NE: case Binary.LT: case Binary.GT: case Binary.LE: case Binary.GE:
      if (!(b instanceof PyTuple)) return op === Binary.EQ ? false : op === Binary.NE ? true : undefined;
      return seqCompare(op, t.items, b.items);
    default:
      return undefined;
  }
};
TupleType.subscr = (o, index, value) => {
  if (value !== undefined) return undefined;
  const t = o as PyTuple;
  if (index instanceof PySlice) {
    const [s, e] = sliceStep1(index, t.items.length);
    return new PyTuple(t.items.slice(s, e));
  }
  return t.items[seqIndex('tuple', t.items.length, index)] as PyObj;
};
TupleType.getiter = (o) => new ListIter(o as PyTuple);
defMethod(TupleType, 'count', (a) => seqCount((a[0] as PyTuple).items, a[1] as PyObj));
defMethod(TupleType, 'index', (a) => {
  const items = (a[0] as PyTuple).items;
  return seqIndexOf(items, a[1] as PyObj, relIndex(a[2], items.length, 0), relIndex(a[3], items.length, items.length));
});
