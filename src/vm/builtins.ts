// The builtins module of the unix standard build (py/modbuiltins.c), plus the int/bool/float
// constructors and the iterator helper types (enumerate, zip, map, filter, reversed).
import { PyBytes } from '../objects/bytes.js';
import { ComplexType } from '../objects/complex.js';
import { DictType, dictUpdate, newDict, PyDict } from '../objects/dict.js';
import {
  BUILTIN_EXCEPTIONS, EOFErrorType, excMsg, OverflowErrorType, PyException, typeError, TypeErrorType, valueError,
  ValueErrorType,
} from '../objects/exceptions.js';
import { checkFloatArg, parseFloat as parseFloatText } from '../objects/float.js';
import { floatToInt as f2i } from '../objects/int.js';
import { PyBoundMethod, PyFunction, PropertyType } from '../objects/fun.js';
import { checkInt, intBinary, normBig } from '../objects/int.js';
import { sortItems } from '../objects/list.js';
import {
  Binary, BoolType, ClassMethodType, DELETE, EllipsisObj, FloatType, IntType, ListType, NoneObj,
  NotImplementedObj, ObjectType, objectId, PyBoxed, unbox, PrintKind, PyBuiltin, PyFloat, PyList, PyModule, PyObject, PyTuple,
  PyType, StaticMethodType, StrType, TupleType, TypeType, typeOf, Unary, type KwArgs, type NativeFn, type PyObj,
} from '../objects/object.js';
import { RangeType } from '../objects/range.js';
import { FrozenSetType, SetType } from '../objects/set.js';
import { SliceType } from '../objects/slice.js';
import { intFromObj, STR_KIND } from '../objects/str.js';
import { isInstance, isSubclass, makeClass, markNativeInited, nativeInit, PySuper, SuperType } from '../objects/type.js';
import { intUnary as intUnaryOp } from '../objects/int.js';
import { bufferOf, ByteArrayType, BytesType, MemoryViewType } from '../objects/bytes.js';
import { CodeObject } from './trace.js';
import { loadAttr, loadAttrMaybe, registerUserClass, storeAttr } from './attr.js';
import { callAny, currentFrame, runWithLocals } from './interp.js';
import {
  binaryOp, call, checkAlloc, checkQstr, getIter, hashOf, lenMaybe, isCallable, isTrue, iterNext, len, repr, str, toArray, typeName, unaryOp, rt,
} from './runtime.js';
import { MpMap } from '../objects/map.js';
import { applyArities } from './arity.js';

export interface BuiltinHooks {
  /** Runs source text or a code object; fileName names the source in tracebacks (default "<string>"). */
  exec(source: PyObj, globals: PyDict, locals: PyDict, mode: 'exec' | 'eval', fileName?: string): PyObj;
  /** A file's bytes through the mount table (execfile); OSError when it cannot be read. */
  readSource(path: string): Uint8Array;
  compile(source: string, fileName: string, mode: string): PyObj;
  importModule(name: string, fromList: PyObj, level: number, globals: PyDict | undefined): PyObj;
  readLine(): string | undefined;
  open(args: PyObj[], kw: KwArgs | undefined): PyObj;
}

function fn(name: string, f: NativeFn): PyBuiltin {
  return new PyBuiltin(name, f);
}

function argCount(name: string, args: PyObj[], min: number, max: number): void {
  if (args.length < min || args.length > max) {
    if (min === max) throw typeError(`function takes ${min} positional arguments but ${args.length} were given`);
    if (args.length < min) throw typeError(`function missing ${min - args.length} required positional arguments`);
    throw typeError(`function expected at most ${max} arguments, got ${args.length}`);
  }
  void name;
}

function nearbyint(x: number): number {
  if (Math.abs(x % 1) === 0.5) return 2 * Math.round(x / 2);
  return Math.round(x);
}

// ------------------------------------------------------------------ iterator helper types

class Enumerate extends PyObject {
  constructor(public it: PyObj, public i: PyObj) {
    super(EnumerateType);
  }
}
const EnumerateType = new PyType('enumerate', [ObjectType]);
EnumerateType.make = (_c, args, kw) => {
  const start = kw?.get('start') ?? args[1] ?? 0;
  return new Enumerate(getIter(kw?.get('iterable') ?? (args[0] as PyObj)), start);
};
EnumerateType.getiter = (o) => o;
EnumerateType.iternext = (o) => {
  const e = o as Enumerate;
  const v = iterNext(e.it);
  if (v === undefined) return undefined;
  const i = e.i;
  e.i = binaryOp(Binary.ADD, i, 1);
  return new PyTuple([i, v]);
};

