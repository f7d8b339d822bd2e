// Generic object protocol (upstream's runtime.c/obj.c): truth, equality, hashing, operators,
// iteration, calling, subscription, printing. Type-specific behaviour comes from PyType slots.
import {
  AttributeErrorType, BaseExceptionType, excMsg, KeyErrorType, PyException, StopIterationType,
  typeError, valueError,
} from '../objects/exceptions.js';
import { floatBinary } from '../objects/float.js';
import { intBinary, intHash, intUnary } from '../objects/int.js';
import {
  Binary, BoolType, DELETE, NoneObj, NotImplementedObj, objectId, PrintKind, PyBuiltin, PyFloat, PyInstance, PyList, PyObject,
  PyTuple, PyType, TupleType, REFLECT_OFFSET, typeOf, Unary, type KwArgs, type PyObj, type SubscrValue,
  noteAlloc,
} from '../objects/object.js';
import { BINARY_OP_NAMES } from '../bytecode/opcodes.js';
import { PyBoundMethod, PyFunction } from '../objects/fun.js';

/** Host hooks the runtime needs while executing (set by the VM instance that is running). */
export interface RuntimeHooks {
  stdout(s: string): void;
  stderr(s: string): void;
  callFunction(fn: PyObj, args: PyObj[], kw: KwArgs | undefined): PyObj | undefined;
}

/**
 * `stopValue` is upstream's stop_iteration_arg: the return value of a generator that iternext just
 * reported exhausted, so next() can raise StopIteration(value).
 */
export const rt: { hooks: RuntimeHooks; stopValue: PyObj | undefined } = {
  stopValue: undefined,
  hooks: {
    stdout: () => undefined,
    stderr: () => undefined,
    callFunction: () => undefined,
  },
};

export function warning(msg: string): void {
  rt.hooks.stderr(`Warning: ${msg}\n`);
}

// ---------------------------------------------------------------- printing

export function repr(o: PyObj): string {
  return printObj(o, PrintKind.REPR);
}
export function str(o: PyObj): string {
  if (typeof o === 'string') return o;
  return printObj(o, PrintKind.STR);
}

export function printObj(o: PyObj, kind: PrintKind): string {
  switch (typeof o) {
    case 'number':
    case 'bigint':
      return o.toString();
    case 'boolean':
      return o ? 'True' : 'False';
    case 'string':
      return kind === PrintKind.REPR ? strRepr(o) : o;
    default: {
      const p = o.type.print;
      if (p) return p(o, kind);
      // upstream prints a native object without a print slot as its type name in angle brackets
      return `<${o.type.name}>`;
    }
  }
}

export function hexId(o: PyObj): string {
  return '0x' + objectId(o).toString(16);
}

/** repr of a str as MicroPython prints it: non-ASCII escaped (\xNN, \uNNNN, \UNNNNNNNN). */
export function strRepr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = q;
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === q || ch === '\\') out += '\\' + ch;
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 9) out += '\\t';
    else if (c < 0x100) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c < 0x10000) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += '\\U' + c.toString(16).padStart(8, '0');
  }
  return out + q;
}

export function typeName(o: PyObj): string {
  return typeOf(o).name;
}

/**
 * Raises MemoryError like upstream's allocator for a single block of `bytes` that cannot fit the
 * emulated heap (also keeps runaway allocations from exhausting the JS heap).
 */
/** qstr_from_strn's limit: an interned name longer than 255 UTF-8 bytes is a RuntimeError. */
export function checkQstr(s: string): string {
  // a UTF-16 unit is at most 3 UTF-8 bytes, so short strings need no count
  if (s.length > 85 && (s.length > 255 || new TextEncoder().encode(s).length > 255)) {
    throw excMsg(RuntimeErrorType, 'name too long');
  }
  return s;
}

export function checkAlloc(bytes: number): void {
  if (bytes > vmState.heapSize) throw excMsg(MemoryErrorType, `memory allocation failed, allocating ${bytes} bytes`);
  // an allocation that can be made is counted as made (micropython.mem_total)
  noteAlloc(bytes);
}
import { vmState } from './state.js';
import { MemoryErrorType, RuntimeErrorType } from '../objects/exceptions.js';

