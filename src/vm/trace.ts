// sys.settrace as MicroPython's MICROPY_PY_SYS_SETTRACE builds implement it (py/profile.c and the
// trace hooks of py/vm.c), plus a host-side hook the debugger (src/debug) drives.
//
// Cost model: the interpreter only asks `trace.active || f.trace !== undefined` once per frame entry.
// A frame that gets a local trace function (or runs under an attached host debugger) is "ticking": its
// dispatch loop calls traceTick before every opcode, as upstream's TRACE_TICK does. Every other frame
// runs the plain loop. Frame objects of non-ticking frames are made on demand (f_back) and read their
// line from Frame.ip, which the interpreter stores at the opcodes where upstream's FRAME_UPDATE runs.
//
// Upstream behaviours kept on purpose:
// - the global trace function is consulted only when a frame is entered (call event, also at every
//   generator resume); a frame keeps its local function until it returns, even after settrace(None);
// - the local function's return value for line/return/exception events is ignored;
// - `arg` is always None; exception events only for Exception subclasses;
// - a trace function that raises leaves tracing disabled for good (mp_prof_is_executing stays set);
// - `call` reports the line of the def (line_of_definition) for code compiled from source by the VM,
//   and the first line of the body for code loaded from a .mpy (mpy-cross does not store it).
import { Op, opcodeFormat, Format, hasExtraByte, isMakeFunction } from '../bytecode/opcodes.js';
import { decodeLineInfoEntry, sourceLineAt } from '../core/prelude.js';
import { PyBytes } from '../objects/bytes.js';
import type { PyDict } from '../objects/dict.js';
import { ExceptionType, type PyException } from '../objects/exceptions.js';
import { NoneObj, ObjectType, PyBuiltin, PyObject, PyTuple, PyType, type PyObj } from '../objects/object.js';
import type { Code } from './code.js';
import type { Frame } from './frame.js';
import { callAny, currentFrame } from './interp.js';
import { hexId, isCallable } from './runtime.js';
import { vmState } from './state.js';

/** Events a host debugger receives for every frame while attached (see src/debug). */
export interface HostTracer {
  /** A frame starts or resumes (generators). */
  enter(f: Frame): void;
  /** A new source line is about to run in `f`. */
  line(f: Frame, line: number): void;
  /** `f` is about to return or yield. */
  leave(f: Frame): void;
  /** An exception reached `f` (raised in it or propagating through it). */
  exception(f: Frame, exc: PyException): void;
}

export const trace = {
  /** The global trace function (sys.settrace), or undefined. */
  hook: undefined as PyObj | undefined,
  host: undefined as HostTracer | undefined,
  /** hook or host set: frame entry must look at tracing. */
  active: false,
  /** upstream's mp_prof_is_executing: a trace function is running (no tracing inside it). */
  executing: false,
};

function updateActive(): void {
  trace.active = trace.hook !== undefined || trace.host !== undefined;
}

/** sys.settrace(fn): fn must be callable, anything else turns tracing off (mp_prof_settrace). */
export function setTrace(fn: PyObj): void {
  trace.hook = isCallable(fn) ? fn : undefined;
  updateActive();
}

/** Attaches or detaches the host debugger. */
export function setHostTracer(h: HostTracer | undefined): void {
  trace.host = h;
  trace.executing = false;
  updateActive();
}

/** A new run starts untraced (a trace function that raised in an earlier run disabled tracing). */
export function resetTrace(): void {
  trace.hook = undefined;
  trace.executing = false;
  updateActive();
}

export const settraceBuiltin = new PyBuiltin('settrace', (a) => {
  setTrace(a[0] as PyObj);
  return NoneObj;
}).arity(1);

// ------------------------------------------------------------------ code facts

/** Byte length of the instruction at `ip` (opcode, operand, extra byte). */
export function instrLength(bc: Uint8Array, ip: number): number {
  const op = bc[ip] as number;
  let p = ip + 1;
  switch (opcodeFormat(op)) {
    case Format.Qstr:
    case Format.VarUint:
      while ((bc[p++] as number) & 0x80);
      break;
    case Format.Offset:
      p += (bc[p] as number) & 0x80 ? 2 : 1;
      break;
    default:
      break;
  }
  return p - ip + (hasExtraByte(op) ? 1 : 0);
}

/** Reads the var-uint operand of the instruction at `ip`. */
function operand(bc: Uint8Array, ip: number): number {
  let u = 0;
  let p = ip + 1;
  let b: number;
  do {
    b = bc[p++] as number;
    u = u * 128 + (b & 0x7f);
  } while (b & 0x80);
  return u;
}

