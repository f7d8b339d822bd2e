// dict and its views (type name 'dict_view' in MicroPython), on top of MpMap's upstream table order.
import { keyError, call, getIter, iterNext, repr, toArray } from '../vm/runtime.js';
import { excMsg, KeyErrorType, typeError, valueError } from './exceptions.js';
import { MpMap } from './map.js';
import {
  defMethod, NoneObj, ObjectType, PrintKind, PyClassMethod, PyObject, PyTuple, PyType, PyBuiltin, Binary,
  objectId, typeOf, Unary, type KwArgs, type PyObj,
} from './object.js';

export class PyDict extends PyObject {
  /** Fixed dicts (errno.errorcode, __dict__ views of classes and native objects): TypeError on any change. */
  readonly = false;
  dict: Map<string, PyObj> | undefined;
  constructor(public mpmap: MpMap = new MpMap(), type: PyType = DictType) {
    super(type);
  }
}

export const DictType = new PyType('dict', [ObjectType]);

export function newDict(n = 0): PyDict {
  return new PyDict(new MpMap(n));
}

export function dictFromMap(m: Map<string, PyObj>): PyDict {
  const d = newDict();
  for (const [k, v] of m) d.mpmap.set(k, v);
  return d;
}

function asDict(o: PyObj): PyDict {
  if (o instanceof PyDict) return o;
  throw typeError('expected dict');
}

export function dictRepr(d: PyDict, kind: PrintKind): string {
  const parts: string[] = [];
  for (const [k, v] of d.mpmap.entries()) parts.push(repr(k) + ': ' + repr(v));
  void kind;
  const body = '{' + parts.join(', ') + '}';
  // subclasses of dict implemented natively (OrderedDict) print as Name({...})
  return d.type === DictType || d.type.isUser ? body : `${d.type.name}(${body})`;
}

/** dict.update / dict(...) semantics: a mapping (has keys()), or an iterable of pairs. */
export function dictUpdate(d: PyDict, src: PyObj): void {
  if (src instanceof PyDict) {
    for (const [k, v] of src.mpmap.entries()) d.mpmap.set(k, v);
    return;
  }
  const it = getIter(src);
  for (let item = iterNext(it); item !== undefined; item = iterNext(it)) {
    const pair = toArray(item);
    if (pair.length !== 2) throw valueError('dict update sequence has wrong length');
    d.mpmap.set(pair[0] as PyObj, pair[1] as PyObj);
  }
}

DictType.make = (cls, args, kw) => {
  const d = new PyDict(new MpMap(), cls);
  if (cls.isUser) d.dict = new Map();
  if (args.length > 1) throw typeError('dict expected at most 1 argument');
  if (args.length === 1) dictUpdate(d, args[0] as PyObj);
  if (kw) for (const [k, v] of kw) d.mpmap.set(k, v);
  return d;
};
DictType.print = (o, k) => dictRepr(o as PyDict, k);
DictType.unary = (op, o) => {
  const d = o as PyDict;
  if (op === Unary.BOOL) return d.mpmap.used !== 0;
  if (op === Unary.LEN) return d.mpmap.used;
  return undefined;
};
DictType.binary = (op, a, b) => {
  const d = a as PyDict;
  if (op === Binary.CONTAINS) return d.mpmap.has(b);
  if (op === Binary.EQ) {
    // only an exact dict on the right (dict_binary_op): a subclass instance or an OrderedDict there
    // leaves the question to the other side, or to identity
    if (!(b instanceof PyDict) || typeOf(b) !== DictType) return undefined;
    if (a === b) return true;
    if (d.mpmap.used !== b.mpmap.used) return false;
    for (const [k, v] of d.mpmap.entries()) {
      const w = b.mpmap.get(k);
      if (w === undefined || !pyEq(v, w)) return false;
    }
    return true;
  }
  if (op === Binary.OR || op === Binary.IOR) {
    if (!(b instanceof PyDict)) return undefined;
    const r = op === Binary.OR ? new PyDict(d.mpmap.copy()) : d;
    for (const [k, v] of b.mpmap.entries()) r.mpmap.set(k, v);
    return r;
  }
  return undefined;
};
import { pyEquals as pyEq } from '../vm/runtime.js';

export function dictGetItem(d: PyDict, key: PyObj): PyObj {
  const v = d.mpmap.get(key);
  if (v === undefined) {
    // dict subclasses' __missing__ is not honoured by MicroPython
    throw keyError(key);
  }
  return v;
}

DictType.subscr = (o, index, value) => {
  const d = o as PyDict;
  if (value === undefined) return dictGetItem(d, index);
  if (d.readonly) throw excMsg(typeErrorType(), undefined);
  if (typeof value === 'symbol') {
    if (d.mpmap.delete(index) === undefined) throw keyError(index);
    return NoneObj;
  }
  d.mpmap.set(index, value);
  return NoneObj;
};
import { TypeErrorType } from './exceptions.js';
function typeErrorType(): PyType {
  return TypeErrorType;
}