// ---------------------------------------------------------------- truth, len, hash

export function isTrue(o: PyObj): boolean {
  switch (typeof o) {
    case 'boolean':
      return o;
    case 'number':
      return o !== 0;
    case 'string':
      return o.length !== 0;
    case 'bigint':
      return true;
    default: {
      if (o === NoneObj) return false;
      const t = o.type;
      if (t.unary) {
        const r = t.unary(Unary.BOOL, o);
        if (r !== undefined) return isTrue(r);
        const l = t.unary(Unary.LEN, o);
        if (l !== undefined) return l !== 0;
      }
      return true;
    }
  }
}

export function lenMaybe(o: PyObj): PyObj | undefined {
  if (typeof o === 'string') return strLen(o);
  const t = typeOf(o);
  return t.unary ? t.unary(Unary.LEN, o) : undefined;
}

export function len(o: PyObj): number {
  const l = lenMaybe(o);
  if (l === undefined) throw typeError(`object of type '${typeName(o)}' has no len()`);
  return Number(l);
}

const SURROGATE = /[\uD800-\uDFFF]/;
export function strLen(s: string): number {
  if (!SURROGATE.test(s)) return s.length;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}

const utf8 = new TextEncoder();
/** qstr_compute_hash: djb2 over the UTF-8 bytes, 16 bits on the unix port, never 0. */
export function strHash(s: string): number {
  let h = 5381;
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) {
      ascii = false;
      break;
    }
    h = ((h * 33) ^ c) & 0xffff;
  }
  if (!ascii) {
    h = 5381;
    for (const b of utf8.encode(s)) h = ((h * 33) ^ b) & 0xffff;
  }
  return h === 0 ? 1 : h;
}
export function bytesHash(b: Uint8Array): number {
  let h = 5381;
  for (let i = 0; i < b.length; i++) h = ((h * 33) ^ (b[i] as number)) & 0xffff;
  return h === 0 ? 1 : h;
}

export function hashOf(o: PyObj): number | bigint {
  switch (typeof o) {
    case 'number':
      return o;
    case 'string':
      return strHash(o);
    case 'boolean':
      return o ? 1 : 0;
    case 'bigint':
      return intHash(o);
    default: {
      const t = o.type;
      if (t.unary) {
        const h = t.unary(Unary.HASH, o);
        if (h !== undefined) return h as number | bigint;
      }
      if (t.unhashable) throw typeError(`unsupported type for __hash__: '${t.name}'`);
      return objectId(o);
    }
  }
}

// ---------------------------------------------------------------- equality and operators

function isStrType(o: PyObj): boolean {
  return typeof o === 'string';
}
function isBytes(o: PyObj): boolean {
  return typeof o === 'object' && o.type.name === 'bytes' && !o.type.isUser;
}

export function pyEquals(a: PyObj, b: PyObj): boolean {
  if (a === b) {
    if (a instanceof PyFloat) return !Number.isNaN(a.v);
    // instances of user classes may define a non-reflexive __eq__ (upstream's EQ_NOT_REFLEXIVE)
    // a complex with a nan part is not equal to itself either; compared by value below
    if (typeof a !== 'object' || (!a.type.isUser && a.type.name !== 'complex')) return true;
  }
  const ta = typeof a;
  const tb = typeof b;
  if (ta === 'string') {
    if (tb === 'string') return false;
    if (isBytes(b)) {
      warning('Comparison between bytes and str');
      return false;
    }
  } else if (tb === 'string' && isBytes(a)) {
    warning('Comparison between bytes and str');
    return false;
  }
  if ((ta === 'number' || ta === 'bigint' || ta === 'boolean') && (tb === 'number' || tb === 'bigint' || tb === 'boolean')) {
    return toIntVal(a) == toIntVal(b); // eslint-disable-line eqeqeq -- number/bigint comparison
  }
  for (let pass = 0; pass < 2; pass++) {
    const x = pass === 0 ? a : b;
    const y = pass === 0 ? b : a;
    if (typeof x === 'object') {
      const t = x.type;
      if (t.binary && (t.eqChecksOther || t.isUser || typeOf(y) === t)) {
        const r = t.binary(Binary.EQ, x, y);
        if (r !== undefined) return isTrue(r);
      }
    } else if (typeof x === 'number' || typeof x === 'bigint' || typeof x === 'boolean') {
      if (y instanceof PyFloat) return Number(toIntVal(x)) === y.v;
    }
  }
  // equality not implemented: identity
  return a === b;
}

