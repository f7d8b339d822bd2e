// The VM side of the JS tier (@micropython.viper): the runtime helpers generated code calls
// (src/core/jstier.ts's JsTierRuntime), the viper function object, and the address model for pointers.
//
// Addresses: viper pointers live in the same simulated 64-bit address space as uctypes
// (src/modules/_memory.ts): a buffer object's pointer is its bytes' address there (assigned on first
// use; a memoryview lands at its offset), a str's is its stable NUL-terminated copy, and loads and
// stores through ptr8/16/32 read and write that memory little-endian, as on x64. So
// ptr8(uctypes.addressof(b)) and uctypes.bytearray_at(<viper address>, n) see the same bytes.
import type { JsTierRecord, JsTierRuntime } from '../core/jstier.js';
import { addressOf, load as memLoad, store as memStore, strBuffer } from '../modules/_memory.js';
import { bufferOf } from '../objects/bytes.js';
import { PyDict } from '../objects/dict.js';
import { AttributeErrorType, excMsg, KeyboardInterruptType, NameErrorType, PyException, RuntimeErrorType, typeError, ValueErrorType, ZeroDivisionErrorType } from '../objects/exceptions.js';
import { PyBoundMethod, PyCell, PyFunction } from '../objects/fun.js';
import { normBig } from '../objects/int.js';
import {
  DELETE, EMPTY_TUPLE, NoneObj, ObjectType, PyBuiltin, PyList, PyTuple, PyType, typeOf, type KwArgs, type PyObj,
} from '../objects/object.js';
import { newSet, PySet } from '../objects/set.js';
import { PySlice } from '../objects/slice.js';
import { superLookup, superRaw } from '../objects/type.js';
import { loadAttr, loadMethodInto, storeAttr } from './attr.js';
import type { Code, ModuleContext } from './code.js';
import { expandVarArgs } from './frame.js';
import { callAny, makeRaiseObj, toPyException } from './interp.js';
import { binaryOp, getIter, isTrue, iterNext, subscr, toArray, unaryOp, unpackSequence, warning } from './runtime.js';
import { vmState } from './state.js';

const MASK64 = (1n << 64n) - 1n;

/** The address of a buffer object's data (mp_get_buffer's buf), or undefined when it has none. */
function addressOfObj(o: PyObj): bigint | undefined {
  if (typeof o === 'string') return addressOf(strBuffer(o));
  const data = bufferOf(o);
  return data === undefined ? undefined : addressOf(data);
}

/** mp_obj_get_int_truncated: the low 64 bits of an int (bools count), else TypeError. */
function truncatedInt(o: PyObj): bigint {
  if (typeof o === 'number') return BigInt(o);
  if (typeof o === 'bigint') return BigInt.asIntN(64, o);
  if (typeof o === 'boolean') return o ? 1n : 0n;
  throw typeError(`can't convert ${typeOf(o).name} to int`);
}

function kwMap(kw: PyObj[] | undefined): KwArgs | undefined {
  if (kw === undefined) return undefined;
  const m: KwArgs = new Map();
  for (let i = 0; i < kw.length; i += 2) {
    const k = kw[i] as string;
    if (m.has(k)) throw typeError(`function got multiple values for argument '${k}'`);
    m.set(k, kw[i + 1] as PyObj);
  }
  return m;
}

/** A viper function: called like a builtin (positional arguments only), bound as a method in classes. */
export const ViperFunctionType = new PyType('function', [ObjectType]);
ViperFunctionType.baseable = false;
ViperFunctionType.print = () => '<function>';

type JsFn = (g: PyDict, args: PyObj[], hasKw: boolean) => PyObj;

class PyViperFunction extends PyBuiltin {
  constructor(name: string, jsFn: JsFn, globals: PyDict, closed: PyObj[] | undefined) {
    super(name, (args, kw) => {
      const hasKw = kw !== undefined && kw.size > 0;
      return jsFn(globals, closed === undefined ? args : [...closed, ...args], hasKw);
    });
    this.type = ViperFunctionType;
    this.isMethod = true;
  }
}

/** Code fields for a JS-tier function: it never gets a frame, so only its identity matters. */
export interface JsTierCode extends Code {
  jsTier: (g: PyDict, closed: PyObj[] | undefined) => PyObj;
}

const decoder = new TextDecoder();