class Zip extends PyObject {
  constructor(public its: PyObj[]) {
    super(ZipType);
  }
}
const ZipType = new PyType('zip', [ObjectType]);
ZipType.make = (_c, args) => new Zip(args.map(getIter));
ZipType.getiter = (o) => o;
ZipType.iternext = (o) => {
  const z = o as Zip;
  if (z.its.length === 0) return undefined;
  const out: PyObj[] = [];
  for (const it of z.its) {
    const v = iterNext(it);
    if (v === undefined) return undefined;
    out.push(v);
  }
  return new PyTuple(out);
};

class MapIter extends PyObject {
  constructor(public f: PyObj, public its: PyObj[]) {
    super(MapType);
  }
}
const MapType = new PyType('map', [ObjectType]);
MapType.make = (_c, args) => {
  if (args.length < 2) throw typeError('function missing 1 required positional arguments');
  return new MapIter(args[0] as PyObj, args.slice(1).map(getIter));
};
MapType.getiter = (o) => o;
MapType.iternext = (o) => {
  const m = o as MapIter;
  const a: PyObj[] = [];
  for (const it of m.its) {
    const v = iterNext(it);
    if (v === undefined) return undefined;
    a.push(v);
  }
  return callAny(m.f, a, undefined);
};

class FilterIter extends PyObject {
  constructor(public f: PyObj, public it: PyObj) {
    super(FilterType);
  }
}
const FilterType = new PyType('filter', [ObjectType]);
FilterType.make = (_c, args) => new FilterIter(args[0] as PyObj, getIter(args[1] as PyObj));
FilterType.getiter = (o) => o;
FilterType.iternext = (o) => {
  const f = o as FilterIter;
  for (;;) {
    const v = iterNext(f.it);
    if (v === undefined) return undefined;
    if (isTrue(f.f === NoneObj ? v : callAny(f.f, [v], undefined))) return v;
  }
};

class Reversed extends PyObject {
  constructor(public seq: PyObj, public i: number) {
    super(ReversedType);
  }
}
const ReversedType = new PyType('reversed', [ObjectType]);
ReversedType.make = (_c, args) => {
  const s = args[0] as PyObj;
  const t = typeOf(s);
  if (t.isUser) {
    const m = t.lookup('__reversed__');
    if (m !== undefined) return callAny(m, [s], undefined);
  }
  return new Reversed(s, len(s));
};
ReversedType.getiter = (o) => o;
ReversedType.iternext = (o) => {
  const r = o as Reversed;
  if (r.i <= 0) return undefined;
  r.i--;
  return call(loadAttrMaybe(r.seq, '__getitem__') ?? new PyBuiltin('g', (a) => subscrLoad(r.seq, a[0] as PyObj)), [r.i]);
};
import { subscr } from './runtime.js';
function subscrLoad(o: PyObj, i: PyObj): PyObj {
  return subscr(o, i, undefined);
}

// ------------------------------------------------------------------ number constructors