/**
 * mp_obj_equal_not_equal when a user instance is involved: each side in turn (a str or int on the left
 * goes straight to the right's methods) tries __ne__ for !=, then __eq__; __eq__'s result is returned
 * as is for ==, and its truth inverted for !=. Neither answering means identity.
 */
function userEqNe(op: Binary, a: PyObj, b: PyObj): PyObj {
  for (let pass = 0; pass < 2; pass++) {
    const x = pass === 0 ? a : b;
    const y = pass === 0 ? b : a;
    if (typeof x !== 'object' || !x.type.isUser) continue;
    if (op === Binary.NE) {
      const ne = x.type.lookup('__ne__');
      if (ne !== undefined && !(ne instanceof PyBuiltin)) {
        const r = call(ne, [x, y]);
        if (r !== NotImplementedObj) return r;
      }
    }
    const r = x.type.binary?.(Binary.EQ, x, y);
    if (r !== undefined) return op === Binary.EQ ? r : !isTrue(r);
  }
  return (a === b) === (op === Binary.EQ);
}

function toIntVal(o: PyObj): number | bigint {
  return typeof o === 'boolean' ? (o ? 1 : 0) : (o as number | bigint);
}

function opName(op: number): string {
  return BINARY_OP_NAMES[op] ?? '?';
}

export function unsupportedBinary(op: number, a: PyObj, b: PyObj): PyException {
  return typeError(`unsupported types for ${opName(op)}: '${typeName(a)}', '${typeName(b)}'`);
}

export function binaryOp(op: Binary, a: PyObj, b: PyObj): PyObj {
  const ta = typeof a;
  const tb = typeof b;
  if ((ta === 'number' || ta === 'bigint' || ta === 'boolean')) {
    if (tb === 'number' || tb === 'bigint' || tb === 'boolean') {
      if (op === Binary.IS) return a === b || toIntVal(a) === toIntVal(b) && ta !== 'boolean' && tb !== 'boolean';
      const r = intBinary(op, toIntVal(a), toIntVal(b));
      if (r !== undefined) return r;
    } else if (b instanceof PyFloat) {
      const r = floatBinary(op, Number(toIntVal(a)), b.v);
      if (r !== undefined) return r;
      if (op === Binary.POW || op === Binary.IPOW) return complexFallback(op, a, b);
    }
  }
  switch (op) {
    case Binary.IS:
      return a === b;
    case Binary.EQ:
    case Binary.NE:
      if ((typeof a === 'object' && a.type.isUser) || (typeof b === 'object' && b.type.isUser)) return userEqNe(op, a, b);
      return (op === Binary.EQ) === pyEquals(a, b);
    case Binary.IN:
      return contains(b, a);
    case Binary.EXC_MATCH:
      return excMatch(a, b);
    default:
      break;
  }
  let o = op as number;
  let x = a;
  let y = b;
  for (;;) {
    const t = typeOf(x);
    if (t.binary) {
      const r = t.binary(o as Binary, x, y);
      if (r !== undefined) return r;
    }
    if (o >= Binary.IOR && o <= Binary.IPOW) {
      o += Binary.OR - Binary.IOR;
      continue;
    }
    if (o >= Binary.OR && o <= Binary.POW) {
      const tmp = x;
      x = y;
      y = tmp;
      o += REFLECT_OFFSET;
      continue;
    }
    if (o >= REFLECT_OFFSET) {
      o -= REFLECT_OFFSET;
      const tmp = x;
      x = y;
      y = tmp;
    }
    throw unsupportedBinary(o, x, y);
  }
}

/**
 * binaryOp after a's own method for (non-in-place) `op` returned NotImplemented: b's reflected
 * method for arithmetic, else the TypeError binaryOp raises.
 */
export function binaryAfterLhs(op: Binary, a: PyObj, b: PyObj): PyObj {
  if (op >= Binary.OR && op <= Binary.POW) {
    const t = typeOf(b);
    if (t.binary) {
      const r = t.binary((op + REFLECT_OFFSET) as Binary, b, a);
      if (r !== undefined) return r;
    }
  }
  throw unsupportedBinary(op, a, b);
}