/** Builds the Code of a JS-tier raw code (only ever from the VM's own compiler output). */
export function buildJsTierCode(funData: Uint8Array, ctx: ModuleContext, children: Code[]): JsTierCode {
  const rec = JSON.parse(decoder.decode(funData)) as JsTierRecord;
  if (rec.mpytsJs !== 1) throw excMsg(ValueErrorType, 'incompatible .mpy file');
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the JS tier's whole point
  const factory = new Function('rt', 'K', 'C', rec.body) as (rt: JsTierRuntime<PyObj, Code, PyDict>, k: readonly PyObj[], c: Code[]) => JsFn;
  const fn = factory(runtime, ctx.consts, children);
  return {
    bc: funData,
    ctx,
    children,
    name: rec.name,
    nState: 0,
    nExcStack: 0,
    scopeFlags: 0,
    nPosArgs: rec.nFree + rec.nPosArgs,
    nKwonlyArgs: 0,
    nDefPosArgs: 0,
    argNames: [],
    codeStart: 0,
    lineInfoStart: 0,
    lineInfoEnd: 0,
    cellLocals: [],
    cache: undefined,
    jsTier: (g, closed) => new PyViperFunction(rec.name, fn, g, closed),
  };
}

function makeFunction(code: Code, g: PyDict, pd: PyObj | undefined, kwd: PyObj | undefined, closed: PyObj[] | undefined): PyObj {
  const js = (code as Partial<JsTierCode>).jsTier;
  if (js !== undefined) return js(g, closed);
  return new PyFunction(code, g, pd instanceof PyTuple ? pd.items : undefined, kwd instanceof PyDict ? kwd : undefined, closed);
}

function checkArgs(n: number, expected: number, hasKw: boolean): void {
  if (hasKw) throw typeError("function doesn't take keyword arguments");
  if (n !== expected) throw typeError(`function takes ${expected} positional arguments but ${n} were given`);
}

