// The object model every other part of the VM builds on.
//
// Representation (chosen for speed of the common cases, invisible to Python code):
//   int   -> JS number when it is a safe integer, JS bigint beyond ±2^53 (always normalised back)
//   bool  -> JS boolean
//   str   -> JS string (UTF-16; code-point aware operations live in str.ts)
//   everything else -> an instance of a PyObject subclass carrying its `type`
// A float is therefore never a bare JS number: it is boxed in PyFloat so `typeof x === 'number'` means int.
//
// This module is a leaf of the import graph: it must not import other VM modules, so that every type
// file can create its PyType at load time without circular-initialisation problems.

export type PyObj = number | bigint | boolean | string | PyObject;
/** Keyword arguments of a call, in call order. */
export type KwArgs = Map<string, PyObj>;
export type NativeFn = (args: PyObj[], kw: KwArgs | undefined) => PyObj;

// Hot classes declare their fields with `declare` and assign them in the constructor: with ES2022
// class-field semantics a plain field declaration costs an extra initializer per allocation.
export class PyObject {
  declare type: PyType;
  constructor(type: PyType) {
    // micropython.heap_lock(): creating a heap object fails (exceptions and stack-allocated iterators
    // are exempt, as upstream raises MemoryError from a static object and iterates on the C stack)
    if (heapLockDepth !== 0 && type !== undefined && !type.heapExempt) throw lockedHeapError();
    heapObjects++;
    this.type = type;
  }
}

/**
 * The micropython.mem_* model (MICROPY_MEM_STATS; see docs/MODULES.md): JS owns the memory, so the VM
 * counts what upstream's allocator would be asked for: one GC block per heap object made, plus the
 * buffer sizes the VM checks against the emulated heap (noteAlloc). Nothing is ever seen freed.
 */
let heapObjects = 0;
let heapBufferBytes = 0;
/** Bytes per GC block on the 64-bit unix port: the least an object costs. */
const GC_BLOCK = 16;
export function noteAlloc(bytes: number): void {
  heapBufferBytes += bytes;
}
export function allocatedBytes(): number {
  return heapObjects * GC_BLOCK + heapBufferBytes;
}

let heapLockDepth = 0;
let heapError: () => PyObject = () => new Error('MemoryError') as unknown as PyObject;
/** Set by the VM (micropython.heap_lock/unlock). */
export function setHeapLockDepth(n: number): void {
  heapLockDepth = n;
}
export function setHeapError(f: () => PyObject): void {
  heapError = f;
}
/**
 * An exception's args tuple: built even while the heap is locked, as upstream raises from its
 * emergency exception buffer then (an exception's type must survive a failed allocation).
 */
export function heapIsLocked(): boolean {
  return heapLockDepth !== 0;
}
export function excArgsTuple(items: PyObj[]): PyTuple {
  return heapLockDepth === 0 ? new PyTuple(items) : offHeap(() => new PyTuple(items));
}

/** Makes an object that upstream keeps off the GC heap (C stack, static buffers) even when locked. */
export function offHeap<T>(make: () => T): T {
  const d = heapLockDepth;
  heapLockDepth = 0;
  try {
    return make();
  } finally {
    heapLockDepth = d;
  }
}

/** Builds the MemoryError with the lock lifted (its own args tuple must not fail). */
function lockedHeapError(): PyObject {
  const d = heapLockDepth;
  heapLockDepth = 0;
  try {
    return heapError();
  } finally {
    heapLockDepth = d;
  }
}

/** Unary operations a type can implement (numbers follow upstream's MP_UNARY_OP_*). */
export const enum Unary {
  POS = 0,
  NEG = 1,
  INVERT = 2,
  NOT = 3,
  BOOL = 4,
  LEN = 5,
  HASH = 6,
  ABS = 7,
  INT = 8,
  FLOAT = 9,
  SIZEOF = 10,
  /** __complex__: only user classes implement it (upstream's MP_UNARY_OP_COMPLEX_MAYBE) */
  COMPLEX = 11,
}