let complexPow: ((a: PyObj, b: PyObj) => PyObj) | undefined;
export function setComplexPow(f: (a: PyObj, b: PyObj) => PyObj): void {
  complexPow = f;
}
function complexFallback(op: number, a: PyObj, b: PyObj): PyObj {
  if (complexPow) return complexPow(a, b);
  throw unsupportedBinary(op, a, b);
}

export function contains(container: PyObj, item: PyObj): boolean {
  const t = typeOf(container);
  if (t.binary) {
    const r = t.binary(Binary.CONTAINS, container, item);
    if (r !== undefined) return isTrue(r);
  }
  const it = getIter(container);
  for (let v = iterNext(it); v !== undefined; v = iterNext(it)) if (pyEquals(v, item)) return true;
  return false;
}

/** `except X` matching: X is a class or tuple of classes. */
export function excMatch(exc: PyObj, cls: PyObj): boolean {
  // the handler must name exception classes (a flat tuple of them at most), as upstream's
  // EXCEPTION_MATCH: anything else is an unsupported operation naming the offending object
  if (isBaseExceptionType(cls)) return (exc instanceof PyType ? exc : typeOf(exc)).isSubclassOf(cls);
  if (cls instanceof PyTuple && cls.type === TupleType) {
    const t = exc instanceof PyType ? exc : typeOf(exc);
    for (const c of cls.items) {
      if (!isBaseExceptionType(c)) throw typeError(`unsupported types for : '${typeName(exc)}', '${typeName(c)}'`);
      if (t.isSubclassOf(c)) return true;
    }
    return false;
  }
  throw typeError(`unsupported types for : '${typeName(exc)}', '${typeName(cls)}'`);
}

export function unaryOp(op: Unary, a: PyObj): PyObj {
  if (op === Unary.NOT) return !isTrue(a);
  if (typeof a === 'number' || typeof a === 'bigint') {
    const r = intUnary(op, a);
    if (r !== undefined) return r;
  } else if (typeof a === 'boolean') {
    const r = intUnary(op, a ? 1 : 0);
    if (r !== undefined) return r;
  } else {
    const t = typeOf(a);
    if (t.unary) {
      const r = t.unary(op, a);
      if (r !== undefined) return r;
    }
  }
  const names = ['__pos__', '__neg__', '__invert__', '<not>', '__bool__', '__len__', '__hash__', '__abs__', '__int__', '__float__'];
  throw typeError(`unsupported type for ${names[op] ?? '?'}: '${typeName(a)}'`);
}

/** For sorting and min/max: a < b with upstream's error messages. */
export function lessThan(a: PyObj, b: PyObj): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  return isTrue(binaryOp(Binary.LT, a, b));
}

// ---------------------------------------------------------------- iteration

export function getIter(o: PyObj): PyObj {
  const t = typeOf(o);
  if (t.getiter) return t.getiter(o);
  throw typeError(`'${t.name}' object isn't iterable`);
}

/** Next value, or undefined when the iterator is exhausted. */
export function iterNext(it: PyObj): PyObj | undefined {
  const t = typeOf(it);
  if (t.iternext) return t.iternext(it);
  throw typeError(`'${t.name}' object isn't an iterator`);
}

/** All items of an iterable, with fast paths for list/tuple. */
export function toArray(o: PyObj): PyObj[] {
  if (o instanceof PyList || o instanceof PyTuple) {
    if (!o.type.isUser || !o.type.lookup('__iter__')) return o.items.slice();
  }
  const out: PyObj[] = [];
  const it = getIter(o);
  for (let v = iterNext(it); v !== undefined; v = iterNext(it)) {
    if ((out.length & 0xfff) === 0xfff) checkAlloc(out.length * 8);
    out.push(v);
  }
  return out;
}

/** Items of a list/tuple without copying, or a fresh array for other iterables. */
export function itemsOf(o: PyObj): PyObj[] {
  if ((o instanceof PyList || o instanceof PyTuple) && !o.type.isUser) return o.items;
  return toArray(o);
}

// ---------------------------------------------------------------- calling

