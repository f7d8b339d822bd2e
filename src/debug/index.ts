// mpyts/debug: a host-side debugger for the mpyts VM (browser-safe; the DAP server in src/cli wraps it).
//
// It rides on the VM's trace hooks (src/vm/trace.ts): while attached, every frame "ticks" and the
// debugger sees enter/line/leave/exception events; detached, the VM pays one boolean test per frame
// entry. The VM is synchronous, so a stop is a synchronous call to `onStop`: inspect the stack,
// locals, globals and evaluate expressions from inside it, then return how to resume. A host that
// must wait for a remote client (DAP) blocks inside onStop (see src/cli/dap-worker.ts).
//
// One debugger can be attached per VM module instance (the trace hooks are module state, as
// upstream's are per thread).
import { compileModule } from '../compile/index.js';
import { writeMpy } from '../mpy/writer.js';
import { newDict, PyDict } from '../objects/dict.js';
import { PyException } from '../objects/exceptions.js';
import { PyCell, PyFunction } from '../objects/fun.js';
import { PrintKind, PyInstance, PyList, PyTuple, typeOf, type PyObj } from '../objects/object.js';
import type { Frame } from '../vm/frame.js';
import { createVM, type CompileFn, type VM, type VmOptions } from '../vm/index.js';
import { runWithLocals } from '../vm/interp.js';
import { loadMpy } from '../vm/loader.js';
import { isTrue, printObj, repr } from '../vm/runtime.js';
import { lineAtOffset, setHostTracer, trace, type HostTracer } from '../vm/trace.js';
import { localNames } from './names.js';

export type StopReason = 'entry' | 'breakpoint' | 'step' | 'pause' | 'exception';
export type ResumeAction = 'continue' | 'stepIn' | 'stepOver' | 'stepOut';

export interface SourceBreakpoint {
  line: number;
  /** Python expression evaluated in the frame; the breakpoint stops only when it is true. */
  condition?: string;
}

export interface StopEvent {
  reason: StopReason;
  file: string;
  line: number;
  /** for reason 'exception': the exception as Python prints it */
  exception?: string;
}

export interface StackFrameInfo {
  /** 0 = innermost */
  index: number;
  /** function name as co_name gives it (`<module>`, `<lambda>`, ...) */
  name: string;
  file: string;
  line: number;
}

export interface VariableInfo {
  name: string;
  /** repr() of the value */
  value: string;
  /** type name */
  type: string;
}

export interface DebuggerOptions {
  /** Called at every stop; inspect through the debugger, then return how to go on. */
  onStop(ev: StopEvent, dbg: Debugger): ResumeAction;
  /** stop before the first line of the program */
  stopOnEntry?: boolean;
  /** stop where an exception (an Exception subclass) is raised */
  stopOnException?: boolean;
  /** polled at every line: true requests a pause (e.g. set by another thread) */
  pauseRequested?: () => boolean;
}

/** Raised by evaluate() when the expression fails to compile or raises. */
export class EvaluateError extends Error {}

/** Settrace-style compilation (what the VM uses for .py files under the debugger). */
export const debugCompile: CompileFn = (source, fileName, mode, _optimize, emit) =>
  writeMpy(compileModule(source, { fileName, mode: mode === undefined || mode === 'exec' ? 'file' : mode, settrace: true, forVm: true, emit: emit ?? 'bytecode' }));

function depthOf(f: Frame): number {
  let d = 0;
  for (let g: Frame | undefined = f; g !== undefined; g = g.back) d++;
  return d;
}

/** Breakpoint files match when one path ends with the other at a path separator. */
function sameFile(a: string, b: string): boolean {
  if (a === b) return true;
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  return long.endsWith(short) && (long[long.length - short.length - 1] === '/' || long[long.length - short.length - 1] === '\\');
}

function lineOf(f: Frame): number {
  return lineAtOffset(f.code, f.ip - f.code.codeStart);
}

export class Debugger {
  private readonly bps = new Map<string, Map<number, SourceBreakpoint>>();
  private step: ResumeAction = 'continue';
  private stepDepth = 0;
  private entryPending: boolean;
  private pausePending = false;
  private frames: Frame[] = [];
  /** frame -> line at the stop (the innermost frame's own ip is not stored at every line) */
  private stopLine = 0;
  private lastException: PyException | undefined;
  private attached = false;
  private returnTo: Frame | undefined;

  private stopOnException: boolean;

  constructor(private readonly opts: DebuggerOptions) {
    this.entryPending = opts.stopOnEntry === true;
    this.stopOnException = opts.stopOnException === true;
  }

