// User-defined classes: creation (__build_class__ / type(name, bases, dict)), instances, special-method
// dispatch through slots, super(), property, staticmethod, classmethod, object and type themselves.
import { bindMember, genericSetattr, isSpecialAccessor, loadAttrMaybe } from '../vm/attr.js';
import {
  binaryOp, call, checkQstr, hashOf, isTrue, mkAttributeError, pyEquals, repr, rt, str, typeName, hexId,
} from '../vm/runtime.js';
import { BINARY_OP_NAMES } from '../bytecode/opcodes.js';
import { PyDict } from './dict.js';
import {
  AttributeErrorType, BaseExceptionType, BUILTIN_EXCEPTIONS, excMsg, OSErrorType, PyException, StopIterationType, typeError, TypeErrorType,
} from './exceptions.js';
import { BoundMethodType, PyBoundMethod, PyFunction, PyProperty, PropertyType } from './fun.js';
import { normBig } from './int.js';
import {
  Binary, ClassMethodType, DELETE, defMethod, EMPTY_TUPLE, NoneObj, ObjectType, PrintKind, PyBuiltin,
  PyClassMethod, PyInstance, PyList, PyObject, PyStaticMethod, PyTuple, PyType, REFLECT_OFFSET,
  StaticMethodType, TypeType, typeOf, Unary, unbox, instDict, invalidateTypeCaches, currentTypeEpoch, type KwArgs, type PyObj,
} from './object.js';

// ------------------------------------------------------------ instances of user classes

function userMethod(o: PyObj, name: string): PyObj | undefined {
  const t = typeOf(o);
  const m = t.lookup(name);
  if (m === undefined) return undefined;
  // Skip natively implemented fallbacks from builtin bases (object.__eq__ etc.).
  if (m instanceof PyBuiltin && !t.isUser) return undefined;
  return m;
}

function callDunder(o: PyObj, m: PyObj, args: PyObj[]): PyObj {
  if (m instanceof PyFunction || m instanceof PyBuiltin) return call(m, [o, ...args]);
  return call(bindMember(m, o, typeOf(o)), args);
}

/** `name` from the first user-defined class in t's MRO that defines it (memoised per type). */
function isUserDefined(t: PyType, name: string): PyObj | undefined {
  return t.lookupUser(name);
}

function userPrint(o: PyObj, kind: PrintKind): string {
  const t = typeOf(o);
  const np = t.native !== ObjectType ? t.native.print : undefined;
  // upstream looks __str__ (or __repr__) up through the MRO, where a native base's printer counts as
  // a definition; __str__ falls back to __repr__ only when nothing was found.
  if (kind === PrintKind.STR) {
    const s = isUserDefined(t, '__str__');
    if (s !== undefined) return strResult(callDunder(o, s, []));
    if (np) return np(unbox(o), kind);
  }
  const r = isUserDefined(t, '__repr__');
  if (r !== undefined) return strResult(callDunder(o, r, []));
  if (np) return np(unbox(o), kind === PrintKind.STR ? PrintKind.STR : kind);
  // upstream formats this address with %p, which the unix port prints without '0x'
  return `<${t.name} object at ${hexId(o).slice(2)}>`;
}

function strResult(r: PyObj): string {
  if (typeof r !== 'string') throw typeError('__str__ returned non-string');
  return r;
}

const UNARY_NAMES: Partial<Record<Unary, string>> = {
  [Unary.POS]: '__pos__', [Unary.NEG]: '__neg__', [Unary.INVERT]: '__invert__', [Unary.BOOL]: '__bool__',
  [Unary.LEN]: '__len__', [Unary.HASH]: '__hash__', [Unary.ABS]: '__abs__', [Unary.INT]: '__int__',
  [Unary.FLOAT]: '__float__', [Unary.COMPLEX]: '__complex__',
};

