// The interpreter's rarely executed opcodes, out of line from runFrame's dispatch switch.
//
// runFrame (interp.ts) is the one function V8 must optimize for a program to run fast, and a cold run
// pays for every TurboFan compile of it and for every deopt. Opcodes that a hot loop almost never
// executes (counted over bench/vm and the corpus: imports, class and function creation, `with`,
// `break`/`continue` out of try blocks, del, dict/set displays, UNPACK_EX, super() calls) live here
// instead: runFrame's bytecode shrinks, and because they all reach this function through one call
// site in runFrame's `default:` case, the first use of one of them after runFrame was optimized
// deopts this small function instead of the dispatch loop. Any opcode byte the dispatch switch does
// not name comes here, so this switch's default is the "unknown opcode" error.
//
// Opcodes whose normal work is to throw (the RAISE_* forms, END_FINALLY re-raising) stay in runFrame:
// V8 does not tier up a function that frequently exits by an exception (it stays in the bytecode
// interpreter — measured: the `exceptions` benchmark ran 2.5x slower with them here).
import { Op } from '../bytecode/opcodes.js';
import { PyDict } from '../objects/dict.js';
import {
  AttributeErrorType, excMsg, KeyErrorType, NameErrorType, NotImplementedErrorType, PyException, typeError, valueError,
} from '../objects/exceptions.js';
import { PyBoundMethod, PyCell, PyFunction } from '../objects/fun.js';
import { MpMap } from '../objects/map.js';
import { newSet } from '../objects/set.js';
import { NoneObj, PyBuiltin, PyList, PyTuple, PyType, typeOf, type PyObj } from '../objects/object.js';
import { superLookup, superRaw } from '../objects/type.js';
import { loadMethodInto } from './attr.js';
import type { Code } from './code.js';
import type { Frame } from './frame.js';
import { callAny } from './interp.js';
import { isTrue, toArray } from './runtime.js';
import { readLabel, readSignedLabel, readUint, tailIp } from './sites.js';
import { vmState } from './state.js';

/** The ip after the opcode rareOp executed (a second result, as sites.ts's tailIp). */
export let rareIp = 0;

export function nameError(name: string): PyException {
  return excMsg(NameErrorType, `name '${name}' isn't defined`);
}
export function unboundLocal(): PyException {
  return excMsg(NameErrorType, 'local variable referenced before assignment');
}

/**
 * Executes the opcode `op` of frame `f` (read at opIp; its operands start at ip) on the value stack
 * whose top is `sp`. Returns the new sp; the new ip is in rareIp.
 */
