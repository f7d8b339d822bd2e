// The bytecode interpreter: executes .mpy bytecode in place from its Uint8Array view.
//
// A frame's `state` array follows upstream's layout: local i lives at state[nState - 1 - i] and the
// value stack grows upward from state[0]; exception-handler records live in parallel arrays (handler
// address, saved sp, "with/finally" flag, previous exception), indexed by excTop. Frames are heap
// objects so a generator is just a suspended frame that runFrame re-enters.
//
// Python calls recurse in JS (one runFrame per Python frame) with an explicit depth counter, so deep
// recursion raises RuntimeError like the unix port (whose C stack allows ~208 plain frames) and never
// overflows the JS stack.
import { Op } from '../bytecode/opcodes.js';
import { sourceLineAt } from '../core/prelude.js';
import { PyDict } from '../objects/dict.js';
import {
  BaseExceptionType, excMsg, GeneratorExitType, PyException, RuntimeErrorType, StopIterationType,
  typeError, type TbEntry,
} from '../objects/exceptions.js';
import { PyFunction, PyBoundMethod, PyCell } from '../objects/fun.js';
import { intBinary } from '../objects/int.js';
import {
  Binary, DELETE, EllipsisObj, EMPTY_TUPLE, NoneObj, PyBuiltin, PyFloat, PyInstance, PyList, PyTuple, PyType,
  typeOf, Unary, type KwArgs, type PyObj,
} from '../objects/object.js';
import { heapIsLocked } from '../objects/object.js';
import { lockedSlice, PySlice } from '../objects/slice.js';
import { PySet } from '../objects/set.js';
import { fastInit, isIncompleteException, isInstance } from '../objects/type.js';
import { loadAttr, storeAttr } from './attr.js';
import { SCOPE_GENERATOR, type Code } from './code.js';
import {
  call, getIter, isTrue, iterNext, mkAttributeError, str, subscr, typeName, unaryOp, unpackSequence, warning,
} from './runtime.js';
import { vmState } from './state.js';
import { binaryAny, BuiltinSite, loadMethodCached, lookupGlobalCaching, siteLookup, tailIp, uintTail } from './sites.js';
import { PyGen, resumeAny, ResumeKind, resumeValue } from './gen.js';
export { genResume, GenType, PyGen, ResumeKind } from './gen.js';
import { buildKw, expandVarArgs, Frame, setupFrame, setupFrameFromStack } from './frame.js';
import { nameError, rareIp, rareOp, unboundLocal, unwindJump, unwindReturn } from './interp-rare.js';
import { resetTrace, trace, traceEnter, traceException, traceTick } from './trace.js';
export { Frame, setupFrame } from './frame.js';

export const MAX_DEPTH = 208;
let depth = 0;
let curFrame: Frame | undefined;
/** The innermost executing frame (for globals()/locals()/exec). */
export function currentFrame(): Frame | undefined {
  return curFrame;
}
/** Resets interpreter bookkeeping (after an aborted run). */
export function resetInterpreter(): void {
  depth = 0;
  curFrame = undefined;
  resetTrace();
}

export function recursionError(): PyException {
  return excMsg(RuntimeErrorType, 'maximum recursion depth exceeded');
}

/** Converts anything thrown inside the VM to a Python exception (JS stack overflow -> RuntimeError). */
export function toPyException(e: unknown): PyException {
  if (e instanceof PyException) return e;
  if (e instanceof RangeError && /call stack/i.test(e.message)) return recursionError();
  if (e instanceof RangeError && /Invalid (array|typed array|string) length|allocation/i.test(e.message)) {
    return excMsg(MemoryErrorType, 'memory allocation failed');
  }
  // A native function reached an argument that was not passed (JS TypeError on undefined): report it
  // as Python does for a builtin called with too few arguments rather than crashing the VM.
  if (e instanceof TypeError) return typeError('function missing required positional argument');
  throw e;
}

/** upstream mp_make_raise_obj */
export function makeRaiseObj(o: PyObj): PyException {
  if (o instanceof PyException) {
    if (!o.type.isUser || !isIncompleteException(o)) return o;
  }
  if (o instanceof PyType && o.isSubclassOf(BaseExceptionType)) {
    const e = call(o, []);
    if (e instanceof PyException) return e;
  }
  return typeError('exceptions must derive from BaseException');
}

export function addTraceback(e: PyException, code: Code, opIp: number): void {
  const line = sourceLineAt(code.bc, code.lineInfoStart, code.lineInfoEnd, opIp - code.codeStart);
  const entry: TbEntry = { file: code.ctx.file, line, block: code.name };
  (e.traceback ??= []).push(entry);
}

// ------------------------------------------------------------------ calling

export function callFunction(fn: PyFunction, args: PyObj[], kw: KwArgs | undefined): PyObj {
  const f = setupFrame(fn, args, kw);
  if (fn.code.scopeFlags & SCOPE_GENERATOR) return new PyGen(f);
  runFrame(f, undefined);
  return f.state[f.sp] as PyObj;
}

/** Calls any callable; bytecode functions run directly, others through the runtime. */
export function callAny(fn: PyObj, args: PyObj[], kw: KwArgs | undefined): PyObj {
  if (fn instanceof PyFunction) return callFunction(fn, args, kw);
  if (fn instanceof PyBuiltin) return fn.call(args, kw);
  if (fn instanceof PyBoundMethod) {
    const a = [fn.self];
    for (let i = 0; i < args.length; i++) a.push(args[i] as PyObj);
    return callAny(fn.fn, a, kw);
  }
  const t = typeOf(fn);
  if (t.call) return t.call(fn, args, kw);
  throw typeError(`'${t.name}' object isn't callable`);
}

/** Runs a class body with `locals` as its namespace (upstream __build_class__). */
export function runWithLocals(fn: PyFunction, locals: PyDict, args: PyObj[]): PyObj {
  const f = setupFrame(fn, args, undefined);
  f.locals = locals;
  runFrame(f, undefined);
  return f.state[f.sp] as PyObj;
}

/** Runs a module's top-level code in `globals`. */
export function runModuleCode(code: Code, globals: PyDict): void {
  const fn = new PyFunction(code, globals, undefined, undefined, undefined);
  const f = setupFrame(fn, [], undefined);
  runFrame(f, undefined);
}

// ------------------------------------------------------------------ the dispatch loop

function lookupName(f: Frame, name: string): PyObj {
  let v = f.locals.mpmap.get(name);
  if (v !== undefined) return v;
  if (f.locals !== f.globals) {
    v = f.globals.mpmap.get(name);
    if (v !== undefined) return v;
  }
  v = vmState.builtins.mpmap.get(name);
  if (v !== undefined) return v;
  throw nameError(name);
}