// upstream stores __hash__'s result as a small int: any int (or bool) truncated to the small-int range
function hashResult(r: PyObj): PyObj {
  if (typeof r === 'number') return r;
  if (typeof r === 'boolean') return r ? 1 : 0;
  if (typeof r === 'bigint') return normBig(BigInt.asIntN(63, r));
  throw typeError(`can't convert ${typeName(r)} to int`);
}

function userUnary(op: Unary, o: PyObj): PyObj | undefined {
  const t = typeOf(o);
  const name = UNARY_NAMES[op];
  if (name !== undefined) {
    const m = isUserDefined(t, name);
    if (m !== undefined) {
      const r = callDunder(o, m, []);
      if (op === Unary.HASH) return hashResult(r);
      if (op === Unary.INT && typeof r !== 'number' && typeof r !== 'bigint') throw excMsg(TypeErrorType);
      return r;
    }
    if (op === Unary.HASH && isUserDefined(t, '__eq__') !== undefined) {
      throw typeError(`unsupported type for __hash__: '${t.name}'`);
    }
  }
  const nu = t.native.unary;
  if (nu && t.native !== ObjectType) return nu(op, unbox(o));
  return undefined;
}

function userBinary(op: Binary, a: PyObj, b: PyObj): PyObj | undefined {
  const t = typeOf(a);
  let name: string | undefined;
  if (op === Binary.CONTAINS) name = '__contains__';
  else if (op >= REFLECT_OFFSET) {
    const base = BINARY_OP_NAMES[op - REFLECT_OFFSET];
    if (base) name = '__r' + base.slice(2);
  } else name = (BINARY_OP_NAMES as readonly string[])[op];
  if (name !== undefined && name.startsWith('__')) {
    const m = isUserDefined(t, name);
    if (m !== undefined) {
      const r = callDunder(a, m, [b]);
      if (r === NotImplementedLike()) return undefined;
      if (op === Binary.CONTAINS) return isTrue(r);
      return r;
    }
  }
  const nb = t.native.binary;
  // the native base's == is the whole equality test again (mp_binary_op), with its type rules
  if (op === Binary.EQ && nb && t.native !== ObjectType) {
    const x = unbox(a);
    if (typeof x !== 'object' || !typeOf(x).isUser) return pyEquals(x, b);
    return nativeEquals(x, t.native, b);
  }
  if (nb && t.native !== ObjectType) return nb(op, unbox(a), b);
  return undefined;
}
import { NotImplementedObj } from './object.js';

/**
 * mp_obj_equal of an instance's native part (x, an object still carrying its class, treated as type
 * nt) and y: y's own __eq__ if its class defines one, else the two native types' slots under the
 * EQ_CHECKS_OTHER_TYPE rule, else identity.
 */
function nativeEquals(x: PyObj, nt: PyType, yIn: PyObj): boolean {
  if (x === yIn) return true;
  let y = yIn;
  let yt = typeOf(y);
  if (yt.isUser) {
    const m = isUserDefined(yt, '__eq__');
    if (m !== undefined) {
      const r = callDunder(y, m, [x]);
      if (r !== NotImplementedObj) return isTrue(r);
    }
    y = unbox(y);
    yt = yt.native;
  }
  if (nt.binary && (nt.eqChecksOther || yt === nt)) {
    const r = nt.binary(Binary.EQ, x, y);
    if (r !== undefined) return isTrue(r);
  }
  if (typeof y === 'object' && yt.binary && yt !== nt && yt.eqChecksOther) {
    const r = yt.binary(Binary.EQ, y, x);
    if (r !== undefined) return isTrue(r);
  }
  return x === y;
}
function NotImplementedLike(): PyObj {
  return NotImplementedObj;
}

function userSubscr(o: PyObj, index: PyObj, value: PyObj | typeof DELETE | undefined): PyObj | undefined {
  const t = typeOf(o);
  const name = value === undefined ? '__getitem__' : value === DELETE ? '__delitem__' : '__setitem__';
  const m = isUserDefined(t, name);
  if (m !== undefined) {
    const args = value === undefined || value === DELETE ? [index] : [index, value];
    const r = callDunder(o, m, args);
    return value === undefined ? r : NoneObj;
  }
  const ns = t.native.subscr;
  if (ns && t.native !== ObjectType) return ns(unbox(o), index, value);
  return undefined;
}