  /** Starts receiving events (before running the program). */
  attach(): void {
    if (this.attached) return;
    this.attached = true;
    const tracer: HostTracer = {
      enter: () => undefined,
      line: (f, line) => this.onLine(f, line),
      leave: (f) => this.onLeave(f),
      exception: (f, exc) => this.onException(f, exc),
    };
    setHostTracer(tracer);
  }

  detach(): void {
    if (!this.attached) return;
    this.attached = false;
    setHostTracer(undefined);
  }

  /** Replaces the breakpoints of one file; returns the lines set. */
  setBreakpoints(file: string, bps: readonly SourceBreakpoint[]): number[] {
    const m = new Map<number, SourceBreakpoint>();
    for (const b of bps) m.set(b.line, b);
    if (m.size === 0) this.bps.delete(file);
    else this.bps.set(file, m);
    return [...m.keys()];
  }

  /** Asks for a stop at the next line that runs. */
  requestPause(): void {
    this.pausePending = true;
  }

  // ---------------------------------------------------------------- events

  private breakpointAt(f: Frame, line: number): boolean {
    const file = f.code.ctx.file;
    for (const [bf, lines] of this.bps) {
      if (!sameFile(bf, file)) continue;
      const bp = lines.get(line);
      if (bp === undefined) continue;
      if (bp.condition === undefined || bp.condition.trim() === '') return true;
      this.frames = [f];
      try {
        return isTrue(this.evalIn(bp.condition, f));
      } catch {
        // MicroPython's line tables often put a loop's test on the body's last line, so a condition
        // can run before its names are bound: a condition that raises counts as false
        return false;
      }
    }
    return false;
  }

  private onLine(f: Frame, line: number): void {
    // a caller reporting its line again after a stepped frame returned is not a new breakpoint hit
    const returning = f === this.returnTo;
    this.returnTo = undefined;
    let reason: StopReason | undefined;
    if (this.entryPending) {
      this.entryPending = false;
      reason = 'entry';
    } else if (this.pausePending || this.opts.pauseRequested?.() === true) {
      this.pausePending = false;
      reason = 'pause';
    } else if (!returning && this.bps.size > 0 && this.breakpointAt(f, line)) reason = 'breakpoint';
    else if (this.step === 'stepIn') reason = 'step';
    else if (this.step === 'stepOver' && depthOf(f) <= this.stepDepth) reason = 'step';
    else if (this.step === 'stepOut' && depthOf(f) < this.stepDepth) reason = 'step';
    if (reason !== undefined) this.stop(f, line, reason, undefined);
  }

  private onLeave(f: Frame): void {
    // the frame being stepped returns: report its caller's line again when it resumes there
    if (this.step !== 'continue' && depthOf(f) <= this.stepDepth) {
      const caller = f.back?.trace;
      if (caller !== undefined) {
        caller.hostLine = 0;
        this.returnTo = f.back;
      }
    }
  }

  /** Turns stopping where exceptions are raised on or off. */
  setStopOnException(on: boolean): void {
    this.stopOnException = on;
  }

  private onException(f: Frame, exc: PyException): void {
    if (!this.stopOnException || exc === this.lastException) return;
    this.lastException = exc;
    this.stop(f, lineOf(f), 'exception', printObj(exc, PrintKind.EXC));
  }

  private stop(f: Frame, line: number, reason: StopReason, exception: string | undefined): void {
    this.frames = [];
    for (let g: Frame | undefined = f; g !== undefined; g = g.back) this.frames.push(g);
    this.stopLine = line;
    const ev: StopEvent = { reason, file: f.code.ctx.file, line, ...(exception !== undefined ? { exception } : {}) };
    const action = this.opts.onStop(ev, this);
    this.frames = [];
    this.step = action;
    this.stepDepth = depthOf(f);
  }

  // ---------------------------------------------------------------- inspection (while stopped)

  private frameAt(index: number): Frame {
    const f = this.frames[index];
    if (f === undefined) throw new RangeError(`no frame ${index} (not stopped, or the stack is shorter)`);
    return f;
  }

  /** The call stack at the stop, innermost first. */
  stackTrace(): StackFrameInfo[] {
    return this.frames.map((f, index) => ({
      index,
      name: f.code.name,
      file: f.code.ctx.file,
      line: index === 0 ? this.stopLine : lineOf(f),
    }));
  }