IntType.make = (cls, args, kw) => {
  if (kw && kw.size) throw typeError('function does not take keyword arguments');
  if (args.length > 2) throw typeError(`function takes at most 2 arguments`);
  const v = args.length === 0 ? 0 : intFromObj(args[0] as PyObj, args[1]);
  if (cls !== IntType) return new PyBoxed(v, cls);
  return v;
};
IntType.print = (o) => String(o);
// Slots used when an int reaches generic dispatch (e.g. through an int subclass instance).
IntType.unary = (op, o) => intUnaryOp(op, o as number | bigint);
IntType.binary = (op, a, b) => {
  const x = a as number | bigint;
  const y = unbox(b);
  if (typeof y === 'number' || typeof y === 'bigint' || typeof y === 'boolean') {
    return op >= 100 ? intBinary((op - 100) as Binary, typeof y === 'boolean' ? Number(y) : y, x) : intBinary(op, x, typeof y === 'boolean' ? Number(y) : y);
  }
  // int op float is float arithmetic; an op float does not support (|, &, ...) is unsupported, not retried
  if (y instanceof PyFloat) return op >= 100 ? undefined : FloatType.binary?.(op, new PyFloat(Number(x)), y);
  return undefined;
};
nativeInit.set(IntType, (o, args) => {
  if (o instanceof PyBoxed) o.value = args.length ? intFromObj(args[0] as PyObj, args[1]) : 0;
});
nativeInit.set(TupleType, (o, args) => {
  if (args.length) (o as PyTuple).items = toArray(args[0] as PyObj);
});
nativeInit.set(DictType, (o, args, kw) => {
  const d = o as PyDict;
  if (args.length) dictUpdate(d, args[0] as PyObj);
  if (kw) for (const [k, v] of kw) d.mpmap.set(k, v);
});
// list.__init__ / dict.__init__, reached through super().__init__(...) in subclasses
for (const t of [ListType, DictType]) {
  t.dict.set('__init__', Object.assign(new PyBuiltin('__init__', (a, kw) => {
    const self = a[0] as PyObj;
    if (self instanceof PyList) self.items = [];
    else if (self instanceof PyDict) self.mpmap.clear();
    nativeInit.get(t)?.(self, a.slice(1), kw);
    markNativeInited(self);
    return NoneObj;
  }), { isMethod: true }));
}
nativeInit.set(StrType, (o, args) => {
  if (o instanceof PyBoxed) o.value = args.length ? str(args[0] as PyObj) : '';
});
// int.from_bytes(bytes[, byteorder[, signed]]): unsigned, big-endian unless byteorder is 'little'
defStatic(IntType, 'from_bytes', (a, kw) => {
  intBytesArgs(a, kw, 2);
  const b = bufferOf(a[1] as PyObj);
  if (b === undefined) throw typeError('object with buffer protocol required');
  const little = a[2] === 'little';
  let v = 0n;
  for (let i = 0; i < b.length; i++) {
    const byte = BigInt(b[little ? b.length - 1 - i : i] as number);
    v = (v << 8n) | byte;
  }
  return normBig(v);
}, true);
// int.to_bytes([length[, byteorder[, signed]]]): as upstream, negative values are always written in
// two's complement (signed is ignored) and a value that does not fit raises OverflowError
defMethodOn(IntType, 'to_bytes', (a, kw) => {
  intBytesArgs(a, kw, 1);
  const v = BigInt(checkInt(a[0] as PyObj));
  const n = a.length < 2 ? 1 : wordNumber(a[1] as PyObj);
  if (n < 0) throw excMsg(ValueErrorType);
  checkAlloc(n);
  const little = a[2] === 'little';
  const out = new Uint8Array(n);
  let ok: boolean;
  if (v >= -(2n ** 62n) && v < 2n ** 62n) {
    // small int: the bytes needed for the value (a sign bit only for values below -1)
    const slen = v > 0n ? Math.ceil(v.toString(2).length / 8) : v < -1n ? Math.floor(((~v).toString(2).length + 8) / 8) : Number(-v);
    ok = slen <= n;
    if (ok) writeTwos(out, v, n, little);
  } else {
    // mpz_as_bytes: whole 16-bit digits are converted; dropped bytes must be zero, and when the
    // buffer is filled a negative value's top bit must be set
    const mag = v < 0n ? -v : v;
    const nbytes = Math.ceil(mag.toString(2).length / 16) * 2;
    const tc = v < 0n ? (1n << BigInt(8 * nbytes)) - mag : mag;
    ok = n >= nbytes || (tc >> BigInt(8 * n)) === 0n;
    writeTwos(out, v, n, little);
    if (v < 0n && n <= nbytes && n > 0) ok = ok && ((out[little ? n - 1 : 0] as number) & 0x80) !== 0;
  }
  if (!ok) throw excMsg(OverflowErrorType, 'buffer too small');
  return new PyBytes(out);
});
function intBytesArgs(a: PyObj[], kw: KwArgs | undefined, min: number): void {
  if (kw !== undefined && kw.size > 0) throw typeError("function doesn't take keyword arguments");
  if (a.length < min) throw typeError(`function missing ${min - a.length} required positional arguments`);
  if (a.length > 4) throw typeError(`function expected at most 4 arguments, got ${a.length}`);
}
function writeTwos(out: Uint8Array, v: bigint, n: number, little: boolean): void {
  let x = v;
  for (let i = 0; i < n; i++) {
    out[little ? i : n - 1 - i] = Number(x & 0xffn);
    x >>= 8n;
  }
}
function wordNumber(o: PyObj): number {
  const v = checkInt(o);
  if (typeof v === 'bigint') {
    if (v < -(2n ** 63n) || v >= 2n ** 63n) throw excMsg(OverflowErrorType, 'overflow converting long int to machine word');
    return Number(v);
  }
  return v;
}
BoolType.make = (_c, args) => (args.length === 0 ? false : isTrue(args[0] as PyObj));
BoolType.print = (o) => (o ? 'True' : 'False');
FloatType.make = (_c, args) => {
  if (args.length === 0) return new PyFloat(0);
  const a = args[0] as PyObj;
  if (typeof a === 'string') return new PyFloat(parseFloatText(a));
  // float_make_new: any buffer holds text to parse; otherwise mp_obj_get_float (__float__ included)
  const buf = bufferOf(a);
  if (buf !== undefined) return new PyFloat(parseFloatText(new TextDecoder().decode(buf)));
  if (a instanceof PyFloat) return a;
  return new PyFloat(checkFloatArg(a));
};
NoneObj.type.print = () => 'None';
NoneObj.type.unary = (op) => (op === Unary.HASH ? 6 : op === Unary.BOOL ? false : undefined);
EllipsisObj.type.print = () => 'Ellipsis';
NotImplementedObj.type.print = () => 'NotImplemented';