function userGetiter(o: PyObj): PyObj {
  const t = typeOf(o);
  const m = isUserDefined(t, '__iter__');
  if (m !== undefined) return callDunder(o, m, []);
  if (isUserDefined(t, '__getitem__') !== undefined) return new GetItemIter(o);
  const ni = t.native.getiter;
  if (ni && t.native !== ObjectType) return ni(unbox(o));
  if (isUserDefined(t, '__next__') !== undefined) {
    // not iterable, but iter() of an object with only __next__ is an error in upstream too
  }
  throw typeError(`'${t.name}' object isn't iterable`);
}

function userIternext(o: PyObj): PyObj | undefined {
  const t = typeOf(o);
  const m = isUserDefined(t, '__next__');
  if (m !== undefined) {
    try {
      return callDunder(o, m, []);
    } catch (e) {
      if (e instanceof PyException && e.type.isSubclassOf(StopIterationType)) {
        rt.stopValue = e.args.items[0];
        return undefined;
      }
      throw e;
    }
  }
  const nn = t.native.iternext;
  if (nn && t.native !== ObjectType) return nn(o);
  throw typeError(`'${t.name}' object isn't an iterator`);
}

function userCall(o: PyObj, args: PyObj[], kw: KwArgs | undefined): PyObj {
  const t = typeOf(o);
  const m = isUserDefined(t, '__call__');
  if (m === undefined) throw typeError(`'${t.name}' object isn't callable`);
  if (m instanceof PyFunction || m instanceof PyBuiltin) return call(m, [o, ...args], kw);
  return call(bindMember(m, o, t), args, kw);
}

/** Iterator for objects that only define __getitem__ (stops at IndexError). */
class GetItemIter extends PyObject {
  i = 0;
  constructor(public obj: PyObj) {
    super(GetItemIterType);
  }
}
const GetItemIterType = new PyType('iterator', [ObjectType]);
GetItemIterType.getiter = (o) => o;
GetItemIterType.iternext = (o) => {
  const it = o as GetItemIter;
  try {
    const m = typeOf(it.obj).lookup('__getitem__') as PyObj;
    return callDunder(it.obj, m, [it.i++]);
  } catch (e) {
    if (e instanceof PyException && (e.type.name === 'IndexError' || e.type.isSubclassOf(StopIterationType))) return undefined;
    throw e;
  }
};

// ------------------------------------------------------------ native base initialisation

/** How a builtin base type (re)initialises its state from constructor arguments. */
export const nativeInit = new Map<PyType, (o: PyObj, args: PyObj[], kw: KwArgs | undefined) => void>();
const nativeInited = new WeakSet<object>();
const constructing = new WeakSet<object>();
/** An instance of a user exception class inside its __init__, before BaseException.__init__ ran. */
export function isIncompleteException(o: PyException): boolean {
  return constructing.has(o) && !nativeInited.has(o);
}
export function markNativeInited(o: PyObj): void {
  if (typeof o === 'object') nativeInited.add(o);
}