const lineTables = new WeakMap<Code, Int32Array>();
/** Source line of every bytecode offset (decoded once per traced code). */
function lineTable(code: Code): Int32Array {
  let t = lineTables.get(code);
  if (t === undefined) {
    const n = code.bc.length - code.codeStart;
    t = new Int32Array(n + 1);
    let line = 1;
    let off = 0;
    let pos = code.lineInfoStart;
    while (pos < code.lineInfoEnd && off <= n) {
      const e = decodeLineInfoEntry(code.bc, pos);
      pos += e.size;
      for (let k = 0; k < e.bytes && off <= n; k++) t[off++] = line;
      line += e.lines;
    }
    while (off <= n) t[off++] = line;
    lineTables.set(code, t);
  }
  return t;
}

/** upstream mp_prof_bytecode_lineno: the line of bytecode offset `off` (from the first opcode). */
export function lineAtOffset(code: Code, off: number): number {
  const t = lineTable(code);
  if (off >= 0 && off < t.length) return t[off] as number;
  return sourceLineAt(code.bc, code.lineInfoStart, code.lineInfoEnd, off);
}

/** child -> parent for every loaded code tree (set by the loader). */
const parents = new WeakMap<Code, Code>();

/** Links a freshly loaded code tree (children to parents); returns the root. */
export function linkCodeTree(root: Code): Code {
  for (const ch of root.children) {
    parents.set(ch, root);
    linkCodeTree(ch);
  }
  return root;
}

export interface SourceInfo {
  source: string;
  fileName: string;
}
/**
 * .mpy images the VM's compiler produced from source, by their buffer: loaded code keeps views on
 * those bytes, so `code.bc.buffer` tells compiled-from-source code (settrace-style, with
 * line_of_definition) from code loaded from a .mpy file.
 */
const compiled = new WeakMap<ArrayBufferLike, SourceInfo>();

/** Called by the VM on every compiler output (before loading it). */
export function markCompiled(bytes: Uint8Array, source: string, fileName: string): Uint8Array {
  compiled.set(bytes.buffer, { source, fileName });
  return bytes;
}

/** True for bytes the VM's injected compiler produced (only those may carry JS-tier code). */
export function isCompilerOutput(bytes: Uint8Array): boolean {
  return compiled.has(bytes.buffer);
}

/** The source and root code of code compiled by the VM, or undefined for .mpy code. */
export function sourceOf(code: Code): (SourceInfo & { root: Code }) | undefined {
  const info = compiled.get(code.bc.buffer);
  if (info === undefined) return undefined;
  let root = code;
  for (let p = parents.get(root); p !== undefined; p = parents.get(root)) root = p;
  return { ...info, root };
}

/** Older hook kept for callers that mark loaded code trees themselves (same effect as markCompiled). */
export function markSourceCode(root: Code, source: string, fileName: string): Code {
  compiled.set(root.bc.buffer, { source, fileName });
  return linkCodeTree(root);
}

/**
 * rc->line_of_definition: the line the settrace build's compiler was at when it emitted the
 * MAKE_FUNCTION of this code, i.e. the parent's line at that opcode; 0 for .mpy code and modules.
 */
export function lineOfDefinition(code: Code): number {
  const parent = parents.get(code);
  if (parent === undefined || !compiled.has(code.bc.buffer)) return 0;
  const idx = parent.children.indexOf(code);
  const bc = parent.bc;
  for (let ip = parent.codeStart; ip < bc.length; ip += instrLength(bc, ip)) {
    if (isMakeFunction(bc[ip] as number) && operand(bc, ip) === idx) {
      const line = lineAtOffset(parent, ip - parent.codeStart);
      // -O3 code has no line table: upstream's last_source_line then stays 0
      return parent.lineInfoStart === parent.lineInfoEnd ? 0 : line;
    }
  }
  return 0;
}

// ------------------------------------------------------------------ code and frame objects

/** A code object (f_code, compile()): upstream objcode.c at MICROPY_PY_BUILTINS_CODE_FULL. */
export class CodeObject extends PyObject {
  lnotab: PyBytes | undefined = undefined;
  constructor(public code: Code, public namesDict: PyObj = NoneObj) {
    super(CodeType);
  }
}
export const CodeType = new PyType('code', [ObjectType]);
CodeType.baseable = false;
CodeType.print = (o) => {
  const c = (o as CodeObject).code;
  return `<code object ${c.name} at ${hexId(o)}, file "${c.ctx.file}", line ${lineOfDefinition(c)}>`;
};

/** co_lnotab as upstream builds it: (offset delta, line delta) bytes wherever the line changes. */
function lnotab(code: Code): PyBytes {
  const out: number[] = [];
  const stop = code.bc.length;
  let last = lineAtOffset(code, 0);
  let lasti = 0;
  for (let i = 0; i < stop; i++) {
    const line = lineAtOffset(code, i);
    if (line !== last) {
      out.push((i - lasti) & 0xff, (line - last) & 0xff);
      last = line;
      lasti = i;
    }
  }
  return new PyBytes(Uint8Array.from(out));
}

