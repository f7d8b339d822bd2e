// set and frozenset on MpMap (same table algorithm as upstream's mp_set_t, so the same order).
import { excMsg, KeyErrorType, typeError } from './exceptions.js';
import { getIter, iterNext, repr, toArray, hashOf, isTrue } from '../vm/runtime.js';
import { MpMap } from './map.js';
import { Binary, defMethod, NoneObj, ObjectType, PyObject, PyType, Unary, type PyObj } from './object.js';
import { keyError } from '../vm/runtime.js';

export class PySet extends PyObject {
  dict: Map<string, PyObj> | undefined;
  constructor(public mpmap: MpMap, type: PyType) {
    super(type);
  }
}
export const SetType = new PyType('set', [ObjectType]);
export const FrozenSetType = new PyType('frozenset', [ObjectType]);

export function newSet(items: PyObj[], alloc = 0, type: PyType = SetType): PySet {
  const m = new MpMap(alloc);
  for (const x of items) m.set(x, true);
  return new PySet(m, type);
}

function isSet(o: PyObj): o is PySet {
  return o instanceof PySet;
}
function asSet(o: PyObj): PySet {
  if (o instanceof PySet) return o;
  throw typeError('expected set');
}
function keysOf(s: PySet): PyObj[] {
  const out: PyObj[] = [];
  for (const [k] of s.mpmap.entries()) out.push(k);
  return out;
}
function otherKeys(o: PyObj): PyObj[] {
  return o instanceof PySet ? keysOf(o) : toArray(o);
}
function same(s: PySet, items: PyObj[]): PySet {
  return newSet(items, 0, s.type.isUser ? (s.type.native) : s.type);
}

function make(cls: PyType, args: PyObj[]): PyObj {
  if (args.length > 1) throw typeError(`function takes 1 positional arguments but ${args.length} were given`);
  const s = newSet(args.length ? toArray(args[0] as PyObj) : [], 0, cls);
  if (cls.isUser) s.dict = new Map();
  return s;
}
SetType.make = make;
FrozenSetType.make = make;

function setRepr(o: PyObj): string {
  const s = o as PySet;
  const frozen = s.type.native === FrozenSetType || s.type === FrozenSetType;
  const name = s.type.name;
  if (s.mpmap.used === 0) return frozen ? `${name}()` : `${name}()`;
  const body = '{' + keysOf(s).map((x) => repr(x)).join(', ') + '}';
  return frozen || s.type !== SetType ? `${name}(${body})` : body;
}
SetType.print = setRepr;
FrozenSetType.print = setRepr;

function isSubset(a: PySet, b: PySet): boolean {
  for (const k of keysOf(a)) if (!b.mpmap.has(k)) return false;
  return true;
}

function unary(op: Unary, o: PyObj): PyObj | undefined {
  const s = o as PySet;
  if (op === Unary.LEN) return s.mpmap.used;
  if (op === Unary.BOOL) return s.mpmap.used !== 0;
  if (op === Unary.HASH && (s.type === FrozenSetType || s.type.native === FrozenSetType)) {
    let h = 0;
    for (const k of keysOf(s)) h += Number(hashOf(k));
    return h;
  }
  return undefined;
}
SetType.unary = unary;
FrozenSetType.unary = unary;

function binary(op: Binary, a: PyObj, b: PyObj): PyObj | undefined {
  const s = a as PySet;
  if (op === Binary.CONTAINS) return s.mpmap.has(b);
  if (!isSet(b)) {
    if (op === Binary.EQ) return false;
    if (op === Binary.NE) return true;
    return undefined;
  }
  switch (op) {
    case Binary.OR: return same(s, [...keysOf(s), ...keysOf(b)]);
    case Binary.AND: return same(s, keysOf(s).filter((k) => b.mpmap.has(k)));
    case Binary.SUB: return same(s, keysOf(s).filter((k) => !b.mpmap.has(k)));
    case Binary.XOR: return same(s, [...keysOf(s).filter((k) => !b.mpmap.has(k)), ...keysOf(b).filter((k) => !s.mpmap.has(k))]);
    case Binary.IOR: for (const k of keysOf(b)) s.mpmap.set(k, true); return s;
    case Binary.IAND: for (const k of keysOf(s)) if (!b.mpmap.has(k)) s.mpmap.delete(k); return s;
    case Binary.ISUB: for (const k of keysOf(b)) s.mpmap.delete(k); return s;
    case Binary.IXOR:
      for (const k of keysOf(b)) {
        if (s.mpmap.has(k)) s.mpmap.delete(k);
        else s.mpmap.set(k, true);
      }
      return s;
    case Binary.EQ: return s.mpmap.used === b.mpmap.used && isSubset(s, b);
    case Binary.NE: return !(s.mpmap.used === b.mpmap.used && isSubset(s, b));
    case Binary.LE: return isSubset(s, b);
    case Binary.LT: return s.mpmap.used < b.mpmap.used && isSubset(s, b);
    case Binary.GE: return isSubset(b, s);
    case Binary.GT: return s.mpmap.used > b.mpmap.used && isSubset(b, s);
    default: return undefined;
  }
}
SetType.binary = binary;
FrozenSetType.binary = binary;