function userMake(cls: PyType, args: PyObj[], kw: KwArgs | undefined): PyObj {
  const newFn = cls.lookup('__new__');
  let obj: PyObj;
  if (newFn !== undefined && newFn !== objectNew) {
    const f = newFn instanceof PyStaticMethod ? newFn.fn : newFn;
    obj = call(f, [cls, ...args], kw);
    if (typeOf(obj) !== cls) return obj;
  } else {
    const hasInit = isUserDefined(cls, '__init__') !== undefined;
    if (!hasInit && cls.native !== ObjectType) {
      // the native constructor gets all the arguments (upstream defers it until after __init__)
      obj = instantiate(cls, args, kw);
      markNativeInited(obj);
    } else obj = instantiate(cls, []);
  }
  const init = cls.lookup('__init__');
  const userInit = init !== undefined && isUserDefined(cls, '__init__') !== undefined;
  if (userInit) {
    // until its native base is initialised the object is not yet an exception (raising it is a TypeError)
    const guard = obj instanceof PyException && !nativeInited.has(obj) ? obj : undefined;
    if (guard) constructing.add(guard);
    let r: PyObj;
    try {
      r = call(init as PyObj, [obj, ...args], kw);
    } finally {
      if (guard) constructing.delete(guard);
    }
    if (r !== NoneObj) throw typeError(`__init__() should return None, not '${typeName(r)}'`);
  }
  if (cls.native !== ObjectType && typeof obj === 'object' && !nativeInited.has(obj)) {
    const ni = nativeInit.get(cls.native);
    if (ni) ni(obj, args, kw);
  }
  return obj;
}

/**
 * What `cls(...)` may do without userMake, for the interpreter's call fast path: the user-defined
 * __init__ to run on a fresh instance when nothing else is involved (metaclass `type`, object's
 * __new__, plain object layout), else undefined. Cached on the class until any class changes.
 */
export function fastInit(cls: PyType): PyFunction | undefined {
  const epoch = currentTypeEpoch();
  if (cls.ctorEpoch !== epoch) {
    let init: PyFunction | null = null;
    if (cls.isUser && cls.make === userMake && cls.type === TypeType && cls.native === ObjectType) {
      const nw = cls.lookup('__new__');
      const i = cls.lookup('__init__');
      if ((nw === undefined || nw === objectNew) && i instanceof PyFunction && cls.lookupUser('__init__') === i &&
        (i.code.scopeFlags & 1) === 0) init = i;
    }
    cls.ctorInit = init;
    cls.ctorEpoch = epoch;
  }
  return (cls.ctorInit as PyFunction | null) ?? undefined;
}

/** A blank instance of cls (of its native representation). */
export function instantiate(cls: PyType, args: PyObj[], kw?: KwArgs): PyObj {
  if (cls.native === ObjectType) return new PyInstance(cls);
  const mk = cls.native.make;
  if (!mk) throw typeError(`can't create '${cls.name}' instances`);
  const o = mk(cls, args, kw);
  if (typeof o === 'object' && !(o as { dict?: unknown }).dict) (o as { dict?: Map<string, PyObj> }).dict = new Map();
  return o;
}

// ------------------------------------------------------------ class creation

export function makeClass(name: string, basesIn: PyObj[], ns: Map<string, PyObj>, metatype: PyType = TypeType): PyType {
  const bases: PyType[] = [];
  for (const b of basesIn) {
    if (!(b instanceof PyType)) throw typeError('type is not an acceptable base type');
    if (!b.baseable) throw typeError(`type '${b.name}' is not an acceptable base type`);
    bases.push(b);
  }
  let native: PyType = ObjectType;
  for (const b of bases) {
    if (b.native !== ObjectType) {
      if (native !== ObjectType && native !== b.native) throw typeError('multiple bases have instance lay-out conflict');
      native = b.native;
    }
  }
  const t = new PyType(name, bases.length ? bases : [ObjectType], {}, metatype);
  invalidateTypeCaches();
  t.isUser = true;
  t.native = native;
  for (const [k, v] of ns) t.dict.set(k, v);
  for (const b of bases) b.subclassed = true;
  t.hasSpecialAccessors = bases.some((b) => b.hasSpecialAccessors) || [...ns].some(([k, v]) => isSpecialAccessor(k, v));
  const nw = t.dict.get('__new__');
  if (nw instanceof PyFunction) t.dict.set('__new__', new PyStaticMethod(nw));
  t.make = userMake;
  t.print = userPrint;
  t.unary = userUnary;
  t.binary = userBinary;
  t.subscr = userSubscr;
  t.getiter = userGetiter;
  t.iternext = userIternext;
  t.call = userCall;
  t.buffer = native.buffer;
  t.attr = native.attr;
  return t;
}

// ------------------------------------------------------------ type and object

