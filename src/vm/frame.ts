// Frames and argument binding (upstream's mp_code_state_t and mp_setup_code_state): positional,
// keyword, default, *args/**kwargs and keyword-only parameters, closures' cells, and the expansion of
// CALL_FUNCTION_VAR_KW's */** arguments.
import { newDict, PyDict } from '../objects/dict.js';
import { PyException, typeError } from '../objects/exceptions.js';
import { PyCell, PyFunction } from '../objects/fun.js';
import { EMPTY_TUPLE, PyTuple, type KwArgs, type PyObj } from '../objects/object.js';
import { loadAttr } from './attr.js';
import { SCOPE_DEFKWARGS, SCOPE_VARARGS, SCOPE_VARKEYWORDS, type Code } from './code.js';
import { call, itemsOf, subscr, toArray } from './runtime.js';
import type { PyFrameObj } from './trace.js';

const NO_EXC: never[] = [];

export class Frame {
  declare code: Code;
  declare globals: PyDict;
  declare locals: PyDict;
  declare state: (PyObj | undefined)[];
  declare ip: number;
  declare sp: number;
  // Exception-handler stack (upstream's mp_exc_stack_t records, as parallel arrays); shared empty
  // arrays for functions without try/with blocks so a call allocates nothing for them.
  declare excHandler: number[];
  declare excSp: number[];
  declare excFinally: boolean[];
  declare excPrev: (PyException | undefined)[];
  declare excTop: number;
  /** The frame that was running when this one was entered or last resumed (f_back). */
  declare back: Frame | undefined;
  /** Its frame object while settrace/the debugger look at it (upstream code_state->frame). */
  declare trace: PyFrameObj | undefined;
  constructor(code: Code, globals: PyDict, locals: PyDict) {
    this.code = code;
    this.globals = globals;
    this.locals = locals;
    this.state = new Array<PyObj | undefined>(code.nState);
    this.ip = code.codeStart;
    this.sp = -1;
    this.excTop = -1;
    this.back = undefined;
    this.trace = undefined;
    if (code.nExcStack > 0) {
      this.excHandler = [];
      this.excSp = [];
      this.excFinally = [];
      this.excPrev = [];
    } else {
      this.excHandler = NO_EXC;
      this.excSp = NO_EXC;
      this.excFinally = NO_EXC;
      this.excPrev = NO_EXC;
    }
  }
}

// ------------------------------------------------------------------ argument binding

function posMismatch(code: Code, expected: number, given: number): PyException {
  return typeError(`${code.name}() takes ${expected} positional arguments but ${given} were given`);
}

/** Creates the frame for calling `fn` (upstream mp_setup_code_state). */
export function setupFrame(fn: PyFunction, argsIn: PyObj[], kw: KwArgs | undefined): Frame {
  const code = fn.code;
  const f = new Frame(code, fn.globals, fn.globals);
  const state = f.state;
  const nState = code.nState;
  let args = argsIn;
  if (fn.closure) args = fn.closure.concat(argsIn);
  let nArgs = args.length;
  const nPos = code.nPosArgs;
  const nKwonly = code.nKwonlyArgs;
  const flags = code.scopeFlags;
  let varIdx = nState - 1 - nPos - nKwonly;
  const defaults = fn.defaults;
  const nDef = code.nDefPosArgs;
  if (nArgs > nPos) {
    if ((flags & SCOPE_VARARGS) === 0) throw posMismatch(code, nPos, nArgs);
    state[varIdx--] = new PyTuple(args.slice(nPos));
    nArgs = nPos;
  } else {
    if (flags & SCOPE_VARARGS) state[varIdx--] = EMPTY_TUPLE;
    if ((kw === undefined || kw.size === 0) && (flags & SCOPE_DEFKWARGS) === 0) {
      if (nArgs >= nPos - nDef) {
        for (let i = nArgs; i < nPos; i++) state[nState - 1 - i] = (defaults as PyObj[])[i - (nPos - nDef)];
      } else throw posMismatch(code, nPos - nDef, nArgs);
    }
  }
  for (let i = 0; i < nArgs; i++) state[nState - 1 - i] = args[i];
  if ((kw !== undefined && kw.size > 0) || flags & SCOPE_DEFKWARGS) {
    let dict: PyDict | undefined;
    if (flags & SCOPE_VARKEYWORDS) {
      dict = newDict(kw ? kw.size : 0);
      state[varIdx] = dict;
    }
    const names = code.argNames;
    if (kw) {
      for (const [name, value] of kw) {
        let found = false;
        for (let j = 0; j < nPos + nKwonly; j++) {
          if (names[j] === name) {
            if (state[nState - 1 - j] !== undefined) throw typeError(`function got multiple values for argument '${name}'`);
            state[nState - 1 - j] = value;
            found = true;
            break;
          }
        }
        if (found) continue;
        if (!dict) throw typeError(`unexpected keyword argument '${name}'`);
        if (dict.mpmap.has(name)) throw typeError(`function got multiple values for argument '${name}'`);
        dict.mpmap.set(name, value);
      }
    }
    for (let i = 0; i < nDef; i++) {
      const idx = nState - nPos + i + (nPos - nDef) - (nPos - nDef);
      void idx;
    }
    // fill in positional defaults (the last nDef positional parameters)
    for (let i = nPos - nDef; i < nPos; i++) {
      if (state[nState - 1 - i] === undefined) state[nState - 1 - i] = (defaults as PyObj[])[i - (nPos - nDef)];
    }
    for (let i = 0; i < nPos; i++) {
      if (state[nState - 1 - i] === undefined) {
        throw typeError(`function missing required positional argument #${i + 1}`);
      }
    }
    for (let i = 0; i < nKwonly; i++) {
      const slot = nState - 1 - nPos - i;
      if (state[slot] === undefined) {
        const name = names[nPos + i] as string;
        const v = fn.kwDefaults ? fn.kwDefaults.mpmap.get(name) : undefined;
        if (v === undefined) throw typeError(`function missing required keyword argument '${name}'`);
        state[slot] = v;
      }
    }
  } else {
    if (nKwonly !== 0) throw typeError('function missing keyword-only argument');
    if (flags & SCOPE_VARKEYWORDS) state[varIdx] = newDict(0);
  }
  const cells = code.cellLocals;
  for (let i = 0; i < cells.length; i++) {
    const idx = nState - 1 - (cells[i] as number);
    state[idx] = new PyCell(state[idx]);
  }
  return f;
}