class SetIter extends PyObject {
  pos = 0;
  constructor(public s: PySet) {
    super(SetIterType);
  }
}
const SetIterType = new PyType('iterator', [ObjectType]);
SetIterType.getiter = (o) => o;
SetIterType.iternext = (o) => {
  const it = o as SetIter;
  const p = it.s.mpmap.next(it.pos);
  if (p < 0) return undefined;
  it.pos = p + 1;
  return it.s.mpmap.keys[p] as PyObj;
};
SetType.getiter = (o) => new SetIter(o as PySet);
FrozenSetType.getiter = SetType.getiter;

for (const t of [SetType, FrozenSetType]) {
  defMethod(t, 'copy', (a) => {
    const s = asSet(a[0] as PyObj);
    return new PySet(s.mpmap.copy(), s.type);
  });
  defMethod(t, 'union', (a) => same(asSet(a[0] as PyObj), [...keysOf(asSet(a[0] as PyObj)), ...otherKeys(a[1] as PyObj)]));
  defMethod(t, 'intersection', (a) => {
    const o = newSet(otherKeys(a[1] as PyObj));
    return same(asSet(a[0] as PyObj), keysOf(asSet(a[0] as PyObj)).filter((k) => o.mpmap.has(k)));
  });
  defMethod(t, 'difference', (a) => {
    let keys = keysOf(asSet(a[0] as PyObj));
    for (let i = 1; i < a.length; i++) {
      const o = newSet(otherKeys(a[i] as PyObj));
      keys = keys.filter((k) => !o.mpmap.has(k));
    }
    return same(asSet(a[0] as PyObj), keys);
  });
  defMethod(t, 'symmetric_difference', (a) => binary(Binary.XOR, a[0] as PyObj, newSet(otherKeys(a[1] as PyObj))) as PyObj);
  defMethod(t, 'isdisjoint', (a) => {
    const s = asSet(a[0] as PyObj);
    return !otherKeys(a[1] as PyObj).some((k) => s.mpmap.has(k));
  });
  defMethod(t, 'issubset', (a) => isSubset(asSet(a[0] as PyObj), newSet(otherKeys(a[1] as PyObj))));
  defMethod(t, 'issuperset', (a) => isSubset(newSet(otherKeys(a[1] as PyObj)), asSet(a[0] as PyObj)));
}
defMethod(SetType, 'add', (a) => {
  asSet(a[0] as PyObj).mpmap.set(a[1] as PyObj, true);
  return NoneObj;
});
defMethod(SetType, 'clear', (a) => {
  asSet(a[0] as PyObj).mpmap.clear();
  return NoneObj;
});
defMethod(SetType, 'discard', (a) => {
  asSet(a[0] as PyObj).mpmap.delete(a[1] as PyObj);
  return NoneObj;
});
defMethod(SetType, 'remove', (a) => {
  if (asSet(a[0] as PyObj).mpmap.delete(a[1] as PyObj) === undefined) throw keyError(a[1] as PyObj);
  return NoneObj;
});
defMethod(SetType, 'pop', (a) => {
  const s = asSet(a[0] as PyObj);
  const p = s.mpmap.next(0);
  if (p < 0) throw excMsg(KeyErrorType, 'pop from an empty set');
  const k = s.mpmap.keys[p] as PyObj;
  s.mpmap.deleteAt(p);
  return k;
});
defMethod(SetType, 'update', (a) => {
  const s = asSet(a[0] as PyObj);
  for (let i = 1; i < a.length; i++) for (const k of otherKeys(a[i] as PyObj)) s.mpmap.set(k, true);
  return NoneObj;
});
defMethod(SetType, 'difference_update', (a) => {
  const s = asSet(a[0] as PyObj);
  for (let i = 1; i < a.length; i++) for (const k of otherKeys(a[i] as PyObj)) s.mpmap.delete(k);
  return NoneObj;
});
defMethod(SetType, 'intersection_update', (a) => {
  const s = asSet(a[0] as PyObj);
  const o = newSet(otherKeys(a[1] as PyObj));
  for (const k of keysOf(s)) if (!o.mpmap.has(k)) s.mpmap.delete(k);
  return NoneObj;
});
defMethod(SetType, 'symmetric_difference_update', (a) => {
  binary(Binary.IXOR, a[0] as PyObj, newSet(otherKeys(a[1] as PyObj)));
  return NoneObj;
});
void getIter;
void iterNext;
void isTrue;
// sets and frozensets are equal to each other
SetType.eqChecksOther = true;
FrozenSetType.eqChecksOther = true;