/** Iterator over a dict's keys, values or items, by slot index (keeps going if the dict mutates). */
export class PyDictIter extends PyObject {
  pos = 0;
  constructor(public d: PyDict, public kind: 0 | 1 | 2) {
    super(DictIterType);
  }
}
export const DictIterType = new PyType('iterator', [ObjectType]);
DictIterType.getiter = (o) => o;
DictIterType.iternext = (o) => {
  const it = o as PyDictIter;
  const m = it.d.mpmap;
  const p = m.next(it.pos);
  if (p < 0) {
    it.pos = m.alloc;
    return undefined;
  }
  it.pos = p + 1;
  const k = m.keys[p] as PyObj;
  if (it.kind === 0) return k;
  const v = m.values[p] as PyObj;
  return it.kind === 1 ? v : new PyTuple([k, v]);
};
DictType.getiter = (o) => new PyDictIter(o as PyDict, 0);

export class PyDictView extends PyObject {
  constructor(public d: PyDict, public kind: 0 | 1 | 2) {
    super(DictViewType);
  }
}
export const DictViewType = new PyType('dict_view', [ObjectType]);
DictViewType.baseable = false;
// keys and items views compare by content, so (as upstream) they have no hash
DictViewType.unhashable = true;
const VIEW_NAMES = ['dict_keys', 'dict_values', 'dict_items'];
DictViewType.getiter = (o) => new PyDictIter((o as PyDictView).d, (o as PyDictView).kind);
DictViewType.print = (o) => {
  const v = o as PyDictView;
  const items = toArray(v).map((x) => repr(x));
  return `${VIEW_NAMES[v.kind]}([${items.join(', ')}])`;
};
DictViewType.unary = (op, o) => {
  const v = o as PyDictView;
  if (op === Unary.LEN) return v.d.mpmap.used;
  if (op === Unary.BOOL) return v.d.mpmap.used !== 0;
  // only values views hash (by identity); keys and items views are unhashable
  if (op === Unary.HASH && v.kind === 1) return objectId(v);
  return undefined;
};
DictViewType.binary = (op, a, b) => {
  const v = a as PyDictView;
  if (op === Binary.CONTAINS) {
    if (v.kind === 0) return v.d.mpmap.has(b);
    return toArray(v).some((x) => pyEq(x, b));
  }
  return undefined;
};

function kwNone(kw: KwArgs | undefined, name: string): void {
  if (kw && kw.size) throw typeError(`${name}() takes no keyword arguments`);
}

defMethod(DictType, 'keys', (a) => new PyDictView(asDict(a[0] as PyObj), 0));
defMethod(DictType, 'values', (a) => new PyDictView(asDict(a[0] as PyObj), 1));
defMethod(DictType, 'items', (a) => new PyDictView(asDict(a[0] as PyObj), 2));
/** mp_ensure_not_fixed: fixed (read-only) dicts refuse every change with a bare TypeError. */
function fixedCheck(d: PyDict): PyDict {
  if (d.readonly) throw excMsg(typeErrorType(), undefined);
  return d;
}
defMethod(DictType, 'get', (a) => {
  const v = asDict(a[0] as PyObj).mpmap.get(a[1] as PyObj);
  return v === undefined ? (a[2] ?? NoneObj) : v;
});
defMethod(DictType, 'setdefault', (a) => {
  const d = fixedCheck(asDict(a[0] as PyObj));
  const v = d.mpmap.get(a[1] as PyObj);
  if (v !== undefined) return v;
  const dv = a[2] ?? NoneObj;
  d.mpmap.set(a[1] as PyObj, dv);
  return dv;
});
defMethod(DictType, 'pop', (a) => {
  const d = fixedCheck(asDict(a[0] as PyObj));
  const v = d.mpmap.delete(a[1] as PyObj);
  if (v === undefined) {
    if (a.length > 2) return a[2] as PyObj;
    throw keyError(a[1] as PyObj);
  }
  return v;
});
defMethod(DictType, 'popitem', (a) => {
  const d = fixedCheck(asDict(a[0] as PyObj));
  const p = d.mpmap.ordered ? d.mpmap.used - 1 : d.mpmap.next(0);
  if (p < 0) throw excMsg(KeyErrorType, 'popitem(): dictionary is empty');
  const k = d.mpmap.keys[p] as PyObj;
  const v = d.mpmap.deleteAt(p) as PyObj;
  return new PyTuple([k, v]);
});
defMethod(DictType, 'update', (a, kw) => {
  const d = fixedCheck(asDict(a[0] as PyObj));
  if (a.length > 1) dictUpdate(d, a[1] as PyObj);
  if (kw) for (const [k, v] of kw) d.mpmap.set(k, v);
  return NoneObj;
});
defMethod(DictType, 'clear', (a) => {
  fixedCheck(asDict(a[0] as PyObj)).mpmap.clear();
  return NoneObj;
});
defMethod(DictType, 'copy', (a, kw) => {
  kwNone(kw, 'copy');
  const d = asDict(a[0] as PyObj);
  return new PyDict(d.mpmap.copy(), d.type.isUser ? DictType : d.type);
});
DictType.dict.set('fromkeys', new PyClassMethod(new PyBuiltin('fromkeys', (a) => {
  const cls = a[0] as PyType;
  const d = call(cls, []) as PyDict;
  const v = a[2] ?? NoneObj;
  const it = getIter(a[1] as PyObj);
  for (let k = iterNext(it); k !== undefined; k = iterNext(it)) d.mpmap.set(k, v);
  return d;
})));