const runtime: JsTierRuntime<PyObj, Code, PyDict> = {
  none: NoneObj,
  toObj(w, type) {
    switch (type & 0xf) {
      case 0: return w as unknown as PyObj;
      case 1: return w !== 0n;
      case 2: return normBig(BigInt.asIntN(64, w));
      default:
        // uint and pointers are unsigned; typed None (0x54) is None
        if (type === 0x54) return NoneObj;
        return normBig(w & MASK64);
    }
  },
  fromObj(o, type) {
    switch (type) {
      case 0: throw new Error('JS tier: object conversion');
      case 1: return isTrue(o) ? 1n : 0n;
      case 2:
      case 3: return truncatedInt(o);
      default: {
        const a = addressOfObj(o);
        return a !== undefined ? BigInt.asIntN(64, a) : truncatedInt(o);
      }
    }
  },
  truthy: isTrue,
  exc(e) {
    if (e instanceof PyException || e instanceof RangeError) return toPyException(e);
    // A JS error inside generated code means the function ran on values of the wrong kind, which
    // only happens where upstream's code is undefined too (a stale handler after an unwind through
    // `with`): report it as a Python error rather than crash the VM.
    return excMsg(RuntimeErrorType, `viper: invalid operation (${e instanceof Error ? e.message : String(e)})`);
  },
  raise(o, cause) {
    if (cause !== undefined && cause !== NoneObj) warning('exception chaining not supported');
    throw makeRaiseObj(o);
  },
  nativeRaise(o) {
    if (o !== null && o !== NoneObj) throw makeRaiseObj(o);
  },
  reraise(o) {
    if (o !== null && o !== NoneObj) throw makeRaiseObj(o);
    throw excMsg(RuntimeErrorType, 'no active exception to reraise');
  },
  checkArgs,
  loadGlobal(g, name) {
    const v = g.mpmap.get(name) ?? vmState.builtins.mpmap.get(name);
    if (v === undefined) throw excMsg(NameErrorType, `name '${name}' isn't defined`);
    return v;
  },
  storeGlobal(g, name, v) {
    g.mpmap.set(name, v);
  },
  deleteGlobal(g, name) {
    if (g.mpmap.delete(name) === undefined) throw excMsg(NameErrorType, `name '${name}' isn't defined`);
  },
  loadBuildClass: () => vmState.buildClass,
  importName: (name, fromList, level, g) => vmState.importName(name, fromList, level, g),
  importFrom: (m, name) => vmState.importFrom(m, name),
  importStar: (m, g) => vmState.importStar(m, g),
  loadAttr,
  storeAttr,
  deleteAttr: (o, name) => storeAttr(o, name, DELETE),
  loadMethod(o, name) {
    const d: (PyObj | undefined)[] = [undefined, undefined];
    loadMethodInto(d, 0, o, name);
    return [d[0] as PyObj, d[1]];
  },
  loadSuperMethod(name, cls, self) {
    if (!(cls instanceof PyType)) throw typeError('super() argument 1 must be type');
    const raw = superRaw(cls, name);
    if (raw instanceof PyFunction || (raw instanceof PyBuiltin && raw.isMethod)) return [raw, self];
    const v = superLookup(cls, self, name);
    if (v === undefined) throw excMsg(AttributeErrorType, `'super' object has no attribute '${name}'`);
    if (v instanceof PyBoundMethod && v.self === self) return [v.fn, self];
    return [v, undefined];
  },
  subscr: (o, i) => subscr(o, i, undefined),
  storeSubscr(o, i, v) {
    subscr(o, i, v);
  },
  deleteSubscr(o, i) {
    subscr(o, i, DELETE);
  },
  unaryOp: (op, a) => unaryOp(op, a),
  binaryOp: (op, a, b) => binaryOp(op, a, b),
  getIter,
  iterNext,
  call: (fn, args, kw) => callAny(fn, args, kwMap(kw)),
  callMethod: (fn, self, args, kw) => callAny(fn, self === undefined ? args : [self, ...args], kwMap(kw)),
  callVar(fn, self, slots, nPos, nKw) {
    const [args, kw] = expandVarArgs(slots, 0, nPos, nKw, self);
    return callAny(fn, args, kw);
  },
  buildTuple: (items) => (items.length === 0 ? EMPTY_TUPLE : new PyTuple(items)),
  buildList: (items) => new PyList(items),
  buildMap: () => new PyDict(),
  buildSet: (items) => newSet(items, items.length),
  buildSlice: (a, b, c) => new PySlice(a, b, c),
  storeMap(m, k, v) {
    (m as PyDict).mpmap.set(k, v);
  },
  listAppend(l, v) {
    (l as PyList).items.push(v);
  },
  setAdd(s, v) {
    (s as PySet).mpmap.set(v, true);
  },
  unpackSequence,
  unpackEx(o, nLeft, nRight) {
    const items = toArray(o);
    if (items.length < nLeft + nRight) throw excMsg(ValueErrorType, `need more than ${items.length} values to unpack`);
    return [...items.slice(0, nLeft), new PyList(items.slice(nLeft, items.length - nRight)), ...items.slice(items.length - nRight)];
  },
  makeFunction,
  newCell: (v) => new PyCell(v),
  cellGet(c) {
    const v = (c as PyCell).v;
    if (v === undefined) throw excMsg(NameErrorType, 'local variable referenced before assignment');
    return v;
  },
  cellSet(c, v) {
    (c as PyCell).v = v;
  },
  typeOf: (o) => typeOf(o),
  // upstream's mp_small_int_floor_divide / mp_small_int_modulo on 64-bit words, wrapping where C
  // wraps (the adjustment of a large negative dividend overflows); a zero divisor (a crash upstream)
  // raises ZeroDivisionError
  floorDiv(a, b) {
    if (b === 0n) throw excMsg(ZeroDivisionErrorType, 'divide by zero');
    let num = a;
    if (num >= 0n) {
      if (b < 0n) num = BigInt.asIntN(64, num + BigInt.asIntN(64, BigInt.asIntN(64, -b) - 1n));
    } else if (b >= 0n) {
      num = BigInt.asIntN(64, num + BigInt.asIntN(64, BigInt.asIntN(64, -b) + 1n));
    }
    return BigInt.asIntN(64, num / b);
  },
  modulo(a, b) {
    if (b === 0n) throw excMsg(ZeroDivisionErrorType, 'divide by zero');
    const r = a % b;
    return (r < 0n && b > 0n) || (r > 0n && b < 0n) ? BigInt.asIntN(64, r + b) : r;
  },
  load(addr, size) {
    const d = memLoad(addr, size);
    let v = 0n;
    for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(d[i] as number);
    return size === 8 ? BigInt.asIntN(64, v) : v;
  },
  store(addr, size, vIn) {
    const d = new Uint8Array(size);
    let v = BigInt.asUintN(64, vIn);
    for (let i = 0; i < size; i++) {
      d[i] = Number(v & 0xffn);
      v >>= 8n;
    }
    memStore(addr, d);
  },
  poll() {
    const intr = vmState.interrupt;
    if (intr[0] !== 0) {
      intr[0] = 0;
      throw new PyException(KeyboardInterruptType);
    }
  },
};