/** co_lines(): (start, end, line) per run of the line table (upstream code_colines_next). */
class CoLinesIter extends PyObject {
  bcOff = 0;
  line = 1;
  pos: number;
  constructor(public code: Code) {
    super(CoLinesIterType);
    this.pos = code.lineInfoStart;
  }
  next(): PyObj | undefined {
    const code = this.code;
    const start = this.bcOff;
    let lineNo = this.line;
    let another = true;
    while (another && this.pos < code.lineInfoEnd) {
      another = false;
      const e = decodeLineInfoEntry(code.bc, this.pos);
      this.pos += e.size;
      this.bcOff += e.bytes;
      this.line += e.lines;
      if (e.bytes === 0) {
        lineNo = this.line;
        another = true;
      } else if (e.lines === 0) another = true;
    }
    if (another) {
      const end = code.bc.length - code.codeStart;
      if (this.bcOff >= end) return undefined;
      this.bcOff = end;
    }
    return new PyTuple([start, this.bcOff, lineNo]);
  }
}
const CoLinesIterType = new PyType('iterator', [ObjectType]);
CoLinesIterType.getiter = (o) => o;
CoLinesIterType.iternext = (o) => (o as CoLinesIter).next();

CodeType.attr = (o, name) => {
  const co = o as CodeObject;
  const c = co.code;
  switch (name) {
    case 'co_code': return new PyBytes(c.bc.slice(c.codeStart));
    case 'co_consts': return new PyTuple([...c.children.map((ch) => new CodeObject(ch, co.namesDict)), NoneObj]);
    case 'co_filename': return c.ctx.file;
    case 'co_firstlineno': return lineAtOffset(c, 0);
    case 'co_name': return c.name;
    case 'co_names': return co.namesDict;
    case 'co_lnotab': return (co.lnotab ??= lnotab(c));
    case 'co_lines': return new PyBuiltin('co_lines', () => new CoLinesIter(c));
    default: return undefined;
  }
};

/** A frame object (upstream mp_obj_frame_t): a view on one activation of a Frame. */
export class PyFrameObj extends PyObject {
  /** The local trace function, when this frame ticks for sys.settrace. */
  callback: PyObj | undefined = undefined;
  lineno: number;
  lasti: number;
  /** lineno/lasti fields are kept up to date (the frame ticks); otherwise they are read from Frame.ip. */
  live = true;
  /** ip just after a FOR_ITER that produced a value: the line event fires again there (vm.c). */
  forIterNext = -1;
  /** last line reported to the host debugger, and the last opcode it saw */
  hostLine = 0;
  hostLastIp = -1;
  readonly codeObj: CodeObject;
  constructor(public frame: Frame) {
    super(FrameType);
    const code = frame.code;
    this.lasti = frame.ip - code.codeStart;
    this.lineno = lineAtOffset(code, this.lasti);
    this.codeObj = new CodeObject(code, frame.locals);
  }
  get fLineno(): number {
    if (this.live) return this.lineno;
    const f = this.frame;
    return lineAtOffset(f.code, f.ip - f.code.codeStart);
  }
  get fLasti(): number {
    return this.live ? this.lasti : this.frame.ip - this.frame.code.codeStart;
  }
}
export const FrameType = new PyType('frame', [ObjectType]);
FrameType.baseable = false;
FrameType.print = (o) => {
  const fo = o as PyFrameObj;
  const c = fo.frame.code;
  return `<frame at ${hexId(o)}, file '${c.ctx.file}', line ${fo.fLineno}, code ${c.name}>`;
};
FrameType.attr = (o, name) => {
  const fo = o as PyFrameObj;
  switch (name) {
    case 'f_back': {
      const b = fo.frame.back;
      return b === undefined ? NoneObj : frameObject(b);
    }
    case 'f_code': return fo.codeObj;
    case 'f_globals': return fo.frame.globals;
    case 'f_lasti': return fo.fLasti;
    case 'f_lineno': return fo.fLineno;
    default: return undefined;
  }
};

/** The frame object of `f`, made on demand for frames entered while nothing traced them. */
export function frameObject(f: Frame): PyFrameObj {
  let fo = f.trace;
  if (fo === undefined) {
    fo = new PyFrameObj(f);
    fo.live = false;
    f.trace = fo;
  }
  return fo;
}

// ------------------------------------------------------------------ the hooks the interpreter calls

const EV_CALL = 'call';
const EV_LINE = 'line';
const EV_RETURN = 'return';
const EV_EXCEPTION = 'exception';