/** Binary operations, numbered as BINARY_OP_MULTI's operand; extra internal ones after. */
export const enum Binary {
  LT = 0, GT = 1, EQ = 2, LE = 3, GE = 4, NE = 5, IN = 6, IS = 7, EXC_MATCH = 8,
  IOR = 9, IXOR = 10, IAND = 11, ILSHIFT = 12, IRSHIFT = 13, IADD = 14, ISUB = 15, IMUL = 16,
  IMATMUL = 17, IFLOORDIV = 18, ITRUEDIV = 19, IMOD = 20, IPOW = 21,
  OR = 22, XOR = 23, AND = 24, LSHIFT = 25, RSHIFT = 26, ADD = 27, SUB = 28, MUL = 29,
  MATMUL = 30, FLOORDIV = 31, TRUEDIV = 32, MOD = 33, POW = 34,
  // Internal: `a in b` is dispatched to b's type as CONTAINS(b, a); DIVMOD for divmod().
  CONTAINS = 35, DIVMOD = 36,
  // Reflected variants are op + REFLECT_OFFSET (only for OR..POW).
}
export const REFLECT_OFFSET = 100;

/** Sentinel for "delete" in subscr(value) and "no value / not found" in lookups. */
export const DELETE: unique symbol = Symbol('delete');
export type SubscrValue = PyObj | typeof DELETE | undefined;

export interface TypeSlots {
  /** Constructor: `cls(...)`; cls may be a subclass. */
  make?: (cls: PyType, args: PyObj[], kw: KwArgs | undefined) => PyObj;
  /** repr (isRepr) or str; exception printing passes 'exc'. */
  print?: (o: PyObj, kind: PrintKind) => string;
  call?: (o: PyObj, args: PyObj[], kw: KwArgs | undefined) => PyObj;
  unary?: (op: Unary, o: PyObj) => PyObj | undefined;
  /** `a op b` where a is of this type; return undefined when unsupported. */
  binary?: (op: Binary, a: PyObj, b: PyObj) => PyObj | undefined;
  /** Special attribute load (after type dict lookup fails for builtin instances). */
  attr?: (o: PyObj, name: string) => PyObj | undefined;
  /** Attribute store/delete (value DELETE); return false when unsupported. */
  setattr?: (o: PyObj, name: string, value: PyObj | typeof DELETE) => boolean;
  /** Load (value undefined), store, or delete (DELETE). */
  subscr?: (o: PyObj, index: PyObj, value: SubscrValue) => PyObj | undefined;
  getiter?: (o: PyObj) => PyObj;
  /** Next item, or undefined when exhausted. */
  iternext?: (o: PyObj) => PyObj | undefined;
  /** Raw bytes view for the buffer protocol. */
  buffer?: (o: PyObj) => Uint8Array | undefined;
}

export const enum PrintKind {
  STR = 0,
  REPR = 1,
  EXC = 2,
}

export class PyType extends PyObject implements TypeSlots {
  name: string;
  bases: PyType[];
  /** Method resolution order, self first (MicroPython's depth-first order). */
  mro: PyType[] = [];
  dict: Map<string, PyObj>;
  /** Defined by a class statement / type(...) call. */
  isUser = false;
  /** The builtin type providing this type's instance representation. */
  native: PyType;
  /** Builtin types that may be subclassed. */
  baseable = true;
  /** Incremented whenever this type's dict changes (invalidates attribute caches). */
  version = 0;
  /** Instances may store attributes straight into their dict (no __setattr__, no data descriptors). */
  fastSetattr = false;
  /** Mutable containers: hash() raises TypeError. */
  unhashable = false;
  /** The attr slot takes precedence over the type's dict (super objects). */
  attrFirst = false;
  /** Instances may be created while the heap is locked. */
  heapExempt = false;
  /**
   * == may be true against another type (upstream's MP_TYPE_FLAG_EQ_CHECKS_OTHER_TYPE): otherwise the
   * binary slot is asked about equality only with an object of exactly this type. Classes are always so.
   */
  eqChecksOther = false;
  /** The class namespace came from an OrderedDict (type(name, bases, od)): __dict__ lists in its order. */
  orderedDict = false;
  /** User classes: some class derives from this one (upstream's MP_TYPE_FLAG_IS_SUBCLASSED). */
  subclassed = false;
  /** User classes: a property, descriptor or __setattr__/__delattr__ is defined here or inherited. */
  hasSpecialAccessors = false;
  make?: TypeSlots['make'];
  print?: TypeSlots['print'];
  call?: TypeSlots['call'];
  unary?: TypeSlots['unary'];
  binary?: TypeSlots['binary'];
  attr?: TypeSlots['attr'];
  setattr?: TypeSlots['setattr'];
  subscr?: TypeSlots['subscr'];
  getiter?: TypeSlots['getiter'];
  iternext?: TypeSlots['iternext'];
  buffer?: TypeSlots['buffer'];