export function rareOp(f: Frame, op: number, ipIn: number, spIn: number, opIp: number): number {
  let ip = ipIn;
  let sp = spIn;
  const code = f.code;
  const bc = code.bc;
  const state = f.state;
  const qstrs = code.ctx.qstrs;
  const top = code.nState - 1;
  switch (op) {
    case Op.LOAD_SUPER_METHOD: {
      const u = readUint(bc, ip);
      ip = tailIp;
      const name = qstrs[u] as string;
      sp--;
      // stack: (..., super, __class__, self) -> (..., method, self)
      const cls = state[sp] as PyObj;
      const self = state[sp + 1] as PyObj;
      if (!(cls instanceof PyType)) throw typeError('super() argument 1 must be type');
      const raw = superRaw(cls, name);
      if (raw instanceof PyFunction || (raw instanceof PyBuiltin && raw.isMethod)) {
        // method call through super(): no bound-method object
        state[sp - 1] = raw;
        state[sp] = self;
        break;
      }
      const v = superLookup(cls, self, name);
      if (v === undefined) throw excMsg(AttributeErrorType, `'super' object has no attribute '${name}'`);
      if (v instanceof PyBoundMethod && v.self === self) {
        state[sp - 1] = v.fn;
        state[sp] = self;
      } else {
        state[sp - 1] = v;
        state[sp] = undefined;
      }
      break;
    }
    case Op.LOAD_BUILD_CLASS:
      // builtins.__build_class__ may be overridden (upstream's override dict)
      state[++sp] = vmState.builtins.mpmap.get('__build_class__') ?? vmState.buildClass;
      break;
    case Op.DELETE_FAST: {
      const u = readUint(bc, ip);
      ip = tailIp;
      if (state[top - u] === undefined) throw unboundLocal();
      state[top - u] = undefined;
      break;
    }
    case Op.DELETE_DEREF: {
      const u = readUint(bc, ip);
      ip = tailIp;
      const c = state[top - u] as PyCell;
      if (c.v === undefined) throw unboundLocal();
      c.v = undefined;
      break;
    }
    case Op.DELETE_NAME: {
      const u = readUint(bc, ip);
      ip = tailIp;
      const name = qstrs[u] as string;
      // mp_delete_name is a dict delete: a missing name raises KeyError, as upstream
      if (f.locals.mpmap.delete(name) === undefined) throw excMsg(KeyErrorType, name);
      break;
    }
    case Op.DELETE_GLOBAL: {
      const u = readUint(bc, ip);
      ip = tailIp;
      const name = qstrs[u] as string;
      if (f.globals.mpmap.delete(name) === undefined) throw excMsg(KeyErrorType, name);
      break;
    }
    case Op.SETUP_WITH: {
      const ulab = readLabel(bc, ip);
      ip = tailIp;
      const o = state[sp] as PyObj;
      loadMethodInto(state, sp, o, '__exit__');
      loadMethodInto(state, sp + 2, o, '__enter__');
      const enter = state[sp + 2] as PyObj;
      const eself = state[sp + 3];
      const ret = eself === undefined ? callAny(enter, [], undefined) : callAny(enter, [eself], undefined);
      sp += 1;
      const t = ++f.excTop;
      f.excHandler[t] = ip + ulab;
      f.excSp[t] = sp;
      f.excFinally[t] = true;
      f.excPrev[t] = undefined;
      state[++sp] = ret;
      break;
    }
    case Op.WITH_CLEANUP: {
      const tos = state[sp] as PyObj;
      if (tos === NoneObj) {
        callExit(state, sp - 2, NoneObj, NoneObj, NoneObj);
        sp -= 2;
        state[sp] = NoneObj;
      } else if (typeof tos === 'number') {
        const data = state[sp - 1];
        callExit(state, sp - 3, NoneObj, NoneObj, NoneObj);
        state[sp - 3] = data;
        state[sp - 2] = tos;
        sp -= 2;
      } else {
        const r = callExit(state, sp - 2, typeOf(tos), tos, NoneObj);
        sp -= 2;
        state[sp] = isTrue(r) ? NoneObj : tos;
      }
      break;
    }
    case Op.UNWIND_JUMP: {
      const slab = readSignedLabel(bc, ip);
      ip = tailIp;
      state[++sp] = ip + slab;
      const unum = bc[ip] as number;
      ip++;
      const r = unwindJump(f, unum, ip, sp);
      ip = f.ip;
      sp = f.sp;
      void r;
      break;
    }
    case Op.BUILD_MAP: {
      const u = readUint(bc, ip);
      ip = tailIp;
      state[++sp] = new PyDict(new MpMap(u));
      break;
    }
    case Op.STORE_MAP: {
      // stack: (..., map, value, key)
      const key = state[sp] as PyObj;
      const value = state[sp - 1] as PyObj;
      sp -= 2;
      (state[sp] as PyDict).mpmap.set(key, value);
      break;
    }
    case Op.BUILD_SET: {
      const u = readUint(bc, ip);
      ip = tailIp;
      sp -= u - 1;
      state[sp] = newSet(state.slice(sp, sp + u) as PyObj[], u);
      break;
    }
    case Op.UNPACK_EX: {
      const u = readUint(bc, ip);
      ip = tailIp;
      const nLeft = u & 0xff;
      const nRight = (u >> 8) & 0xff;
      const items = toArray(state[sp] as PyObj);
      if (items.length < nLeft + nRight) throw valueError(`need more than ${items.length} values to unpack`);
      let k = sp;
      for (let i = 0; i < nRight; i++) state[k++] = items[items.length - 1 - i];
      state[k++] = new PyList(items.slice(nLeft, items.length - nRight));
      for (let i = 0; i < nLeft; i++) state[k++] = items[nLeft - 1 - i];
      sp = k - 1;
      break;
    }
    case Op.MAKE_FUNCTION: {
      const u = readUint(bc, ip);
      ip = tailIp;
      const child = code.children[u] as Code;
      // a viper function (JS tier) makes its own function object
      state[++sp] = child.jsTier !== undefined ? child.jsTier(f.globals, undefined) : new PyFunction(child, f.globals, undefined, undefined, undefined);
      break;
    }
    case Op.MAKE_FUNCTION_DEFARGS: {
      const u = readUint(bc, ip);
      ip = tailIp;
      const kwd = state[sp--] as PyObj;
      const pd = state[sp] as PyObj;
      const child = code.children[u] as Code;
      state[sp] = child.jsTier !== undefined ? child.jsTier(f.globals, undefined) : new PyFunction(
        child, f.globals,
        pd instanceof PyTuple ? pd.items : undefined,
        kwd instanceof PyDict ? kwd : undefined, undefined,
      );
      break;
    }
    case Op.MAKE_CLOSURE:
    case Op.MAKE_CLOSURE_DEFARGS: {
      const u = readUint(bc, ip);
      ip = tailIp;
      const nClosed = bc[ip++] as number;
      const closed = state.slice(sp - nClosed + 1, sp + 1) as PyObj[];
      sp -= nClosed;
      let pd: PyObj | undefined;
      let kwd: PyObj | undefined;
      if (op === Op.MAKE_CLOSURE_DEFARGS) {
        kwd = state[sp--] as PyObj;
        pd = state[sp--] as PyObj;
      }
      const child = code.children[u] as Code;
      state[++sp] = child.jsTier !== undefined ? child.jsTier(f.globals, closed) : new PyFunction(
        child, f.globals,
        pd instanceof PyTuple ? pd.items : undefined,
        kwd instanceof PyDict ? kwd : undefined, closed,
      );
      break;
    }
    case Op.IMPORT_NAME: {
      const u = readUint(bc, ip);
      ip = tailIp;
      // Stack: level below, fromlist on top (upstream's POP() is the fromlist).
      const fromList = state[sp--] as PyObj;
      const level = state[sp] as PyObj;
      f.ip = opIp;
      state[sp] = vmState.importName(qstrs[u] as string, fromList, level, f.globals);
      break;
    }
    case Op.IMPORT_FROM: {
      const u = readUint(bc, ip);
      ip = tailIp;
      state[sp + 1] = vmState.importFrom(state[sp] as PyObj, qstrs[u] as string);
      sp++;
      break;
    }
    case Op.IMPORT_STAR:
      vmState.importStar(state[sp--] as PyObj, f.locals);
      break;
    default:
      throw excMsg(NotImplementedErrorType, 'opcode');
  }
  rareIp = ip;
  return sp;
}