/** upstream mp_prof_callback_invoke; a raising trace function leaves `executing` set, as upstream. */
function invoke(cb: PyObj, fo: PyFrameObj, event: string): PyObj {
  trace.executing = true;
  const r = callAny(cb, [fo, event, NoneObj], undefined);
  trace.executing = false;
  return r;
}

/**
 * FRAME_ENTER (mp_prof_frame_enter). Called on every frame entry while tracing is active, and on
 * re-entry of a frame that has a frame object. Returns whether the frame must tick.
 */
export function traceEnter(f: Frame, prev: Frame | undefined): boolean {
  if (trace.executing || vmState.heapLocked > 0) {
    // upstream: no frame object while a trace function runs (or the heap is locked)
    f.trace = undefined;
    return false;
  }
  const fo = new PyFrameObj(f);
  const code = f.code;
  if (prev !== undefined && f.ip === code.codeStart) {
    // a call (not a generator resume): report the line of the def
    fo.lineno = lineOfDefinition(code) || lineAtOffset(code, 0);
  }
  f.trace = fo;
  const host = trace.host;
  if (host !== undefined) host.enter(f);
  const hook = trace.hook;
  if (hook === undefined || trace.executing) {
    fo.live = false;
    return host !== undefined;
  }
  const top = invoke(hook, fo, EV_CALL);
  fo.callback = isCallable(top) ? top : undefined;
  fo.live = fo.callback !== undefined;
  // so that a line event follows the call event
  fo.lineno = 0;
  return fo.live || host !== undefined;
}

function isFrameUpdateOp(op: number): boolean {
  return op === Op.LOAD_ATTR || op === Op.STORE_ATTR || op === Op.FOR_ITER || op === Op.CALL_FUNCTION
    || op === Op.CALL_FUNCTION_VAR_KW || op === Op.CALL_METHOD || op === Op.CALL_METHOD_VAR_KW
    || op === Op.IMPORT_NAME || op === Op.IMPORT_FROM;
}

/** TRACE_TICK before the opcode at `opIp` of a ticking frame (mp_prof_instr_tick, not exceptions). */
export function traceTick(f: Frame, opIp: number): void {
  const fo = f.trace;
  if (fo === undefined || trace.executing) return;
  const code = f.code;
  const off = opIp - code.codeStart;
  const op = code.bc[opIp] as number;
  const forIterReset = fo.forIterNext === opIp;
  fo.forIterNext = -1;
  const cb = fo.callback;
  if (cb !== undefined) {
    if (forIterReset) fo.lineno = 0;
    const line = lineAtOffset(code, off);
    if (line !== fo.lineno) {
      fo.lineno = line;
      invoke(cb, fo, EV_LINE);
    }
    if (op === Op.RETURN_VALUE || op === Op.YIELD_VALUE) {
      invoke(cb, fo, EV_RETURN);
      if (f.back !== undefined && op === Op.RETURN_VALUE) {
        fo.callback = undefined;
        fo.live = false;
      }
    }
  }
  const host = trace.host;
  if (host !== undefined && !trace.executing) {
    if (forIterReset) fo.hostLine = 0;
    const line = lineAtOffset(code, off);
    // the host also sees a backward jump within one line (as CPython reports it), so a one-line loop
    // still gives the debugger a chance to stop or pause
    const back = opIp <= fo.hostLastIp;
    fo.hostLastIp = opIp;
    if (line !== fo.hostLine || back) {
      fo.hostLine = line;
      host.line(f, line);
    }
    if (op === Op.RETURN_VALUE || op === Op.YIELD_VALUE) host.leave(f);
  }
  if (isFrameUpdateOp(op)) {
    // FRAME_UPDATE
    fo.lasti = off;
    fo.lineno = lineAtOffset(code, off);
    if (op === Op.FOR_ITER) fo.forIterNext = opIp + instrLength(code.bc, opIp);
  }
}

/** The exception tick of vm.c's handler: `exc` is being handled (or propagates) at a ticking frame. */
export function traceException(f: Frame, exc: PyException): void {
  const fo = f.trace;
  if (fo === undefined || trace.executing) return;
  if (!exc.type.isSubclassOf(ExceptionType)) return;
  const cb = fo.callback;
  if (cb !== undefined) invoke(cb, fo, EV_EXCEPTION);
  const host = trace.host;
  if (host !== undefined && !trace.executing) host.exception(f, exc);
}

/** Frames of the running program, innermost first (for the debugger). */
export function callStack(): Frame[] {
  const out: Frame[] = [];
  for (let f = currentFrame(); f !== undefined; f = f.back) out.push(f);
  return out;
}

/** The locals dict upstream's code objects capture as co_names (the module/class namespace). */
export function namesDictOf(f: Frame): PyDict {
  return f.locals;
}