TypeType.make = (_cls, args, kw) => {
  if (args.length === 1) return typeOf(args[0] as PyObj);
  if (args.length !== 3) throw typeError('type takes 1 or 3 arguments');
  const [name, bases, dict] = args as [PyObj, PyObj, PyObj];
  if (typeof name !== 'string' || !(bases instanceof PyTuple) || !(dict instanceof PyDict)) throw typeError('type() argument error');
  checkQstr(name);
  const ns = new Map<string, PyObj>();
  for (const [k, v] of dict.mpmap.entries()) if (typeof k === 'string') ns.set(k, v);
  void kw;
  const cls = makeClass(name, bases.items, ns);
  // upstream keeps the given dict as the class's locals: an OrderedDict keeps its order in __dict__
  cls.orderedDict = dict.mpmap.ordered;
  return cls;
};
TypeType.print = (o) => `<class '${(o as PyType).name}'>`;
TypeType.call = (o, args, kw) => {
  const t = o as PyType;
  if (!t.make) throw typeError(`can't create '${t.name}' instances`);
  return t.make(t, args, kw);
};
TypeType.binary = (op, a, b) => {
  if (op === Binary.EQ) return a === b;
  if (op === Binary.OR) return undefined;
  return undefined;
};
TypeType.unary = (op, o) => (op === Unary.HASH ? hashOfIdentity(o) : undefined);
function hashOfIdentity(o: PyObj): number {
  return Number(BigInt(hexId(o)) >> 4n);
}

ObjectType.make = (cls, args) => {
  if (cls === ObjectType && args.length > 0) throw typeError('function takes 0 positional arguments but ' + args.length + ' were given');
  return new PyInstance(cls);
};
const objectNew = new PyStaticMethod(new PyBuiltin('__new__', (args) => {
  const cls = args[0];
  if (args.length > 1) throw typeError(`function takes 1 positional arguments but ${args.length} were given`);
  if (!(cls instanceof PyType) || !cls.isUser) throw typeError('arg must be user-type');
  return instantiate(cls, []);
}));
ObjectType.dict.set('__new__', objectNew);
defMethod(ObjectType, '__init__', () => NoneObj);
// upstream's object.__setattr__/__delattr__ only work on instances of user classes and take str names
function checkSetattrArgs(a: PyObj[]): string {
  if (!typeOf(a[0] as PyObj).isUser) throw typeError('arg must be user-type');
  const name = a[1] as PyObj;
  if (typeof name !== 'string') throw excMsg(TypeErrorType);
  return name;
}
defMethod(ObjectType, '__setattr__', (a) => {
  genericSetattr(a[0] as PyObj, checkSetattrArgs(a), a[2] as PyObj);
  return NoneObj;
});
defMethod(ObjectType, '__delattr__', (a) => {
  const name = checkSetattrArgs(a);
  if (instDict(a[0] as PyObj)?.has(name) !== true) throw excMsg(AttributeErrorType, 'no such attribute');
  genericSetattr(a[0] as PyObj, name, DELETE);
  return NoneObj;
});
defMethod(ObjectType, '__eq__', (a) => (a[0] === a[1] ? true : NotImplementedObj));
defMethod(ObjectType, '__ne__', (a) => (a[0] === a[1] ? false : NotImplementedObj));
defMethod(ObjectType, '__hash__', (a) => hashOf(a[0] as PyObj));
defMethod(ObjectType, '__repr__', (a) => `<${typeName(a[0] as PyObj)} object at ${hexId(a[0] as PyObj)}>`);
defMethod(ObjectType, '__str__', (a) => str(a[0] as PyObj));
void repr;
void pyEquals;