function defMethodOn(t: PyType, name: string, f: NativeFn): void {
  t.dict.set(name, Object.assign(new PyBuiltin(name, f), { isMethod: true }));
}
function defStatic(t: PyType, name: string, f: NativeFn, cls: boolean): void {
  const b = new PyBuiltin(name, f);
  t.dict.set(name, cls ? new (ClassMethodWrap())(b) : b);
}
import { PyClassMethod } from '../objects/object.js';
function ClassMethodWrap(): typeof PyClassMethod {
  return PyClassMethod;
}

// ------------------------------------------------------------------ the builtins dict

function minMax(args: PyObj[], kw: KwArgs | undefined, op: Binary): PyObj {
  const key = kw?.get('key');
  const dflt = kw?.get('default');
  const items = args.length === 1 ? toArray(args[0] as PyObj) : args;
  if (args.length === 0) throw typeError('function missing 1 required positional arguments');
  let best: PyObj | undefined;
  let bestKey: PyObj | undefined;
  for (const x of items) {
    const k = key === undefined || key === NoneObj ? x : callAny(key, [x], undefined);
    if (best === undefined || binaryOp(op, k, bestKey as PyObj) === true) {
      best = x;
      bestKey = k;
    }
  }
  if (best === undefined) {
    if (dflt !== undefined) return dflt;
    throw valueError('arg is an empty sequence');
  }
  return best;
}

const utf8 = new TextEncoder();
function printFn(args: PyObj[], kw: KwArgs | undefined): PyObj {
  const sepO = kw?.get('sep');
  const endO = kw?.get('end');
  const file = kw?.get('file');
  const sep = sepO === undefined || sepO === NoneObj ? ' ' : str(sepO);
  const end = endO === undefined || endO === NoneObj ? '\n' : str(endO);
  if (file !== undefined) {
    // upstream writes each piece through the stream protocol (so an io.IOBase subclass gets bytearrays,
    // and empty pieces are not written); an object's text is one piece here, where upstream's printer
    // may split it (a list's brackets and items are separate writes there)
    checkWritable(file);
    const put = (t: string): void => {
      if (t !== '') writeBytes(file, utf8.encode(t));
    };
    for (let i = 0; i < args.length; i++) {
      if (i > 0) put(sep);
      put(str(args[i] as PyObj));
    }
    put(end);
    return NoneObj;
  }
  let s = '';
  for (let i = 0; i < args.length; i++) {
    if (i > 0) s += sep;
    s += str(args[i] as PyObj);
  }
  s += end;
  rt.hooks.stdout(s);
  return NoneObj;
}

export function dirOf(o: PyObj | undefined, hooksGlobals: () => PyDict): PyObj {
  const names: string[] = [];
  const add = (k: PyObj): void => {
    if (typeof k === 'string' && !names.includes(k)) names.push(k);
  };
  if (o === undefined) {
    for (const [k] of hooksGlobals().mpmap.entries()) add(k);
    return new PyList(names);
  }
  if (o instanceof PyModule) {
    for (const [k] of (o.globals as PyDict).mpmap.entries()) add(k);
  } else {
    // an instance whose class defines __dir__ answers itself (a class's own __dir__ is not a method)
    if (!(o instanceof PyType) && typeOf(o).isUser) {
      const m = typeOf(o).lookup('__dir__');
      if (m instanceof PyFunction) return call(m, [o]);
    }
    const d = (o as { dict?: unknown }).dict;
    if (d instanceof Map && !(o instanceof PyType)) for (const k of d.keys()) add(k);
    const t = o instanceof PyType ? o : typeOf(o);
    for (const c of t.mro) for (const k of c.dict.keys()) add(k);
    add('__class__');
  }
  return new PyList(names);
}