export function call(fn: PyObj, args: PyObj[], kw?: KwArgs): PyObj {
  if (fn instanceof PyBuiltin) return fn.call(args, kw);
  const t = typeOf(fn);
  if (t.call) return t.call(fn, args, kw);
  if (fn instanceof PyFunction || fn instanceof PyBoundMethod) {
    const r = rt.hooks.callFunction(fn, args, kw);
    if (r !== undefined) return r;
  }
  throw typeError(`'${t.name}' object isn't callable`);
}

export function isCallable(o: PyObj): boolean {
  if (o instanceof PyBuiltin || o instanceof PyType || o instanceof PyFunction || o instanceof PyBoundMethod) return true;
  const t = typeOf(o);
  if (t.call) return !(o instanceof PyInstance) || t.lookup('__call__') !== undefined;
  return false;
}

// ---------------------------------------------------------------- subscription

export function subscr(o: PyObj, index: PyObj, value: SubscrValue): PyObj {
  const t = typeOf(o);
  if (t.subscr) {
    const r = t.subscr(o, index, value);
    if (r !== undefined) return r;
  }
  if (value === undefined) throw typeError(`'${t.name}' object isn't subscriptable`);
  if (value === DELETE) throw typeError(`'${t.name}' object doesn't support item deletion`);
  throw typeError(`'${t.name}' object doesn't support item assignment`);
}

export function getItem(o: PyObj, index: PyObj): PyObj {
  return subscr(o, index, undefined);
}

export function keyError(key: PyObj): PyException {
  return new PyException(KeyErrorType, new PyTuple([key]));
}

/** Normalises a sequence index (upstream mp_get_index), raising IndexError like the caller's type. */
export function seqIndex(typeNameStr: string, len: number, index: PyObj, isSlice = false): number {
  let i: number;
  if (typeof index === 'number') i = index;
  else if (typeof index === 'boolean') i = index ? 1 : 0;
  else if (typeof index === 'bigint') i = Number(index);
  else throw typeError(`${typeNameStr} indices must be integers, not ${typeName(index)}`);
  if (i < 0) i += len;
  if (!isSlice && (i < 0 || i >= len)) throw excMsg(indexErrorType(), `${typeNameStr} index out of range`);
  return i;
}
import { IndexErrorType } from '../objects/exceptions.js';
function indexErrorType(): PyType {
  return IndexErrorType;
}

// ---------------------------------------------------------------- misc helpers

export function unpackSequence(o: PyObj, n: number): PyObj[] {
  let items: PyObj[];
  if ((o instanceof PyTuple || o instanceof PyList) && !o.type.isUser) items = o.items;
  else {
    items = [];
    const it = getIter(o);
    for (let v = iterNext(it); v !== undefined; v = iterNext(it)) {
      if (items.length === n) throw valueError(`too many values to unpack (expected ${n})`);
      items.push(v);
    }
  }
  if (items.length < n) throw valueError(`need more than ${items.length} values to unpack`);
  if (items.length > n) throw valueError(`too many values to unpack (expected ${n})`);
  return items;
}

export function isBaseExceptionInstance(o: PyObj): o is PyException {
  return o instanceof PyException;
}

export function stopIterationValue(e: PyException): PyObj {
  return e.args.items.length > 0 ? (e.args.items[0] as PyObj) : NoneObj;
}

export function isStopIteration(e: PyObj): boolean {
  return e instanceof PyException && e.type.isSubclassOf(StopIterationType);
}

export function mkAttributeError(o: PyObj, name: string): PyException {
  if (o instanceof PyType) return excMsg(AttributeErrorType, `type object '${o.name}' has no attribute '${name}'`);
  if (typeof o === 'object' && o.type.name === 'module' && !o.type.isUser) {
    return excMsg(AttributeErrorType, `module '${(o as unknown as { name: string }).name}' has no attribute '${name}'`);
  }
  return excMsg(AttributeErrorType, `'${typeName(o)}' object has no attribute '${name}'`);
}

export function isBaseExceptionType(o: PyObj): o is PyType {
  return o instanceof PyType && o.isSubclassOf(BaseExceptionType);
}

export function boolOf(v: boolean): PyObj {
  return v;
}
export { BoolType, PyObject };