// BaseException.__init__ sets args (called through super().__init__ from user subclasses).
defMethod(BaseExceptionType, '__init__', (a) => {
  const e = a[0];
  if (e instanceof PyException) {
    e.args = new PyTuple(a.slice(1));
    markNativeInited(e);
  }
  return NoneObj;
});
nativeInit.set(BaseExceptionType, (o, args) => {
  (o as PyException).args = args.length ? new PyTuple(args.slice()) : EMPTY_TUPLE;
});
BaseExceptionType.print = (o, kind) => {
  const e = o as PyException;
  let out = '';
  if (kind === PrintKind.REPR || kind === PrintKind.EXC) out += e.type.name;
  if (kind === PrintKind.EXC) out += ': ';
  const args = e.args.items;
  if (kind === PrintKind.STR || kind === PrintKind.EXC) {
    // upstream prints 'Name: ' for an uncaught exception without arguments (raise EOFError)
    if (args.length === 0) return kind === PrintKind.EXC ? out : '';
    if (e.type.name === 'OSError' && !e.type.isUser && args.length < 3 && typeof args[0] === 'number') {
      const name = errnoName(args[0]);
      if (name !== undefined) return out + `[Errno ${args[0]}] ${name}` + (args.length > 1 ? ': ' + str(args[1] as PyObj) : '');
    }
    if (args.length === 1) return out + str(args[0] as PyObj);
  }
  return out + repr(e.args);
};
/** errno names the unix port knows (subset of its errno module). */
export const ERRNO_NAMES: Record<number, string> = {
  1: 'EPERM', 2: 'ENOENT', 5: 'EIO', 9: 'EBADF', 11: 'EAGAIN', 12: 'ENOMEM', 13: 'EACCES',
  17: 'EEXIST', 19: 'ENODEV', 21: 'EISDIR', 22: 'EINVAL', 95: 'EOPNOTSUPP',
  98: 'EADDRINUSE', 103: 'ECONNABORTED', 104: 'ECONNRESET', 105: 'ENOBUFS', 107: 'ENOTCONN', 110: 'ETIMEDOUT',
  111: 'ECONNREFUSED', 113: 'EHOSTUNREACH', 114: 'EALREADY', 115: 'EINPROGRESS',
};
function errnoName(n: number): string | undefined {
  return ERRNO_NAMES[n];
}
BaseExceptionType.attr = (o, name) => {
  const e = o as PyException;
  if (name === 'args') return e.args;
  if (name === 'value' && e.type.isSubclassOf(StopIterationType)) return e.args.items[0] ?? NoneObj;
  if (name === 'errno' && e.type.isSubclassOf(OSErrorType)) return e.args.items[0] ?? NoneObj;
  if (name === 'strerror' && e.type.isSubclassOf(OSErrorType)) return e.args.items[1] ?? NoneObj;
  return undefined;
};

// The one attribute store a builtin exception accepts: `e.__traceback__ = None` clears the traceback
// (so a preallocated exception can be raised again without allocating).
BaseExceptionType.setattr = (o, name, value) => {
  if (name !== '__traceback__' || value !== NoneObj) return false;
  (o as PyException).traceback = undefined;
  return true;
};

// Builtin exception classes share BaseException's printing and attributes (slots are not inherited).
for (const t of BUILTIN_EXCEPTIONS.values()) {
  t.print = BaseExceptionType.print;
  t.attr = BaseExceptionType.attr;
  t.setattr = BaseExceptionType.setattr;
}

// ------------------------------------------------------------ super

export class PySuper extends PyObject {
  constructor(public cls: PyType, public obj: PyObj) {
    super(SuperType);
  }
}
export const SuperType = new PyType('super', [ObjectType]);
SuperType.baseable = false;
SuperType.attrFirst = true;
SuperType.print = (o) => `<super: <class '${(o as PySuper).cls.name}'>, ${repr((o as PySuper).obj)}>`;
// bound_method's print: the object's address (%p, no 0x), then the receiver and function reprs
BoundMethodType.print = (o) => {
  const m = o as PyBoundMethod;
  return `<bound_method ${hexId(m).slice(2)} ${repr(m.self)}.${repr(m.fn)}>`;
};