/** Fast frame setup for positional-only calls to simple functions, reading args from a stack. */
export function setupFrameFromStack(fn: PyFunction, src: (PyObj | undefined)[], base: number, n: number): Frame {
  const code = fn.code;
  if (fn.closure || code.scopeFlags & (SCOPE_VARARGS | SCOPE_VARKEYWORDS | SCOPE_DEFKWARGS) || code.nKwonlyArgs) {
    return setupFrame(fn, src.slice(base, base + n) as PyObj[], undefined);
  }
  const nPos = code.nPosArgs;
  if (n > nPos) throw posMismatch(code, nPos, n);
  const nDef = code.nDefPosArgs;
  if (n < nPos - nDef) throw posMismatch(code, nPos - nDef, n);
  const f = new Frame(code, fn.globals, fn.globals);
  const state = f.state;
  const top = code.nState - 1;
  for (let i = 0; i < n; i++) state[top - i] = src[base + i];
  if (n < nPos) {
    const defaults = fn.defaults as PyObj[];
    for (let i = n; i < nPos; i++) state[top - i] = defaults[i - (nPos - nDef)];
  }
  const cells = code.cellLocals;
  for (let i = 0; i < cells.length; i++) {
    const idx = top - (cells[i] as number);
    state[idx] = new PyCell(state[idx]);
  }
  return f;
}

export function buildKw(state: (PyObj | undefined)[], base: number, nKw: number): KwArgs {
  const kw: KwArgs = new Map();
  for (let i = 0; i < nKw; i++) {
    const k = state[base + 2 * i] as string;
    if (kw.has(k)) throw typeError(`function got multiple values for argument '${k}'`);
    kw.set(k, state[base + 2 * i + 1] as PyObj);
  }
  return kw;
}

/** CALL_FUNCTION_VAR_KW / CALL_METHOD_VAR_KW argument expansion. */
export function expandVarArgs(
  state: (PyObj | undefined)[], base: number, nPos: number, nKw: number, self: PyObj | undefined,
): [PyObj[], KwArgs | undefined] {
  const starMask = state[base + nPos + 2 * nKw] as number;
  const args: PyObj[] = [];
  if (self !== undefined) args.push(self);
  for (let i = 0; i < nPos; i++) {
    const a = state[base + i] as PyObj;
    if ((starMask / 2 ** i) & 1) {
      for (const x of itemsOf(a)) args.push(x);
    } else args.push(a);
  }
  let kw: KwArgs | undefined;
  for (let i = 0; i < nKw; i++) {
    const k = state[base + nPos + 2 * i];
    const v = state[base + nPos + 2 * i + 1] as PyObj;
    kw ??= new Map();
    if (k === undefined) {
      // **mapping
      if (v instanceof PyDict) {
        for (const [dk, dv] of v.mpmap.entries()) addKw(kw, dk, dv);
      } else {
        const keys = call(loadAttr(v, 'keys'), []);
        for (const dk of toArray(keys)) addKw(kw, dk, subscr(v, dk, undefined));
      }
    } else addKw(kw, k, v);
  }
  return [args, kw];
}
function addKw(kw: KwArgs, k: PyObj, v: PyObj): void {
  if (typeof k !== 'string') throw typeError('keywords must be strings');
  if (kw.has(k)) throw typeError(`function got multiple values for argument '${k}'`);
  kw.set(k, v);
}