export function makeBuiltins(hooks: BuiltinHooks): PyDict {
  const d = newDict();
  const set = (k: string, v: PyObj): void => d.mpmap.set(k, v);
  const def = (name: string, f: NativeFn): void => set(name, fn(name, f));
  const globalsNow = (): PyDict => currentFrame()?.globals ?? d;

  def('__build_class__', (args, kw) => {
    const body = args[0];
    const name = args[1];
    if (!(body instanceof PyFunction) || typeof name !== 'string') throw typeError('__build_class__ args');
    const ns = new PyDict(new MpMap());
    const cell = runWithLocals(body, ns, []);
    const m = new Map<string, PyObj>();
    for (const [k, v] of ns.mpmap.entries()) if (typeof k === 'string') m.set(k, v);
    const meta = kw?.get('metaclass');
    let cls: PyObj;
    if (meta !== undefined && meta !== TypeType) {
      cls = callAny(meta, [name, new PyTuple(args.slice(2)), ns], undefined);
    } else cls = makeClass(name, args.slice(2), m);
    if (cls instanceof PyType) {
      cls.fastSetattr = computeFastSetattr(cls);
      if (cls.fastSetattr) registerUserClass(cls);
      // descriptors learn their attribute name (PEP 487 __set_name__)
      for (const [k, v] of m) {
        if (typeof v === 'object' && v.type.isUser && !(v instanceof PyType)) {
          const sn = v.type.lookup('__set_name__');
          if (sn !== undefined) callAny(sn, [v, cls, k], undefined);
        }
      }
      // the class cell (for zero-argument super) is returned by the body
      if (cell !== NoneObj && typeof cell === 'object' && 'v' in cell) (cell as { v: PyObj }).v = cls;
    }
    return cls;
  });
  def('__import__', (args) => {
    // mp_builtin___import___default's checks: level >= 0, a str name, globals a dict when relative
    const level = Number(args[4] ?? 0);
    if (level < 0) throw excMsg(ValueErrorType);
    const name = args[0] as PyObj;
    if (typeof name !== 'string') throw typeError(`can't convert '${typeName(name)}' object to str implicitly`);
    checkQstr(name);
    const g = args[1];
    if (level > 0 && g !== undefined && g !== NoneObj && !(g instanceof PyDict && g.type === DictType)) throw excMsg(TypeErrorType);
    if (name === '' && level === 0) throw excMsg(ValueErrorType);
    return hooks.importModule(name, args[3] ?? NoneObj, level, g instanceof PyDict ? g : undefined);
  });
  def('abs', (a) => {
    argCount('abs', a, 1, 1);
    return unaryOp(Unary.ABS, a[0] as PyObj);
  });
  def('all', (a) => {
    const it = getIter(a[0] as PyObj);
    for (let v = iterNext(it); v !== undefined; v = iterNext(it)) if (!isTrue(v)) return false;
    return true;
  });
  def('any', (a) => {
    const it = getIter(a[0] as PyObj);
    for (let v = iterNext(it); v !== undefined; v = iterNext(it)) if (isTrue(v)) return true;
    return false;
  });
  const radix = (base: number, pfx: string) => (a: PyObj[]): PyObj => {
    const v = checkInt(a[0] as PyObj);
    const neg = v < 0;
    const s = (neg ? -BigInt(v) : BigInt(v)).toString(base);
    return (neg ? '-' : '') + pfx + s;
  };
  def('bin', radix(2, '0b'));
  def('oct', radix(8, '0o'));
  def('hex', radix(16, '0x'));
  def('callable', (a) => isCallable(a[0] as PyObj));
  def('chr', (a) => {
    const c = Number(checkInt(a[0] as PyObj));
    if (c < 0 || c > 0x10ffff) throw valueError('chr() arg not in range(0x110000)');
    return String.fromCodePoint(c);
  });
  def('ord', (a) => {
    const s = a[0] as PyObj;
    if (typeof s === 'string') {
      const cps = [...s];
      if (cps.length !== 1) throw typeError(`ord() expected a character, but string of length ${cps.length} found`);
      return (cps[0] as string).codePointAt(0) as number;
    }
    if (s instanceof PyBytes) {
      if (s.data.length !== 1) throw typeError(`ord() expected a character, but string of length ${s.data.length} found`);
      return s.data[0] as number;
    }
    throw typeError(`ord() expected a character, but string of length 0 found`);
  });
  const attrName = (o: PyObj | undefined): string => {
    if (typeof o !== 'string') throw typeError(`can't convert '${typeName(o as PyObj)}' object to str implicitly`);
    return checkQstr(o);
  };
  def('delattr', (a) => {
    storeAttr(a[0] as PyObj, attrName(a[1]), DELETE);
    return NoneObj;
  });
  def('setattr', (a) => {
    storeAttr(a[0] as PyObj, attrName(a[1]), a[2] as PyObj);
    return NoneObj;
  });
  def('getattr', (a) => {
    const name = a[1];
    if (typeof name !== 'string') throw typeError('attribute name must be a string');
    checkQstr(name);
    if (a.length > 2) {
      try {
        const v = loadAttrMaybe(a[0] as PyObj, name);
        return v === undefined ? (a[2] as PyObj) : v;
      } catch (e) {
        if (e instanceof PyException && e.type.name === 'AttributeError') return a[2] as PyObj;
        throw e;
      }
    }
    return loadAttr(a[0] as PyObj, name);
  });
  def('hasattr', (a) => {
    try {
      return loadAttrMaybe(a[0] as PyObj, attrName(a[1])) !== undefined;
    } catch (e) {
      if (e instanceof PyException && e.type.name === 'AttributeError') return false;
      throw e;
    }
  });
  def('dir', (a) => dirOf(a[0], globalsNow));
  def('divmod', (a) => {
    const x = a[0] as PyObj;
    const y = a[1] as PyObj;
    if ((typeof x === 'number' || typeof x === 'bigint' || typeof x === 'boolean') &&
      (typeof y === 'number' || typeof y === 'bigint' || typeof y === 'boolean')) {
      return intBinary(Binary.DIVMOD, Number(x) === Number(x) && typeof x !== 'boolean' ? x : Number(x), typeof y === 'boolean' ? Number(y) : y) as PyObj;
    }
    const fx = x instanceof PyFloat || y instanceof PyFloat;
    if (fx) return FloatDivmod(checkFloatArg(x), checkFloatArg(y));
    throw typeError(`unsupported types for divmod(): '${typeName(x)}', '${typeName(y)}'`);
  });
  // eval_exec_helper: a non-None globals/locals must be a dict; globals alone also serves as locals
  const evalExec = (a: PyObj[], mode: 'exec' | 'eval', file = false): PyObj => {
    let g = globalsNow();
    let l: PyDict | undefined;
    for (let i = 1; i < 3 && i < a.length; i++) {
      const x = a[i] as PyObj;
      if (x === NoneObj) continue;
      if (!(x instanceof PyDict) || x.type !== DictType) throw excMsg(TypeErrorType);
      l = x;
      if (i === 1) g = x;
    }
    let src = a[0] as PyObj;
    if (file) {
      // execfile takes the path as a str (a qstr upstream) and reads the file through the VFS
      const path = STR_KIND.text(src);
      return hooks.exec(new TextDecoder().decode(hooks.readSource(path)), g, l ?? currentFrame()?.locals ?? g, 'exec', path);
    }
    if (typeof src !== 'string' && !(src instanceof CodeObject)) {
      const b = bufferOf(src);
      if (b === undefined) throw typeError('object with buffer protocol required');
      src = new TextDecoder().decode(b);
    }
    return hooks.exec(src, g, l ?? currentFrame()?.locals ?? g, mode);
  };
  def('eval', (a) => evalExec(a, 'eval'));
  def('exec', (a) => {
    evalExec(a, 'exec');
    return NoneObj;
  });
  def('execfile', (a) => {
    evalExec(a, 'exec', true);
    return NoneObj;
  });
  def('compile', (a) => {
    const mode = str(a[2] as PyObj);
    if (mode !== 'exec' && mode !== 'eval' && mode !== 'single') throw valueError('bad compile mode');
    return hooks.compile(str(a[0] as PyObj), str(a[1] as PyObj), mode);
  });
  def('globals', () => globalsNow());
  def('locals', () => currentFrame()?.locals ?? d);
  def('hash', (a) => {
    const h = hashOf(a[0] as PyObj);
    return typeof h === 'bigint' ? normBig(h) : h;
  });
  def('id', (a) => {
    const o = a[0] as PyObj;
    if (typeof o === 'number') return o * 2 + 1;
    return objectId(o);
  });
  def('input', (a) => {
    if (a.length) rt.hooks.stdout(str(a[0] as PyObj));
    const line = hooks.readLine();
    if (line === undefined) throw excMsg(EOFErrorType);
    return line;
  });
  def('isinstance', (a) => {
    argCount('isinstance', a, 2, 2);
    return isInstance(a[0] as PyObj, a[1] as PyObj);
  });
  def('issubclass', (a) => isSubclass(a[0] as PyObj, a[1] as PyObj));
  def('iter', (a) => {
    argCount('iter', a, 1, 1);
    return getIter(a[0] as PyObj);
  });
  def('len', (a) => {
    argCount('len', a, 1, 1);
    const o = a[0] as PyObj;
    if (typeof o === 'object' && o.type.isUser) return unaryOp(Unary.LEN, o);
    // a length can exceed 2^53 (range over the whole machine word), so keep the int as the type gave it
    const l = lenMaybe(o);
    if (l === undefined) return len(o);
    return l;
  });
  def('max', (a, kw) => minMax(a, kw, Binary.GT));
  def('min', (a, kw) => minMax(a, kw, Binary.LT));
  def('next', (a) => {
    rt.stopValue = undefined;
    const v = iterNext(a[0] as PyObj);
    if (v === undefined) {
      if (a.length > 1) return a[1] as PyObj;
      const sv = rt.stopValue;
      rt.stopValue = undefined;
      throw sv === undefined || sv === NoneObj ? new PyException(stopIterType()) : new PyException(stopIterType(), new PyTuple([sv]));
    }
    return v;
  });
  def('open', (a, kw) => hooks.open(a, kw));
  def('pow', (a) => {
    argCount('pow', a, 2, 3);
    if (a.length === 3) {
      const isI = (o: PyObj | undefined): boolean => typeof o === 'number' || typeof o === 'bigint' || typeof o === 'boolean';
      if (!isI(a[0]) || !isI(a[1]) || !isI(a[2])) throw typeError('pow() with 3 arguments requires integers');
      const m = BigInt(checkInt(a[2] as PyObj));
      let base = BigInt(checkInt(a[0] as PyObj));
      let e = BigInt(checkInt(a[1] as PyObj));
      if (m === 0n) throw valueError('divide by zero');
      if (e < 0n) return 0; // upstream quirk: negative exponent with modulus gives 0
      let r = 1n % m;
      base = ((base % m) + m) % m;
      while (e > 0n) {
        if (e & 1n) r = (r * base) % m;
        base = (base * base) % m;
        e >>= 1n;
      }
      if (m < 0n && r > 0n) r += m;
      return normBig(r);
    }
    return binaryOp(Binary.POW, a[0] as PyObj, a[1] as PyObj);
  });
  def('print', printFn);
  // REPL inputs compiled in 'single' mode call this on each expression statement's value
  def('__repl_print__', (a) => {
    const o = a[0] as PyObj;
    if (o !== NoneObj) {
      rt.hooks.stdout(repr(o) + '\n');
      d.mpmap.set('_', o);
    }
    return NoneObj;
  });
  def('help', (a) => {
    const o = a[0];
    if (o === undefined) rt.hooks.stdout(HELP_TEXT);
    else if (o === 'modules') {
      rt.hooks.stdout([...nativeModules.keys(), '__main__', 'builtins', 'micropython', 'sys'].sort().join(' ') + '\n');
    } else {
      // builtinhelp.c: the object, then its module globals or its type's own dict
      rt.hooks.stdout(`object ${str(o)} is of type ${typeOf(o).name}\n`);
      const g = o instanceof PyModule ? (o.globals as PyDict).mpmap : undefined;
      const entries = o instanceof PyModule && g !== undefined
        ? o.tableOrder?.map((k) => [k, g.get(k) as PyObj] as const) ?? [...g.entries()]
        : [...(o instanceof PyType ? o : typeOf(o)).dict.entries()];
      for (const [k, v] of entries) rt.hooks.stdout(`  ${str(k)} -- ${str(v)}\n`);
    }
    return NoneObj;
  });
  def('repr', (a) => repr(a[0] as PyObj));
  def('round', (a) => {
    const x = a[0] as PyObj;
    if (typeof x === 'number' || typeof x === 'bigint' || typeof x === 'boolean') {
      const v = typeof x === 'boolean' ? (x ? 1 : 0) : x;
      if (a.length <= 1 || a[1] === NoneObj) return v;
      const nd = Number(checkInt(a[1] as PyObj));
      if (nd >= 0) return v;
      const mult = 10n ** BigInt(-nd);
      const bv = BigInt(v);
      const half = mult / 2n;
      let mod = bv % mult;
      if (mod < 0n) mod += mult;
      const rounded = bv - mod;
      if (half > mod) return normBig(rounded);
      if (mod > half) return normBig(rounded + mult);
      const floor = (bv - mod) / mult;
      return normBig(floor & 1n ? rounded + mult : rounded);
    }
    const v = checkFloatArg(x);
    if (a.length > 1 && a[1] !== NoneObj) {
      const nd = Number(checkInt(a[1] as PyObj));
      const mult = Math.pow(10, nd);
      return new PyFloat(nearbyint(v * mult) / mult);
    }
    return f2i(nearbyint(v));
  });
  def('sorted', (a, kw) => {
    if (a.length !== 1) throw typeError(`function takes 1 positional arguments but ${a.length} were given`);
    const items = toArray(a[0] as PyObj);
    const key = kw?.get('key');
    const rev = kw?.get('reverse');
    sortItems(items, key === undefined || key === NoneObj ? undefined : key, rev !== undefined && isTrue(rev));
    return new PyList(items);
  });
  def('sum', (a) => {
    let acc: PyObj = a.length > 1 ? (a[1] as PyObj) : 0;
    const it = getIter(a[0] as PyObj);
    for (let v = iterNext(it); v !== undefined; v = iterNext(it)) acc = binaryOp(Binary.ADD, acc, v);
    return acc;
  });

  const types: [string, PyObj][] = [
    ['bool', BoolType], ['bytes', BytesType], ['bytearray', ByteArrayType], ['complex', ComplexType],
    ['dict', DictType], ['enumerate', EnumerateType], ['filter', FilterType], ['float', FloatType],
    ['frozenset', FrozenSetType], ['int', IntType], ['list', ListType], ['map', MapType],
    ['memoryview', MemoryViewType], ['object', ObjectType], ['property', PropertyType], ['range', RangeType],
    ['reversed', ReversedType], ['set', SetType], ['slice', SliceType], ['str', StrType], ['super', SuperType],
    ['tuple', TupleType], ['type', TypeType], ['zip', ZipType], ['classmethod', ClassMethodType],
    ['staticmethod', StaticMethodType], ['Ellipsis', EllipsisObj], ['NotImplemented', NotImplementedObj],
  ];
  for (const [k, v] of types) set(k, v);
  for (const t of [ListType, DictType, SetType, ByteArrayType]) t.unhashable = true;
  for (const [k, v] of BUILTIN_EXCEPTIONS) set(k, v);
  applyArities(d);
  return d;
}