  /** Local variables of a frame (fast locals by name; a class body's or module's namespace dict). */
  localsMap(index: number): Map<string, PyObj> {
    const f = this.frameAt(index);
    const out = new Map<string, PyObj>();
    if (f.locals !== f.globals) {
      // class body (or exec with a locals dict): the namespace is a dict
      for (const [k, v] of f.locals.mpmap.entries()) if (typeof k === 'string') out.set(k, v);
      return out;
    }
    if (f.back === undefined || isModuleFrame(f)) return out;
    const code = f.code;
    const top = code.nState - 1;
    const named = localNames(code);
    const count = named !== undefined ? named.length : code.nPosArgs + code.nKwonlyArgs;
    for (let i = 0; i < count; i++) {
      const name = named !== undefined ? named[i] : code.argNames[i];
      // closed-over values passed as leading arguments are named '*' in a .mpy prelude
      if (name === undefined || name === '*') continue;
      let v = f.state[top - i];
      if (v instanceof PyCell) v = v.v;
      if (v !== undefined) out.set(name, v);
    }
    return out;
  }

  private describe(m: Map<string, PyObj>): VariableInfo[] {
    const out: VariableInfo[] = [];
    for (const [name, v] of m) out.push({ name, value: safeRepr(v), type: typeOf(v).name });
    return out;
  }

  locals(index: number): VariableInfo[] {
    return this.describe(this.localsMap(index));
  }

  globalsMap(index: number): Map<string, PyObj> {
    const g = this.frameAt(index).globals;
    const m = new Map<string, PyObj>();
    for (const [k, v] of g.mpmap.entries()) if (typeof k === 'string') m.set(k, v);
    return m;
  }

  globals(index: number): VariableInfo[] {
    return this.describe(this.globalsMap(index));
  }

  /** repr and type name of a value, for variable views. */
  describeValue(v: PyObj): { value: string; type: string } {
    return { value: safeRepr(v), type: typeOf(v).name };
  }

  /**
   * What a variable view can expand: list/tuple items, dict entries (by key repr), an instance's
   * attributes. Empty for everything else.
   */
  children(o: PyObj): [string, PyObj][] {
    if (o instanceof PyList || o instanceof PyTuple) return o.items.map((v, i) => [`[${i}]`, v]);
    if (o instanceof PyDict) return [...o.mpmap.entries()].map(([k, v]) => [safeRepr(k), v]);
    if (o instanceof PyInstance) return [...o.dict.entries()];
    return [];
  }

  /** Evaluates a Python expression in a frame (assignments to function locals are not written back). */
  evaluate(expr: string, index = 0): VariableInfo {
    const v = this.evaluateObject(expr, index);
    return { name: expr, value: safeRepr(v), type: typeOf(v).name };
  }

  /** evaluate(), returning the object itself. */
  evaluateObject(expr: string, index = 0): PyObj {
    return this.evalIn(expr, this.frameAt(index));
  }

  private evalIn(expr: string, f: Frame): PyObj {
    let code;
    try {
      code = loadMpy(debugCompile(expr, '<debug>', 'eval'));
    } catch (e) {
      throw new EvaluateError(e instanceof Error ? e.message : String(e));
    }
    let locals: PyDict;
    if (f.locals !== f.globals) locals = f.locals;
    else if (f.back === undefined || isModuleFrame(f)) locals = f.globals;
    else {
      locals = newDict(0);
      const index = this.frames.indexOf(f);
      for (const [k, v] of this.localsMap(index < 0 ? 0 : index)) locals.mpmap.set(k, v);
    }
    // no tracing (and no nested stops) while the debugger's own code runs
    const saved = trace.executing;
    trace.executing = true;
    try {
      return runWithLocals(new PyFunction(code, f.globals, undefined, undefined, undefined), locals, []);
    } catch (e) {
      if (e instanceof PyException) throw new EvaluateError(printObj(e, PrintKind.EXC));
      throw e;
    } finally {
      trace.executing = saved;
    }
  }
}

function isModuleFrame(f: Frame): boolean {
  return f.code.name === '<module>';
}

function safeRepr(v: PyObj): string {
  const saved = trace.executing;
  trace.executing = true;
  try {
    return repr(v);
  } catch (e) {
    return `<repr failed: ${e instanceof PyException ? printObj(e, PrintKind.EXC) : String(e)}>`;
  } finally {
    trace.executing = saved;
  }
}

/** A VM wired to the settrace-style compiler with a debugger attached. */
export function createDebugVM(options: Omit<VmOptions, 'compile'> & DebuggerOptions): { vm: VM; debugger: Debugger } {
  const dbg = new Debugger(options);
  dbg.attach();
  const vm = createVM({ ...options, compile: debugCompile });
  return { vm, debugger: dbg };
}