/**
 * Runs `f` until it returns (false) or yields (true). The return/yield value is f.state[f.sp].
 * `inject` is an exception thrown into a suspended generator.
 */
export function runFrame(f: Frame, injectIn: PyObj | undefined): boolean {
  if (++depth > MAX_DEPTH) {
    depth--;
    throw recursionError();
  }
  let inject = injectIn;
  const prevFrame = curFrame;
  curFrame = f;
  const code = f.code;
  const bc = code.bc;
  const state = f.state;
  const qstrs = code.ctx.qstrs;
  const consts = code.ctx.consts;
  const nState = code.nState;
  const top = nState - 1;
  // per-instruction inline caches, indexed by the opcode's offset (global slots, method lookups)
  const ic = code.cache ?? (code.cache = new Array<unknown>(bc.length));
  let ip = f.ip;
  let sp = f.sp;
  let opIp = ip;
  f.back = prevFrame;
  try {
    // sys.settrace / debugger: decided once per entry (trace.ts); only `traced` frames tick per opcode
    // (native code, run here as bytecode, is never traced: upstream's has no trace hooks)
    const traced = (trace.active || f.trace !== undefined) && code.native !== true && traceEnter(f, prevFrame);
    for (;;) {
      try {
        if (inject !== undefined && bc[ip] !== Op.YIELD_FROM) {
          const e = makeRaiseObj(inject);
          inject = undefined;
          opIp = ip;
          throw e;
        }
        for (;;) {
          opIp = ip;
          if (traced) traceTick(f, opIp);
          const op = bc[ip++] as number;
          switch (op) {
            case Op.LOAD_CONST_FALSE:
              state[++sp] = false;
              break;
            case Op.LOAD_CONST_NONE:
              state[++sp] = NoneObj;
              break;
            case Op.LOAD_CONST_TRUE:
              state[++sp] = true;
              break;
            case Op.LOAD_CONST_SMALL_INT: {
              let b = bc[ip++] as number;
              let v = b & 0x40 ? (b & 0x7f) - 128 : b & 0x7f;
              while (b & 0x80) {
                b = bc[ip++] as number;
                v = v * 128 + (b & 0x7f);
              }
              state[++sp] = v;
              break;
            }
            case Op.LOAD_CONST_STRING: {
              let u = bc[ip++] as number;
              if (u & 0x80) {
                u = uintTail(bc, ip, u);
                ip = tailIp;
              }
              state[++sp] = qstrs[u] as string;
              break;
            }
            case Op.LOAD_CONST_OBJ: {
              let u = bc[ip++] as number;
              if (u & 0x80) {
                u = uintTail(bc, ip, u);
                ip = tailIp;
              }
              state[++sp] = consts[u] as PyObj;
              break;
            }
            case Op.LOAD_NULL:
              state[++sp] = undefined;
              break;
            case Op.LOAD_FAST_N: {
              let u = bc[ip++] as number;
              if (u & 0x80) {
                u = uintTail(bc, ip, u);
                ip = tailIp;
              }
              const v = state[top - u];
              if (v === undefined) throw unboundLocal();
              state[++sp] = v;
              break;
            }
            case Op.LOAD_DEREF: {
              let u = bc[ip++] as number;
              if (u & 0x80) {
                u = uintTail(bc, ip, u);
                ip = tailIp;
              }
              const v = (state[top - u] as PyCell).v;
              if (v === undefined) throw unboundLocal();
              state[++sp] = v;
              break;
            }
            case Op.LOAD_NAME: {
              let u = bc[ip++] as number;
              if (u & 0x80) {
                u = uintTail(bc, ip, u);
                ip = tailIp;
              }
              state[++sp] = lookupName(f, qstrs[u] as string);
              break;
            }
            case Op.LOAD_GLOBAL: {
              let u = bc[ip++] as number;
              if (u & 0x80) {
                u = uintTail(bc, ip, u);
                ip = tailIp;
              }
              const name = qstrs[u] as string;
              const gm = f.globals.mpmap;
              const slot = ic[opIp];
              // a cached slot is valid while it still holds this key (rehash or delete moves it)
              if (typeof slot === 'number') {
                if (gm.keys[slot] === name) {
                  state[++sp] = gm.values[slot] as PyObj;
                  break;
                }
              } else if (slot instanceof BuiltinSite && slot.globals === gm && slot.adds === gm.strAdds) {
                const bm = vmState.builtins.mpmap;
                if (bm.keys[slot.slot] === name) {
                  state[++sp] = bm.values[slot.slot] as PyObj;
                  break;
                }
              }
              state[++sp] = lookupGlobalCaching(f, name, ic, opIp);
              break;
            }
            case Op.LOAD_ATTR: {
              let u = bc[ip++] as number;
              if (u & 0x80) {
                u = uintTail(bc, ip, u);
                ip = tailIp;
              }
              const name = qstrs[u] as string;
              const o = state[sp] as PyObj;
              if (o instanceof PyInstance) {
                const v = o.dict.get(name);
                if (v !== undefined) {
                  state[sp] = v;
                  break;
                }
              }
              f.ip = opIp;
              state[sp] = loadAttr(o, name);
              break;
            }
            case Op.LOAD_METHOD: {
              let u = bc[ip++] as number;
              if (u & 0x80) {
                u = uintTail(bc, ip, u);
                ip = tailIp;
              }
              const o = state[sp] as PyObj;
              const name = qstrs[u] as string;
              if (o instanceof PyInstance) {
                // the common method call on an instance: a plain function found on the class (the
                // site remembers the last class's lookup until any class changes)
                const m = siteLookup(o.type, name, ic, opIp);
                if (m instanceof PyFunction && !o.dict.has(name)) {
                  state[sp] = m;
                  state[++sp] = o;
                  break;
                }
              }
              loadMethodCached(state, sp, o, name, ic, opIp);
              sp++;
              break;
            }
            case Op.LOAD_SUBSCR: {
              const index = state[sp--] as PyObj;
              const o = state[sp] as PyObj;
              if (o instanceof PyList && typeof index === 'number' && !o.type.isUser) {
                const items = o.items;
                const i = index < 0 ? index + items.length : index;
                if (i >= 0 && i < items.length) {
                  state[sp] = items[i] as PyObj;
                  break;
                }
              }
              state[sp] = subscr(o, index, undefined);
              break;
            }
            case Op.STORE_FAST_N: {
              let u = bc[ip++] as number;
              if (u & 0x80) {
                u = uintTail(bc, ip, u);
                ip = tailIp;
              }
              state[top - u] = state[sp--];
              break;
            }
            case Op.STORE_DEREF: {
              let u = bc[ip++] as number;
              if (u & 0x80) {
                u = uintTail(bc, ip, u);
                ip = tailIp;
              }
              (state[top - u] as PyCell).v = state[sp--];
              break;
            }
            case Op.STORE_NAME: {
              let u = bc[ip++] as number;
              if (u & 0x80) {
                u = uintTail(bc, ip, u);
                ip = tailIp;
              }
              f.locals.mpmap.set(qstrs[u] as string, state[sp--] as PyObj);
              break;
            }
            case Op.STORE_GLOBAL: {
              let u = bc[ip++] as number;
              if (u & 0x80) {
                u = uintTail(bc, ip, u);
                ip = tailIp;
              }
              f.globals.mpmap.set(qstrs[u] as string, state[sp--] as PyObj);
              break;
            }
            case Op.STORE_ATTR: {
              let u = bc[ip++] as number;
              if (u & 0x80) {
                u = uintTail(bc, ip, u);
                ip = tailIp;
              }
              const o = state[sp] as PyObj;
              const name = qstrs[u] as string;
              if (state[sp - 1] === undefined) {
                // `del obj.attr` is STORE_ATTR of NULL
                storeAttr(o, name, DELETE);
                sp -= 2;
                break;
              }
              if (o instanceof PyInstance && o.type.fastSetattr) {
                o.dict.set(name, state[sp - 1] as PyObj);
                sp -= 2;
                break;
              }
              f.ip = opIp;
              storeAttr(o, name, state[sp - 1] as PyObj);
              sp -= 2;
              break;
            }
            case Op.STORE_SUBSCR: {
              const o = state[sp - 1] as PyObj;
              const index = state[sp] as PyObj;
              if (state[sp - 2] === undefined) {
                // `del o[i]` is STORE_SUBSCR of NULL
                subscr(o, index, DELETE);
                sp -= 3;
                break;
              }
              if (o instanceof PyList && typeof index === 'number' && !o.type.isUser) {
                const items = o.items;
                const i = index < 0 ? index + items.length : index;
                if (i >= 0 && i < items.length) {
                  items[i] = state[sp - 2] as PyObj;
                  sp -= 3;
                  break;
                }
              }
              subscr(o, index, state[sp - 2] as PyObj);
              sp -= 3;
              break;
            }
            case Op.DUP_TOP:
              state[sp + 1] = state[sp];
              sp++;
              break;
            case Op.DUP_TOP_TWO:
              state[sp + 1] = state[sp - 1];
              state[sp + 2] = state[sp];
              sp += 2;
              break;
            case Op.POP_TOP:
              sp--;
              break;
            case Op.ROT_TWO: {
              const t = state[sp];
              state[sp] = state[sp - 1];
              state[sp - 1] = t;
              break;
            }
            case Op.ROT_THREE: {
              const t = state[sp];
              state[sp] = state[sp - 1];
              state[sp - 1] = state[sp - 2];
              state[sp - 2] = t;
              break;
            }
            case Op.JUMP: {
              const b0 = bc[ip] as number;
              let slab: number;
              if (b0 & 0x80) {
                slab = ((b0 & 0x7f) | ((bc[ip + 1] as number) << 7)) - 0x4000;
                ip += 2;
              } else {
                slab = b0 - 0x40;
                ip += 1;
              }
              ip += slab;
              if (vmState.scheduled.length !== 0 || vmState.interrupt[0] !== 0) runScheduled();
              break;
            }
            case Op.POP_JUMP_IF_TRUE:
            case Op.POP_JUMP_IF_FALSE: {
              const b0 = bc[ip] as number;
              let slab: number;
              if (b0 & 0x80) {
                slab = ((b0 & 0x7f) | ((bc[ip + 1] as number) << 7)) - 0x4000;
                ip += 2;
              } else {
                slab = b0 - 0x40;
                ip += 1;
              }
              const v = state[sp--] as PyObj;
              const t = v === true ? true : v === false ? false : isTrue(v);
              if (t === (op === Op.POP_JUMP_IF_TRUE)) {
                ip += slab;
                // the back edge of `while cond:` loops: poll pending work as JUMP does
                if (slab < 0 && (vmState.scheduled.length !== 0 || vmState.interrupt[0] !== 0)) runScheduled();
              }
              break;
            }
            case Op.JUMP_IF_TRUE_OR_POP:
            case Op.JUMP_IF_FALSE_OR_POP: {
              const b0 = bc[ip] as number;
              let ulab: number;
              if (b0 & 0x80) {
                ulab = (b0 & 0x7f) | ((bc[ip + 1] as number) << 7);
                ip += 2;
              } else {
                ulab = b0;
                ip += 1;
              }
              if (isTrue(state[sp] as PyObj) === (op === Op.JUMP_IF_TRUE_OR_POP)) ip += ulab;
              else sp--;
              break;
            }
            case Op.SETUP_EXCEPT:
            case Op.SETUP_FINALLY: {
              const b0 = bc[ip] as number;
              let ulab: number;
              if (b0 & 0x80) {
                ulab = (b0 & 0x7f) | ((bc[ip + 1] as number) << 7);
                ip += 2;
              } else {
                ulab = b0;
                ip += 1;
              }
              const t = ++f.excTop;
              f.excHandler[t] = ip + ulab;
              f.excSp[t] = sp;
              f.excFinally[t] = op === Op.SETUP_FINALLY;
              f.excPrev[t] = undefined;
              break;
            }
            case Op.END_FINALLY: {
              f.excTop--;
              vmState.curExc = undefined;
              const tos = state[sp] as PyObj;
              if (tos === NoneObj) sp--;
              else if (typeof tos === 'number') {
                sp--;
                if (tos < 0) {
                  if (unwindReturn(f, ip, sp)) {
                    ip = f.ip;
                    sp = f.sp;
                    break;
                  }
                  return false;
                }
                unwindJump(f, tos, ip, sp);
                ip = f.ip;
                sp = f.sp;
              } else throw tos as PyException;
              break;
            }
            case Op.GET_ITER:
              state[sp] = getIter(state[sp] as PyObj);
              break;
            case Op.GET_ITER_STACK: {
              const o = state[sp] as PyObj;
              if ((o instanceof PyList || o instanceof PyTuple) && !o.type.isUser) {
                // iterating a list/tuple needs no iterator object: the sequence and the next index
                // live in the iterator's stack slots (FOR_ITER reads them; upstream keeps small
                // iterators in these slots too)
                state[sp] = undefined;
                state[sp + 1] = o;
                state[sp + 2] = 0;
                state[sp + 3] = undefined;
                sp += 3;
                break;
              }
              const it = getIter(o);
              state[sp] = undefined;
              state[sp + 1] = it;
              state[sp + 2] = undefined;
              state[sp + 3] = undefined;
              sp += 3;
              break;
            }
            case Op.FOR_ITER: {
              const b0 = bc[ip] as number;
              let ulab: number;
              if (b0 & 0x80) {
                ulab = (b0 & 0x7f) | ((bc[ip + 1] as number) << 7);
                ip += 2;
              } else {
                ulab = b0;
                ip += 1;
              }
              const it = state[sp - 2] as PyObj;
              let v: PyObj | undefined;
              if (it instanceof RangeIter) {
                const cur = it.cur;
                if (it.step > 0 ? cur < it.stop : cur > it.stop) {
                  it.cur = cur + it.step;
                  v = cur;
                }
              } else if (it instanceof PyList || it instanceof PyTuple) {
                const i = state[sp - 1] as number;
                const items = it.items;
                if (i < items.length) {
                  state[sp - 1] = i + 1;
                  v = items[i] as PyObj;
                }
              } else {
                f.ip = opIp;
                v = iterNext(it);
              }
              if (v === undefined) {
                sp -= 4;
                ip += ulab;
              } else state[++sp] = v;
              break;
            }
            case Op.POP_EXCEPT_JUMP: {
              f.excTop--;
              vmState.curExc = undefined;
              const b0 = bc[ip] as number;
              let ulab: number;
              if (b0 & 0x80) {
                ulab = (b0 & 0x7f) | ((bc[ip + 1] as number) << 7);
                ip += 2;
              } else {
                ulab = b0;
                ip += 1;
              }
              ip += ulab;
              break;
            }
            case Op.BUILD_TUPLE: {
              let u = bc[ip++] as number;
              if (u & 0x80) {
                u = uintTail(bc, ip, u);
                ip = tailIp;
              }
              sp -= u - 1;
              state[sp] = u === 0 ? EMPTY_TUPLE : new PyTuple(state.slice(sp, sp + u) as PyObj[]);
              break;
            }
            case Op.BUILD_LIST: {
              let u = bc[ip++] as number;
              if (u & 0x80) {
                u = uintTail(bc, ip, u);
                ip = tailIp;
              }
              sp -= u - 1;
              if (vmState.heapLocked) throw heapLockedError();
              state[sp] = new PyList(state.slice(sp, sp + u) as PyObj[]);
              break;
            }
            case Op.BUILD_SLICE: {
              const n = bc[ip++] as number;
              let step: PyObj = NoneObj;
              if (n === 3) step = state[sp--] as PyObj;
              const stop = state[sp--] as PyObj;
              state[sp] = heapIsLocked()
                ? lockedSlice(state[sp] as PyObj, stop, step, bc[ip] === Op.LOAD_SUBSCR || bc[ip] === Op.STORE_SUBSCR, state[sp - 1] as PyObj)
                : new PySlice(state[sp] as PyObj, stop, step);
              break;
            }
            case Op.STORE_COMP: {
              let u = bc[ip++] as number;
              if (u & 0x80) {
                u = uintTail(bc, ip, u);
                ip = tailIp;
              }
              const o = state[sp - (u >> 2)] as PyObj;
              const kind = u & 3;
              if (kind === 0) {
                (o as PyList).items.push(state[sp] as PyObj);
                sp--;
              } else if (kind === 1) {
                (o as PyDict).mpmap.set(state[sp] as PyObj, state[sp - 1] as PyObj);
                sp -= 2;
              } else {
                (o as PySet).mpmap.set(state[sp] as PyObj, true);
                sp--;
              }
              break;
            }
            case Op.UNPACK_SEQUENCE: {
              let u = bc[ip++] as number;
              if (u & 0x80) {
                u = uintTail(bc, ip, u);
                ip = tailIp;
              }
              const items = unpackSequence(state[sp] as PyObj, u);
              for (let i = 0; i < u; i++) state[sp + u - 1 - i] = items[i];
              sp += u - 1;
              break;
            }
            case Op.CALL_FUNCTION: {
              let u = bc[ip++] as number;
              if (u & 0x80) {
                u = uintTail(bc, ip, u);
                ip = tailIp;
              }
              const nPos = u & 0xff;
              const nKw = (u >> 8) & 0xff;
              sp -= nPos + 2 * nKw;
              const fn = state[sp] as PyObj;
              f.sp = sp;
              f.ip = opIp;
              if (nKw === 0) {
                let init: PyFunction | undefined;
                if (fn instanceof PyFunction && (fn.code.scopeFlags & SCOPE_GENERATOR) === 0) {
                  const nf = setupFrameFromStack(fn, state, sp + 1, nPos);
                  runFrame(nf, undefined);
                  state[sp] = nf.state[nf.sp];
                } else if (fn instanceof PyType && (init = fastInit(fn)) !== undefined) {
                  // instance of a plain class: __init__ runs on the new object straight from this
                  // stack (the object takes the class's slot as argument 0), as userMake would call it
                  const obj = new PyInstance(fn);
                  state[sp] = obj;
                  const nf = setupFrameFromStack(init, state, sp, nPos + 1);
                  runFrame(nf, undefined);
                  const r = nf.state[nf.sp] as PyObj;
                  if (r !== NoneObj) throw typeError(`__init__() should return None, not '${typeName(r)}'`);
                } else state[sp] = callAny(fn, state.slice(sp + 1, sp + 1 + nPos) as PyObj[], undefined);
              } else {
                state[sp] = callAny(fn, state.slice(sp + 1, sp + 1 + nPos) as PyObj[], buildKw(state, sp + 1 + nPos, nKw));
              }
              break;
            }
            case Op.CALL_FUNCTION_VAR_KW: {
              let u = bc[ip++] as number;
              if (u & 0x80) {
                u = uintTail(bc, ip, u);
                ip = tailIp;
              }
              const nPos = u & 0xff;
              const nKw = (u >> 8) & 0xff;
              sp -= nPos + 2 * nKw + 1;
              f.ip = opIp;
              const [args, kw] = expandVarArgs(state, sp + 1, nPos, nKw, undefined);
              state[sp] = callAny(state[sp] as PyObj, args, kw);
              break;
            }
            case Op.CALL_METHOD: {
              let u = bc[ip++] as number;
              if (u & 0x80) {
                u = uintTail(bc, ip, u);
                ip = tailIp;
              }
              const nPos = u & 0xff;
              const nKw = (u >> 8) & 0xff;
              sp -= nPos + 2 * nKw + 1;
              const fn = state[sp] as PyObj;
              const self = state[sp + 1];
              f.sp = sp;
              f.ip = opIp;
              if (nKw === 0) {
                if (self !== undefined) {
                  if (fn instanceof PyFunction && (fn.code.scopeFlags & SCOPE_GENERATOR) === 0) {
                    const nf = setupFrameFromStack(fn, state, sp + 1, nPos + 1);
                    runFrame(nf, undefined);
                    state[sp] = nf.state[nf.sp];
                  } else if (fn instanceof PyBuiltin) {
                    state[sp] = fn.call(state.slice(sp + 1, sp + 2 + nPos) as PyObj[], undefined);
                  } else state[sp] = callAny(fn, state.slice(sp + 1, sp + 2 + nPos) as PyObj[], undefined);
                } else {
                  state[sp] = callAny(fn, state.slice(sp + 2, sp + 2 + nPos) as PyObj[], undefined);
                }
              } else {
                const args = state.slice(self !== undefined ? sp + 1 : sp + 2, sp + 2 + nPos) as PyObj[];
                state[sp] = callAny(fn, args, buildKw(state, sp + 2 + nPos, nKw));
              }
              break;
            }
            case Op.CALL_METHOD_VAR_KW: {
              let u = bc[ip++] as number;
              if (u & 0x80) {
                u = uintTail(bc, ip, u);
                ip = tailIp;
              }
              const nPos = u & 0xff;
              const nKw = (u >> 8) & 0xff;
              sp -= nPos + 2 * nKw + 2;
              f.ip = opIp;
              const [args, kw] = expandVarArgs(state, sp + 2, nPos, nKw, state[sp + 1]);
              state[sp] = callAny(state[sp] as PyObj, args, kw);
              break;
            }
            case Op.RETURN_VALUE:
              if (f.excTop >= 0) {
                if (unwindReturn(f, ip, sp)) {
                  ip = f.ip;
                  sp = f.sp;
                  break;
                }
              } else f.sp = sp;
              return false;
            case Op.RAISE_LAST: {
              let exc: PyException | undefined;
              for (let i = f.excTop; i >= 0; i--) {
                const p = f.excPrev[i];
                if (p !== undefined) {
                  exc = p;
                  break;
                }
              }
              throw exc ?? excMsg(RuntimeErrorType, 'no active exception to reraise');
            }
            case Op.RAISE_OBJ:
              throw makeRaiseObj(state[sp] as PyObj);
            case Op.RAISE_FROM: {
              const from = state[sp--] as PyObj;
              if (from !== NoneObj) warning('exception chaining not supported');
              throw makeRaiseObj(state[sp] as PyObj);
            }
            case Op.YIELD_VALUE:
              f.ip = ip;
              f.sp = sp;
              return true;
            case Op.YIELD_FROM: {
              const send = state[sp--] as PyObj;
              let kind: ResumeKind;
              let tExc: PyObj | undefined;
              f.sp = sp;
              if (inject !== undefined) {
                tExc = inject;
                inject = undefined;
                kind = resumeAny(state[sp] as PyObj, undefined, tExc);
              } else kind = resumeAny(state[sp] as PyObj, send, undefined);
              if (kind === ResumeKind.YIELD) {
                state[++sp] = resumeValue;
                f.ip = opIp;
                f.sp = sp;
                return true;
              }
              state[sp] = resumeValue;
              if (tExc !== undefined && (tExc instanceof PyType ? tExc : typeOf(tExc)).isSubclassOf(GeneratorExitType)) {
                throw makeRaiseObj(tExc);
              }
              break;
            }
            // One-byte opcodes carrying their argument: explicit labels keep the switch a dense jump table.
            case Op.LOAD_CONST_SMALL_INT_MULTI: case Op.LOAD_CONST_SMALL_INT_MULTI + 1: case Op.LOAD_CONST_SMALL_INT_MULTI + 2: case Op.LOAD_CONST_SMALL_INT_MULTI + 3:
            case Op.LOAD_CONST_SMALL_INT_MULTI + 4: case Op.LOAD_CONST_SMALL_INT_MULTI + 5: case Op.LOAD_CONST_SMALL_INT_MULTI + 6: case Op.LOAD_CONST_SMALL_INT_MULTI + 7:
            case Op.LOAD_CONST_SMALL_INT_MULTI + 8: case Op.LOAD_CONST_SMALL_INT_MULTI + 9: case Op.LOAD_CONST_SMALL_INT_MULTI + 10: case Op.LOAD_CONST_SMALL_INT_MULTI + 11:
            case Op.LOAD_CONST_SMALL_INT_MULTI + 12: case Op.LOAD_CONST_SMALL_INT_MULTI + 13: case Op.LOAD_CONST_SMALL_INT_MULTI + 14: case Op.LOAD_CONST_SMALL_INT_MULTI + 15:
            case Op.LOAD_CONST_SMALL_INT_MULTI + 16: case Op.LOAD_CONST_SMALL_INT_MULTI + 17: case Op.LOAD_CONST_SMALL_INT_MULTI + 18: case Op.LOAD_CONST_SMALL_INT_MULTI + 19:
            case Op.LOAD_CONST_SMALL_INT_MULTI + 20: case Op.LOAD_CONST_SMALL_INT_MULTI + 21: case Op.LOAD_CONST_SMALL_INT_MULTI + 22: case Op.LOAD_CONST_SMALL_INT_MULTI + 23:
            case Op.LOAD_CONST_SMALL_INT_MULTI + 24: case Op.LOAD_CONST_SMALL_INT_MULTI + 25: case Op.LOAD_CONST_SMALL_INT_MULTI + 26: case Op.LOAD_CONST_SMALL_INT_MULTI + 27:
            case Op.LOAD_CONST_SMALL_INT_MULTI + 28: case Op.LOAD_CONST_SMALL_INT_MULTI + 29: case Op.LOAD_CONST_SMALL_INT_MULTI + 30: case Op.LOAD_CONST_SMALL_INT_MULTI + 31:
            case Op.LOAD_CONST_SMALL_INT_MULTI + 32: case Op.LOAD_CONST_SMALL_INT_MULTI + 33: case Op.LOAD_CONST_SMALL_INT_MULTI + 34: case Op.LOAD_CONST_SMALL_INT_MULTI + 35:
            case Op.LOAD_CONST_SMALL_INT_MULTI + 36: case Op.LOAD_CONST_SMALL_INT_MULTI + 37: case Op.LOAD_CONST_SMALL_INT_MULTI + 38: case Op.LOAD_CONST_SMALL_INT_MULTI + 39:
            case Op.LOAD_CONST_SMALL_INT_MULTI + 40: case Op.LOAD_CONST_SMALL_INT_MULTI + 41: case Op.LOAD_CONST_SMALL_INT_MULTI + 42: case Op.LOAD_CONST_SMALL_INT_MULTI + 43:
            case Op.LOAD_CONST_SMALL_INT_MULTI + 44: case Op.LOAD_CONST_SMALL_INT_MULTI + 45: case Op.LOAD_CONST_SMALL_INT_MULTI + 46: case Op.LOAD_CONST_SMALL_INT_MULTI + 47:
            case Op.LOAD_CONST_SMALL_INT_MULTI + 48: case Op.LOAD_CONST_SMALL_INT_MULTI + 49: case Op.LOAD_CONST_SMALL_INT_MULTI + 50: case Op.LOAD_CONST_SMALL_INT_MULTI + 51:
            case Op.LOAD_CONST_SMALL_INT_MULTI + 52: case Op.LOAD_CONST_SMALL_INT_MULTI + 53: case Op.LOAD_CONST_SMALL_INT_MULTI + 54: case Op.LOAD_CONST_SMALL_INT_MULTI + 55:
            case Op.LOAD_CONST_SMALL_INT_MULTI + 56: case Op.LOAD_CONST_SMALL_INT_MULTI + 57: case Op.LOAD_CONST_SMALL_INT_MULTI + 58: case Op.LOAD_CONST_SMALL_INT_MULTI + 59:
            case Op.LOAD_CONST_SMALL_INT_MULTI + 60: case Op.LOAD_CONST_SMALL_INT_MULTI + 61: case Op.LOAD_CONST_SMALL_INT_MULTI + 62: case Op.LOAD_CONST_SMALL_INT_MULTI + 63:
              state[++sp] = op - Op.LOAD_CONST_SMALL_INT_MULTI - 16;
              break;
            case Op.LOAD_FAST_MULTI: case Op.LOAD_FAST_MULTI + 1: case Op.LOAD_FAST_MULTI + 2: case Op.LOAD_FAST_MULTI + 3:
            case Op.LOAD_FAST_MULTI + 4: case Op.LOAD_FAST_MULTI + 5: case Op.LOAD_FAST_MULTI + 6: case Op.LOAD_FAST_MULTI + 7:
            case Op.LOAD_FAST_MULTI + 8: case Op.LOAD_FAST_MULTI + 9: case Op.LOAD_FAST_MULTI + 10: case Op.LOAD_FAST_MULTI + 11:
            case Op.LOAD_FAST_MULTI + 12: case Op.LOAD_FAST_MULTI + 13: case Op.LOAD_FAST_MULTI + 14: case Op.LOAD_FAST_MULTI + 15:
            {
              const v = state[top - (op - Op.LOAD_FAST_MULTI)];
              if (v === undefined) throw unboundLocal();
              state[++sp] = v;
              break;
            }
            case Op.STORE_FAST_MULTI: case Op.STORE_FAST_MULTI + 1: case Op.STORE_FAST_MULTI + 2: case Op.STORE_FAST_MULTI + 3:
            case Op.STORE_FAST_MULTI + 4: case Op.STORE_FAST_MULTI + 5: case Op.STORE_FAST_MULTI + 6: case Op.STORE_FAST_MULTI + 7:
            case Op.STORE_FAST_MULTI + 8: case Op.STORE_FAST_MULTI + 9: case Op.STORE_FAST_MULTI + 10: case Op.STORE_FAST_MULTI + 11:
            case Op.STORE_FAST_MULTI + 12: case Op.STORE_FAST_MULTI + 13: case Op.STORE_FAST_MULTI + 14: case Op.STORE_FAST_MULTI + 15:
              state[top - (op - Op.STORE_FAST_MULTI)] = state[sp--];
              break;
            case Op.UNARY_OP_MULTI: case Op.UNARY_OP_MULTI + 1: case Op.UNARY_OP_MULTI + 2: case Op.UNARY_OP_MULTI + 3:
              state[sp] = unaryOp((op - Op.UNARY_OP_MULTI) as Unary, state[sp] as PyObj);
              break;
            case Op.BINARY_OP_MULTI + Binary.ADD: case Op.BINARY_OP_MULTI + Binary.IADD:
            {
              const rhs = state[sp--] as PyObj;
              const lhs = state[sp] as PyObj;
              if (typeof lhs === 'number' && typeof rhs === 'number') {
                const r = lhs + rhs;
                if (r <= 9007199254740991 && r >= -9007199254740991) {
                  state[sp] = r;
                  break;
                }
              }
              if (lhs instanceof PyFloat) {
                if (rhs instanceof PyFloat) {
                  state[sp] = new PyFloat(lhs.v + rhs.v);
                  break;
                }
                if (typeof rhs === 'number') {
                  state[sp] = new PyFloat(lhs.v + rhs);
                  break;
                }
              } else if (typeof lhs === 'number' && rhs instanceof PyFloat) {
                state[sp] = new PyFloat(lhs + rhs.v);
                break;
              }
              state[sp] = binaryAny(f, state, sp, (op - Op.BINARY_OP_MULTI) as Binary, opIp, lhs, rhs);
              break;
            }
            case Op.BINARY_OP_MULTI + Binary.SUB: case Op.BINARY_OP_MULTI + Binary.ISUB:
            {
              const rhs = state[sp--] as PyObj;
              const lhs = state[sp] as PyObj;
              if (typeof lhs === 'number' && typeof rhs === 'number') {
                const r = lhs - rhs;
                if (r <= 9007199254740991 && r >= -9007199254740991) {
                  state[sp] = r;
                  break;
                }
              }
              if (lhs instanceof PyFloat) {
                if (rhs instanceof PyFloat) {
                  state[sp] = new PyFloat(lhs.v - rhs.v);
                  break;
                }
                if (typeof rhs === 'number') {
                  state[sp] = new PyFloat(lhs.v - rhs);
                  break;
                }
              } else if (typeof lhs === 'number' && rhs instanceof PyFloat) {
                state[sp] = new PyFloat(lhs - rhs.v);
                break;
              }
              state[sp] = binaryAny(f, state, sp, (op - Op.BINARY_OP_MULTI) as Binary, opIp, lhs, rhs);
              break;
            }
            case Op.BINARY_OP_MULTI + Binary.MUL: case Op.BINARY_OP_MULTI + Binary.IMUL:
            {
              const rhs = state[sp--] as PyObj;
              const lhs = state[sp] as PyObj;
              if (typeof lhs === 'number' && typeof rhs === 'number') {
                const r = lhs * rhs;
                if (r <= 9007199254740991 && r >= -9007199254740991) {
                  state[sp] = r === 0 ? 0 : r;
                  break;
                }
              }
              if (lhs instanceof PyFloat) {
                if (rhs instanceof PyFloat) {
                  state[sp] = new PyFloat(lhs.v * rhs.v);
                  break;
                }
                if (typeof rhs === 'number') {
                  state[sp] = new PyFloat(lhs.v * rhs);
                  break;
                }
              } else if (typeof lhs === 'number' && rhs instanceof PyFloat) {
                state[sp] = new PyFloat(lhs * rhs.v);
                break;
              }
              state[sp] = binaryAny(f, state, sp, (op - Op.BINARY_OP_MULTI) as Binary, opIp, lhs, rhs);
              break;
            }
            case Op.BINARY_OP_MULTI + Binary.MOD: case Op.BINARY_OP_MULTI + Binary.IMOD:
            {
              const rhs = state[sp--] as PyObj;
              const lhs = state[sp] as PyObj;
              if (typeof lhs === 'number' && typeof rhs === 'number') {
                if (rhs !== 0) {
                  let m = lhs % rhs;
                  if (m !== 0 && (m < 0) !== (rhs < 0)) m += rhs;
                  state[sp] = m === 0 ? 0 : m;
                  break;
                }
              }
              state[sp] = binaryAny(f, state, sp, (op - Op.BINARY_OP_MULTI) as Binary, opIp, lhs, rhs);
              break;
            }
            case Op.BINARY_OP_MULTI + Binary.FLOORDIV: case Op.BINARY_OP_MULTI + Binary.IFLOORDIV:
            {
              const rhs = state[sp--] as PyObj;
              const lhs = state[sp] as PyObj;
              if (typeof lhs === 'number' && typeof rhs === 'number') {
                if (rhs !== 0) {
                  const m = lhs % rhs;
                  let q = (lhs - m) / rhs;
                  if (m !== 0 && (m < 0) !== (rhs < 0)) q -= 1;
                  state[sp] = q === 0 ? 0 : q;
                  break;
                }
              }
              state[sp] = binaryAny(f, state, sp, (op - Op.BINARY_OP_MULTI) as Binary, opIp, lhs, rhs);
              break;
            }
            case Op.BINARY_OP_MULTI + Binary.LT:
            {
              const rhs = state[sp--] as PyObj;
              const lhs = state[sp] as PyObj;
              if (typeof lhs === 'number' && typeof rhs === 'number') {
                state[sp] = lhs < rhs;
                break;
              }
              if (lhs instanceof PyFloat) {
                if (rhs instanceof PyFloat) {
                  state[sp] = lhs.v < rhs.v;
                  break;
                }
                if (typeof rhs === 'number') {
                  state[sp] = lhs.v < rhs;
                  break;
                }
              } else if (typeof lhs === 'number' && rhs instanceof PyFloat) {
                state[sp] = lhs < rhs.v;
                break;
              }
              state[sp] = binaryAny(f, state, sp, (op - Op.BINARY_OP_MULTI) as Binary, opIp, lhs, rhs);
              break;
            }
            case Op.BINARY_OP_MULTI + Binary.GT:
            {
              const rhs = state[sp--] as PyObj;
              const lhs = state[sp] as PyObj;
              if (typeof lhs === 'number' && typeof rhs === 'number') {
                state[sp] = lhs > rhs;
                break;
              }
              if (lhs instanceof PyFloat) {
                if (rhs instanceof PyFloat) {
                  state[sp] = lhs.v > rhs.v;
                  break;
                }
                if (typeof rhs === 'number') {
                  state[sp] = lhs.v > rhs;
                  break;
                }
              } else if (typeof lhs === 'number' && rhs instanceof PyFloat) {
                state[sp] = lhs > rhs.v;
                break;
              }
              state[sp] = binaryAny(f, state, sp, (op - Op.BINARY_OP_MULTI) as Binary, opIp, lhs, rhs);
              break;
            }
            case Op.BINARY_OP_MULTI + Binary.LE:
            {
              const rhs = state[sp--] as PyObj;
              const lhs = state[sp] as PyObj;
              if (typeof lhs === 'number' && typeof rhs === 'number') {
                state[sp] = lhs <= rhs;
                break;
              }
              if (lhs instanceof PyFloat) {
                if (rhs instanceof PyFloat) {
                  state[sp] = lhs.v <= rhs.v;
                  break;
                }
                if (typeof rhs === 'number') {
                  state[sp] = lhs.v <= rhs;
                  break;
                }
              } else if (typeof lhs === 'number' && rhs instanceof PyFloat) {
                state[sp] = lhs <= rhs.v;
                break;
              }
              state[sp] = binaryAny(f, state, sp, (op - Op.BINARY_OP_MULTI) as Binary, opIp, lhs, rhs);
              break;
            }
            case Op.BINARY_OP_MULTI + Binary.GE:
            {
              const rhs = state[sp--] as PyObj;
              const lhs = state[sp] as PyObj;
              if (typeof lhs === 'number' && typeof rhs === 'number') {
                state[sp] = lhs >= rhs;
                break;
              }
              if (lhs instanceof PyFloat) {
                if (rhs instanceof PyFloat) {
                  state[sp] = lhs.v >= rhs.v;
                  break;
                }
                if (typeof rhs === 'number') {
                  state[sp] = lhs.v >= rhs;
                  break;
                }
              } else if (typeof lhs === 'number' && rhs instanceof PyFloat) {
                state[sp] = lhs >= rhs.v;
                break;
              }
              state[sp] = binaryAny(f, state, sp, (op - Op.BINARY_OP_MULTI) as Binary, opIp, lhs, rhs);
              break;
            }
            case Op.BINARY_OP_MULTI + Binary.EQ:
            {
              const rhs = state[sp--] as PyObj;
              const lhs = state[sp] as PyObj;
              if (typeof lhs === 'number' && typeof rhs === 'number') {
                state[sp] = lhs === rhs;
                break;
              }
              state[sp] = binaryAny(f, state, sp, (op - Op.BINARY_OP_MULTI) as Binary, opIp, lhs, rhs);
              break;
            }
            case Op.BINARY_OP_MULTI + Binary.NE:
            {
              const rhs = state[sp--] as PyObj;
              const lhs = state[sp] as PyObj;
              if (typeof lhs === 'number' && typeof rhs === 'number') {
                state[sp] = lhs !== rhs;
                break;
              }
              state[sp] = binaryAny(f, state, sp, (op - Op.BINARY_OP_MULTI) as Binary, opIp, lhs, rhs);
              break;
            }
            case Op.BINARY_OP_MULTI + Binary.AND: case Op.BINARY_OP_MULTI + Binary.IAND:
            {
              const rhs = state[sp--] as PyObj;
              const lhs = state[sp] as PyObj;
              if (typeof lhs === 'number' && typeof rhs === 'number') {
                if ((lhs | 0) === lhs && (rhs | 0) === rhs) {
                  state[sp] = lhs & rhs;
                  break;
                }
              }
              state[sp] = binaryAny(f, state, sp, (op - Op.BINARY_OP_MULTI) as Binary, opIp, lhs, rhs);
              break;
            }
            case Op.BINARY_OP_MULTI + Binary.OR: case Op.BINARY_OP_MULTI + Binary.IOR:
            {
              const rhs = state[sp--] as PyObj;
              const lhs = state[sp] as PyObj;
              if (typeof lhs === 'number' && typeof rhs === 'number') {
                if ((lhs | 0) === lhs && (rhs | 0) === rhs) {
                  state[sp] = lhs | rhs;
                  break;
                }
              }
              state[sp] = binaryAny(f, state, sp, (op - Op.BINARY_OP_MULTI) as Binary, opIp, lhs, rhs);
              break;
            }
            case Op.BINARY_OP_MULTI + Binary.XOR: case Op.BINARY_OP_MULTI + Binary.IXOR:
            case Op.BINARY_OP_MULTI + Binary.LSHIFT: case Op.BINARY_OP_MULTI + Binary.ILSHIFT:
            case Op.BINARY_OP_MULTI + Binary.RSHIFT: case Op.BINARY_OP_MULTI + Binary.IRSHIFT:
            {
              // small-int bit operations go straight to intBinary (its number paths)
              const rhs = state[sp--] as PyObj;
              const lhs = state[sp] as PyObj;
              if (typeof lhs === 'number' && typeof rhs === 'number') {
                const r = intBinary((op - Op.BINARY_OP_MULTI) as Binary, lhs, rhs);
                if (r !== undefined) {
                  state[sp] = r;
                  break;
                }
              }
              state[sp] = binaryAny(f, state, sp, (op - Op.BINARY_OP_MULTI) as Binary, opIp, lhs, rhs);
              break;
            }
            case Op.BINARY_OP_MULTI + Binary.IN: case Op.BINARY_OP_MULTI + Binary.IS: case Op.BINARY_OP_MULTI + Binary.EXC_MATCH:
            case Op.BINARY_OP_MULTI + Binary.IMATMUL: case Op.BINARY_OP_MULTI + Binary.IPOW: case Op.BINARY_OP_MULTI + Binary.MATMUL:
            case Op.BINARY_OP_MULTI + Binary.POW:
            {
              const rhs = state[sp--] as PyObj;
              state[sp] = binaryAny(f, state, sp, (op - Op.BINARY_OP_MULTI) as Binary, opIp, state[sp] as PyObj, rhs);
              break;
            }
            case Op.BINARY_OP_MULTI + Binary.TRUEDIV: case Op.BINARY_OP_MULTI + Binary.ITRUEDIV:
            {
              const rhs = state[sp--] as PyObj;
              const lhs = state[sp] as PyObj;
              if (lhs instanceof PyFloat) {
                if (rhs instanceof PyFloat && rhs.v !== 0) {
                  state[sp] = new PyFloat(lhs.v / rhs.v);
                  break;
                }
                if (typeof rhs === 'number' && rhs !== 0) {
                  state[sp] = new PyFloat(lhs.v / rhs);
                  break;
                }
              } else if (typeof lhs === 'number' && rhs instanceof PyFloat && rhs.v !== 0) {
                state[sp] = new PyFloat(lhs / rhs.v);
                break;
              }
              if (typeof lhs === 'number' && typeof rhs === 'number' && rhs !== 0) {
                state[sp] = new PyFloat(lhs / rhs);
                break;
              }
              state[sp] = binaryAny(f, state, sp, (op - Op.BINARY_OP_MULTI) as Binary, opIp, lhs, rhs);
              break;
            }
            default:
              // everything rare (interp-rare.ts) behind this one call site: see the note there. `| 0`
              // keeps TurboFan's type of ip/sp a small integer: a bare call result is "any", and that
              // made the whole loop's stack arithmetic generic (20 % slower warm on mandel)
              sp = rareOp(f, op, ip, sp, opIp) | 0;
              ip = rareIp | 0;
              break;
          }
        }
      } catch (err) {
        const exc = toPyException(err);
        const failedOp = bc[opIp];
        if (exc.type === StopIterationType || exc.type.isSubclassOf(StopIterationType)) {
          // StopIteration escaping an iterator ends a for loop, or gives `yield from` its value
          if (failedOp === Op.FOR_ITER) {
            let p = opIp + 1;
            const b0 = bc[p] as number;
            let ulab: number;
            if (b0 & 0x80) {
              ulab = (b0 & 0x7f) | ((bc[p + 1] as number) << 7);
              p += 2;
            } else {
              ulab = b0;
              p += 1;
            }
            ip = p + ulab;
            sp -= 4;
            continue;
          }
          if (failedOp === Op.YIELD_FROM) {
            state[sp] = exc.args.items[0] ?? NoneObj;
            ip = opIp + 1;
            continue;
          }
        }
        if (traced) traceException(f, exc);
        // upstream's native code records no traceback entries
        if (failedOp !== Op.END_FINALLY && failedOp !== Op.RAISE_LAST && code.native !== true) {
          addTraceback(exc, code, opIp);
        }
        let t = f.excTop;
        while (t >= 0 && (f.excHandler[t] as number) <= opIp) {
          t--;
          vmState.curExc = undefined;
        }
        f.excTop = t;
        if (t < 0) {
          f.ip = opIp;
          throw exc;
        }
        ip = f.excHandler[t] as number;
        sp = f.excSp[t] as number;
        f.excPrev[t] = exc;
        vmState.curExc = exc;
        state[++sp] = exc;
      }
    }
  } finally {
    depth--;
    curFrame = prevFrame;
  }
}

import { RangeIter } from '../objects/range.js';

export function heapLockedError(): PyException {
  return excMsg(MemoryErrorType, 'memory allocation failed, heap is locked');
}
import { KeyboardInterruptType, MemoryErrorType } from '../objects/exceptions.js';

/** Pending work at a backward branch: a host interrupt (KeyboardInterrupt) first, then scheduled calls. */
export function runScheduled(): void {
  const intr = vmState.interrupt;
  if (intr[0] !== 0) {
    intr[0] = 0;
    throw new PyException(KeyboardInterruptType);
  }
  // The scheduler is locked while a callback runs: callbacks it schedules wait until it has finished.
  if (vmState.schedLocked) return;
  const q = vmState.scheduled.splice(0);
  vmState.schedLocked = true;
  try {
    for (const [fn, arg] of q) callAny(fn, [arg], undefined);
  } finally {
    vmState.schedLocked = false;
  }
}

export { DELETE, EllipsisObj, isInstance, mkAttributeError, str };