  constructor(name: string, bases: PyType[] = [], slots: TypeSlots = {}, metatype?: PyType) {
    super(metatype ?? (TypeType as PyType | undefined) ?? (undefined as unknown as PyType));
    this.name = name;
    this.heapExempt = name === 'iterator';
    this.bases = bases;
    this.dict = new Map();
    const b0 = bases[0];
    this.native = b0 !== undefined && b0 !== objectTypeRef ? b0.native : this;
    Object.assign(this, slots);
    this.mro = computeMro(this);
  }

  /** Finds `name` along the MRO (memoised per type until any class dict changes). */
  lookup(name: string): PyObj | undefined {
    let cache = this.lookupCache;
    if (cache === undefined || this.lookupEpoch !== typeEpoch) {
      cache = this.lookupCache = new Map();
      this.lookupEpoch = typeEpoch;
    } else {
      const c = cache.get(name);
      if (c !== undefined) return c === MISSING ? undefined : (c as PyObj);
    }
    const mro = this.mro;
    for (let i = 0; i < mro.length; i++) {
      const v = (mro[i] as PyType).dict.get(name);
      if (v !== undefined) {
        cache.set(name, v);
        return v;
      }
    }
    cache.set(name, MISSING);
    return undefined;
  }
  lookupCache: Map<string, PyObj | typeof MISSING> | undefined = undefined;
  lookupEpoch = -1;

  /**
   * `name` from the first user-defined class along the MRO (builtin bases skipped: their natively
   * implemented fallbacks are not overrides), memoised like lookup(). Special-method dispatch asks this.
   */
  lookupUser(name: string): PyObj | undefined {
    let cache = this.userCache;
    if (cache === undefined || this.userEpoch !== typeEpoch) {
      cache = this.userCache = new Map();
      this.userEpoch = typeEpoch;
    } else {
      const c = cache.get(name);
      if (c !== undefined) return c === MISSING ? undefined : (c as PyObj);
    }
    const mro = this.mro;
    for (let i = 0; i < mro.length; i++) {
      const c = mro[i] as PyType;
      if (!c.isUser) continue;
      const v = c.dict.get(name);
      if (v !== undefined) {
        cache.set(name, v);
        return v;
      }
    }
    cache.set(name, MISSING);
    return undefined;
  }
  userCache: Map<string, PyObj | typeof MISSING> | undefined = undefined;
  userEpoch = -1;
  /** The plain __init__ a call of this class may run directly (type.ts fastInit), valid for ctorEpoch. */
  ctorInit: PyObject | null = null;
  ctorEpoch = -1;

  isSubclassOf(other: PyType): boolean {
    if (this === other) return true;
    const mro = this.mro;
    for (let i = 1; i < mro.length; i++) if (mro[i] === other) return true;
    return other === ObjectType;
  }
}

/** MicroPython resolves attributes depth-first, left to right (not C3); duplicates keep the first. */
export function computeMro(t: PyType): PyType[] {
  const out: PyType[] = [];
  const visit = (c: PyType): void => {
    if (!out.includes(c)) out.push(c);
    for (const b of c.bases) visit(b);
  };
  visit(t);
  // `object` always comes last.
  const obj = objectTypeRef;
  const oi = obj ? out.indexOf(obj) : -1;
  if (obj && oi >= 0 && oi !== out.length - 1) {
    out.splice(oi, 1);
    out.push(obj);
  }
  return out;
}