import { floatDivmod } from '../objects/float.js';
function FloatDivmod(x: number, y: number): PyObj {
  if (y === 0) throw excMsg(zeroDivType(), 'divide by zero');
  const [q, m] = floatDivmod(x, y);
  return new PyTuple([new PyFloat(q), new PyFloat(m)]);
}
import { StopIterationType, ZeroDivisionErrorType } from '../objects/exceptions.js';
function zeroDivType(): PyType {
  return ZeroDivisionErrorType;
}
function stopIterType(): PyType {
  return StopIterationType;
}

/** Whether instances of cls can store attributes without looking for hooks/descriptors. */
export function computeFastSetattr(cls: PyType): boolean {
  for (const c of cls.mro) {
    if (!c.isUser) continue;
    if (c.dict.has('__setattr__') || c.dict.has('__delattr__')) return false;
    for (const v of c.dict.values()) {
      if (typeof v === 'object' && (v.type === PropertyType || (v.type.isUser && !(v instanceof PyType) && (v.type.lookup('__set__') !== undefined)))) return false;
    }
  }
  return cls.native === ObjectType;
}

export { PySuper, PyBoundMethod, PrintKind, DictType };

import { nativeModules } from './modules.js';
const HELP_TEXT = `Welcome to MicroPython!

For online docs please visit http://docs.micropython.org/

Control commands:
  CTRL-A        -- on a blank line, enter raw REPL mode
  CTRL-B        -- on a blank line, enter normal REPL mode
  CTRL-C        -- interrupt a running program
  CTRL-D        -- on a blank line, exit or do a soft reset
  CTRL-E        -- on a blank line, enter paste mode

For further help on a specific object, type help(obj)
`;

import { checkWritable, writeBytes } from '../modules/_stream.js';