function callExit(state: (PyObj | undefined)[], base: number, a: PyObj, b: PyObj, c: PyObj): PyObj {
  const fn = state[base] as PyObj;
  const self = state[base + 1];
  return self === undefined ? callAny(fn, [a, b, c], undefined) : callAny(fn, [self, a, b, c], undefined);
}

/** Cancels an active finally's pending value: upstream CANCEL_ACTIVE_FINALLY. Returns new sp. */
function cancelActiveFinally(state: (PyObj | undefined)[], sp: number): number {
  if (typeof state[sp - 1] === 'number') {
    state[sp - 2] = state[sp];
    return sp - 2;
  }
  state[sp - 1] = state[sp];
  return sp - 1;
}

/**
 * Unwinds for a return through finally handlers. Returns true (with f.ip/f.sp set) when a finally
 * handler must run first; false when the frame can return (f.sp points at the return value).
 */
export function unwindReturn(f: Frame, ip: number, spIn: number): boolean {
  let sp = spIn;
  const state = f.state;
  while (f.excTop >= 0) {
    const t = f.excTop;
    if (f.excFinally[t]) {
      if ((f.excHandler[t] as number) >= ip) {
        const fsp = f.excSp[t] as number;
        state[fsp + 1] = state[sp];
        sp = fsp + 1;
        state[++sp] = -1;
        f.ip = f.excHandler[t] as number;
        f.sp = sp;
        return true;
      }
      sp = cancelActiveFinally(state, sp);
    }
    f.excTop--;
    vmState.curExc = undefined;
  }
  f.sp = sp;
  return false;
}

/** upstream's unwind_jump: `unum` handlers to unwind, destination ip at state[sp]. */
export function unwindJump(f: Frame, unumIn: number, ip: number, spIn: number): boolean {
  let unum = unumIn;
  let sp = spIn;
  const state = f.state;
  while ((unum & 0x7f) > 0) {
    unum -= 1;
    const t = f.excTop;
    if (f.excFinally[t]) {
      if ((f.excHandler[t] as number) >= ip) {
        state[++sp] = unum;
        f.ip = f.excHandler[t] as number;
        f.sp = sp;
        return true;
      }
      sp = cancelActiveFinally(state, sp);
    }
    f.excTop--;
    vmState.curExc = undefined;
  }
  f.ip = state[sp--] as number;
  if (unum !== 0) sp -= 4;
  f.sp = sp;
  return false;
}