let objectTypeRef: PyType | undefined;
const MISSING: unique symbol = Symbol('missing');
/** Bumped whenever a class dict changes after creation; invalidates every type's lookup cache. */
let typeEpoch = 0;
export function invalidateTypeCaches(): void {
  typeEpoch++;
}
/** The current class-change epoch (caches keyed on it are stale once it moves). */
export function currentTypeEpoch(): number {
  return typeEpoch;
}
// `type` and `object` reference each other; create them without slots and patch afterwards.
export let TypeType: PyType = undefined as unknown as PyType;
export const ObjectType: PyType = new PyType('object');
objectTypeRef = ObjectType;
TypeType = new PyType('type', [ObjectType]);
TypeType.type = TypeType;
ObjectType.type = TypeType;
ObjectType.mro = [ObjectType];
TypeType.mro = [TypeType, ObjectType];

export const NoneType = new PyType('NoneType', [], {}, TypeType);
NoneType.baseable = false;
export const NoneObj = new PyObject(NoneType);
export const EllipsisType = new PyType('ellipsis', [], {}, TypeType);
export const EllipsisObj = new PyObject(EllipsisType);
export const NotImplementedType = new PyType('NotImplementedType', [], {}, TypeType);
export const NotImplementedObj = new PyObject(NotImplementedType);

export const IntType = new PyType('int', [ObjectType]);
// MicroPython's bool is not a subclass of int (isinstance(True, int) is False).
export const BoolType = new PyType('bool', [ObjectType]);
BoolType.baseable = false;
export const StrType = new PyType('str', [ObjectType]);

/** A float: boxed so that bare JS numbers can mean int. */
// Floats and instances are the most allocated objects: they are base classes (structurally PyObjects)
// so that `new` is one small constructor the JIT inlines, not a derived-constructor chain.
export class PyFloat implements PyObject {
  declare type: PyType;
  declare v: number;
  constructor(v: number) {
    if (heapLockDepth !== 0) throw lockedHeapError();
    heapObjects++;
    this.type = FloatType;
    this.v = v;
  }
}
export const FloatType = new PyType('float', [ObjectType]);

/** Instance of a user subclass of an immutable primitive-backed type (str, int): holds the value. */
export class PyBoxed extends PyObject {
  dict: Map<string, PyObj> = new Map();
  constructor(public value: PyObj, type: PyType) {
    super(type);
  }
}
/** The primitive behind a boxed subclass instance, or the object itself. */
export function unbox(o: PyObj): PyObj {
  return o instanceof PyBoxed ? o.value : o;
}

/** Generic instance of a user class (or of `object`): attributes in a Map. */
export class PyInstance implements PyObject {
  declare type: PyType;
  declare dict: Map<string, PyObj>;
  constructor(type: PyType) {
    if (heapLockDepth !== 0 && !type.heapExempt) throw lockedHeapError();
    heapObjects++;
    this.type = type;
    this.dict = new Map();
  }
}

/** The Python type of any value. */
export function typeOf(o: PyObj): PyType {
  switch (typeof o) {
    case 'number':
    case 'bigint':
      return IntType;
    case 'string':
      return StrType;
    case 'boolean':
      return BoolType;
    default:
      return o.type;
  }
}

export function isNone(o: PyObj): boolean {
  return o === NoneObj;
}

/** Attribute dictionary of an object that has one (instances of user classes and some natives). */
export interface HasDict {
  dict: Map<string, PyObj> | undefined;
}
export function instDict(o: PyObj): Map<string, PyObj> | undefined {
  if (typeof o !== 'object') return undefined;
  const d = (o as unknown as { dict?: unknown }).dict;
  return d instanceof Map && !(o instanceof PyType) ? (d as Map<string, PyObj>) : undefined;
}

/** Object identity numbers for id() and default hashes: assigned lazily. */
const ids = new WeakMap<object, number>();
let nextId = 0x7f0000001000;
export function objectId(o: PyObj): number {
  if (typeof o !== 'object') return 0;
  let id = ids.get(o);
  if (id === undefined) {
    id = nextId;
    nextId += 16;
    ids.set(o, id);
  }
  return id;
}