/** The raw class attribute super(cls, ...) would find, without binding (LOAD_SUPER_METHOD). */
export function superRaw(cls: PyType, name: string): PyObj | undefined {
  const mro = cls.mro;
  for (let i = 1; i < mro.length; i++) {
    const v = (mro[i] as PyType).dict.get(name);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** Looks `name` up for super(cls, obj): depth-first through cls's bases (not obj's MRO). */
export function superLookup(cls: PyType, obj: PyObj, name: string): PyObj | undefined {
  const mro = cls.mro;
  for (let i = 1; i < mro.length; i++) {
    const v = (mro[i] as PyType).dict.get(name);
    if (v === undefined) continue;
    if (v instanceof PyFunction || (v instanceof PyBuiltin && v.isMethod)) return new PyBoundMethod(obj, v);
    if (v instanceof PyClassMethod) return new PyBoundMethod(obj instanceof PyType ? obj : typeOf(obj), v.fn);
    if (v instanceof PyStaticMethod) return v.fn;
    return v; // property objects are returned as-is (MicroPython does not invoke them here)
  }
  if (name === '__init__' && cls.native !== ObjectType) return undefined;
  return undefined;
}
SuperType.attr = (o, name) => {
  const s = o as PySuper;
  const v = superLookup(s.cls, s.obj, name);
  if (v === undefined) throw mkAttributeError(s, name);
  return v;
};
SuperType.make = (_cls, args) => {
  if (args.length !== 2) throw typeError('super() requires 2 arguments');
  const cls = args[0];
  const obj = args[1] as PyObj;
  // the second argument (or its type, for an instance) must be a subclass of the first
  const second = typeOf(obj) === TypeType ? obj : typeOf(obj);
  if (!isSubclass(second, cls as PyObj)) throw excMsg(TypeErrorType);
  return new PySuper(cls as PyType, obj);
};

// ------------------------------------------------------------ property, staticmethod, classmethod

PropertyType.make = (_cls, args, kw) => {
  const a = [...args];
  const get = (i: number, n: string): PyObj => kw?.get(n) ?? a[i] ?? NoneObj;
  return new PyProperty(get(0, 'fget'), get(1, 'fset'), get(2, 'fdel'));
};
defMethod(PropertyType, 'getter', (a) => new PyProperty(a[1] as PyObj, (a[0] as PyProperty).fset, (a[0] as PyProperty).fdel));
defMethod(PropertyType, 'setter', (a) => new PyProperty((a[0] as PyProperty).fget, a[1] as PyObj, (a[0] as PyProperty).fdel));
defMethod(PropertyType, 'deleter', (a) => new PyProperty((a[0] as PyProperty).fget, (a[0] as PyProperty).fset, a[1] as PyObj));
StaticMethodType.make = (_c, args) => new PyStaticMethod(args[0] as PyObj);
ClassMethodType.make = (_c, args) => new PyClassMethod(args[0] as PyObj);
StaticMethodType.attr = (o, name) => (name === '__func__' ? (o as PyStaticMethod).fn : undefined);
ClassMethodType.attr = (o, name) => (name === '__func__' ? (o as PyClassMethod).fn : undefined);

export function isInstance(o: PyObj, cls: PyObj): boolean {
  // A tuple of classes is searched one level deep only (nested tuples never match, as upstream).
  if (cls instanceof PyTuple) return cls.items.some((c) => c instanceof PyType && typeOf(o).isSubclassOf(c));
  if (!(cls instanceof PyType)) throw typeError('issubclass() arg 2 must be a class or a tuple of classes');
  return typeOf(o).isSubclassOf(cls);
}

export function isSubclass(c: PyObj, cls: PyObj): boolean {
  if (!(c instanceof PyType)) throw typeError('issubclass() arg 1 must be a class');
  if (cls instanceof PyTuple) return cls.items.some((x) => isSubclass(c, x));
  if (!(cls instanceof PyType)) throw typeError('issubclass() arg 2 must be a class or a tuple of classes');
  return c.isSubclassOf(cls);
}

export { binaryOp, loadAttrMaybe, PyList, excMsg, TypeErrorType };