/** A function implemented in TypeScript (builtins, methods of builtin types). */
export class PyBuiltin extends PyObject {
  declare name: string;
  declare fn: NativeFn;
  /** Positional argument bounds (including self for methods); min < 0 means unchecked. */
  declare min: number;
  declare max: number;
  declare kw: boolean;
  /** A method of a builtin type (bound to the instance on attribute access); plain builtins are not. */
  declare isMethod: boolean;
  constructor(name: string, fn: NativeFn) {
    super(BuiltinFunctionType);
    this.name = name;
    this.fn = fn;
    this.min = -1;
    this.max = 0;
    this.kw = true;
    this.isMethod = false;
  }
  /** Declares the accepted argument counts, checked with upstream's mp_arg_check_num messages. */
  arity(min: number, max = min, kw = false): this {
    this.min = min;
    this.max = max;
    this.kw = kw;
    // upstream has distinct (all 'function'-named) types for 0..3 fixed arguments and for the rest
    if (min === max && min <= 3 && !kw) this.type = FixedArityFunctionTypes[min] as PyType;
    return this;
  }
  call(args: PyObj[], kw: KwArgs | undefined): PyObj {
    if (this.min >= 0) checkArgCount(this, args.length, kw);
    return this.fn(args, kw);
  }
}

/** Raises TypeError the way mp_arg_check_num_sig words it. */
export function checkArgCount(b: PyBuiltin, n: number, kw: KwArgs | undefined): void {
  if (!b.kw && kw !== undefined && kw.size > 0) throw argError("function doesn't take keyword arguments");
  if (b.min === b.max) {
    if (n !== b.min) throw argError(`function takes ${b.min} positional arguments but ${n} were given`);
  } else if (n < b.min) throw argError(`function missing ${b.min - n} required positional arguments`);
  else if (n > b.max) throw argError(`function expected at most ${b.max} arguments, got ${n}`);
}
/** Set by exceptions.ts (which depends on this module) to build TypeError instances. */
export let argError: (msg: string) => PyObject = (msg) => new Error(msg) as unknown as PyObject;
export function setArgError(f: (msg: string) => PyObject): void {
  argError = f;
}
export const BuiltinFunctionType = new PyType('function', [ObjectType]);
BuiltinFunctionType.baseable = false;
export const FixedArityFunctionTypes: PyType[] = [0, 1, 2, 3].map(() => {
  const t = new PyType('function', [ObjectType]);
  t.baseable = false;
  return t;
});

/** Adds a method implemented natively to a builtin type's dict (args[0] is self). */
export function defMethod(t: PyType, name: string, fn: NativeFn): PyBuiltin {
  typeEpoch++;
  const b = new PyBuiltin(name, fn);
  b.isMethod = true;
  t.dict.set(name, b);
  return b;
}

/** Wraps a native function as a classmethod/staticmethod-like descriptor for builtin types. */
export class PyStaticMethod extends PyObject {
  constructor(public fn: PyObj) {
    super(StaticMethodType);
  }
}
export class PyClassMethod extends PyObject {
  constructor(public fn: PyObj) {
    super(ClassMethodType);
  }
}
export const StaticMethodType = new PyType('staticmethod', [ObjectType]);
export const ClassMethodType = new PyType('classmethod', [ObjectType]);

export class PyTuple extends PyObject {
  declare items: PyObj[];
  constructor(items: PyObj[], type: PyType = TupleType) {
    super(type);
    this.items = items;
  }
}
export const TupleType = new PyType('tuple', [ObjectType]);
export const EMPTY_TUPLE = new PyTuple([]);

export class PyList extends PyObject {
  declare items: PyObj[];
  constructor(items: PyObj[], type: PyType = ListType) {
    super(type);
    this.items = items;
  }
}
export const ListType = new PyType('list', [ObjectType]);

/** A module object: its globals dict is a PyDict (typed loosely here to keep this file a leaf). */
export class PyModule extends PyObject {
  /** Upstream's builtin modules have fixed (ROM) globals: attribute stores raise AttributeError. */
  readOnly = false;
  /** A builtin module's names in table order (upstream's ROM dicts iterate in source order). */
  tableOrder: readonly string[] | undefined;
  constructor(public name: string, public globals: PyObject & { mpmap: unknown }) {
    super(ModuleType);
  }
}
export const ModuleType = new PyType('module', [ObjectType]);
ModuleType.baseable = false;
ModuleType.print = (o) => {
  const m = o as PyModule;
  const file = (m.globals as unknown as { mpmap: { get(k: PyObj): PyObj | undefined } }).mpmap.get('__file__');
  return typeof file === 'string' && m.name !== '__main__' ? `<module '${m.name}' from '${file}'>` : `<module '${m.name}'>`;
};
