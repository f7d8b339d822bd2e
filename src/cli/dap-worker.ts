// The VM side of `mpyts debug --dap`: runs the program under the debugger in a worker thread, so the
// main thread stays free to speak the Debug Adapter Protocol. The VM is synchronous: at a stop this
// thread blocks (Atomics.wait) and takes the client's requests one by one with receiveMessageOnPort
// until one of them resumes it. Shared flags: [0] wake-up, [1] pause requested, [2] breakpoints
// changed while running.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { createDebugVM, EvaluateError, type Debugger, type ResumeAction, type SourceBreakpoint } from '../debug/index.js';
import type { PyObj } from '../objects/object.js';
import { createNodeHost } from './node-host.js';

export interface WorkerInput {
  program: string;
  args: string[];
  stopOnEntry: boolean;
  breakpoints: [string, SourceBreakpoint[]][];
  stopOnException: boolean;
  port: MessagePort;
  shared: SharedArrayBuffer;
}

/** A request forwarded from the main thread (DAP request names and arguments). */
export interface WorkerRequest {
  seq: number;
  command: string;
  arguments: Record<string, unknown>;
}

export type WorkerMessage =
  | { type: 'output'; category: 'stdout' | 'stderr'; output: string }
  | { type: 'stopped'; reason: string; text?: string }
  | { type: 'response'; seq: number; body?: unknown; error?: string }
  | { type: 'exited'; code: number };

const input = workerData as WorkerInput;
const flags = new Int32Array(input.shared);
const post = (m: WorkerMessage): void => parentPort?.postMessage(m);

function nextRequest(): WorkerRequest {
  for (;;) {
    const m = receiveMessageOnPort(input.port);
    if (m !== undefined) return m.message as WorkerRequest;
    Atomics.wait(flags, 0, 0);
    Atomics.store(flags, 0, 0);
  }
}

function setBreakpoints(dbg: Debugger, req: WorkerRequest): void {
  if (req.command === 'setExceptionBreakpoints') {
    const filters = (req.arguments.filters as string[] | undefined) ?? [];
    dbg.setStopOnException(filters.includes('raised'));
    return;
  }
  const a = req.arguments as { path: string; breakpoints: SourceBreakpoint[] };
  dbg.setBreakpoints(a.path, a.breakpoints);
}

/** Breakpoint changes sent while the program runs (polled at every line through pauseRequested). */
function drainControl(dbg: Debugger): void {
  if (Atomics.load(flags, 2) === 0) return;
  Atomics.store(flags, 2, 0);
  for (let m = receiveMessageOnPort(input.port); m !== undefined; m = receiveMessageOnPort(input.port)) {
    const req = m.message as WorkerRequest;
    if (req.command === 'setBreakpoints' || req.command === 'setExceptionBreakpoints') setBreakpoints(dbg, req);
  }
}

const RESUME: Record<string, ResumeAction> = { continue: 'continue', next: 'stepOver', stepIn: 'stepIn', stepOut: 'stepOut' };

/** Answers inspection requests until one resumes the program. */
function serveStop(dbg: Debugger): ResumeAction {
  for (;;) {
    const req = nextRequest();
    const resume = RESUME[req.command];
    if (resume !== undefined) {
      handles = [];
      return resume;
    }
    try {
      post({ type: 'response', seq: req.seq, body: answer(dbg, req) });
    } catch (e) {
      post({ type: 'response', seq: req.seq, error: e instanceof Error ? e.message : String(e) });
    }
  }
}

// variablesReference: 2·frame + 1 for locals, 2·frame + 2 for globals (DAP wants them > 0); values
// that can be expanded get HANDLE_BASE + their index in `handles`, valid until the program resumes
const HANDLE_BASE = 1_000_000;
let handles: PyObj[] = [];

function variable(dbg: Debugger, name: string, v: PyObj): Record<string, unknown> {
  let ref = 0;
  if (dbg.children(v).length > 0) {
    handles.push(v);
    ref = HANDLE_BASE + handles.length - 1;
  }
  return { name, ...dbg.describeValue(v), variablesReference: ref };
}

function answer(dbg: Debugger, req: WorkerRequest): unknown {
  const a = req.arguments;
  switch (req.command) {
    case 'stackTrace': {
      const frames = dbg.stackTrace();
      return {
        stackFrames: frames.map((f) => ({
          id: f.index + 1, name: f.name, line: f.line, column: 1,
          source: { name: path.basename(f.file), path: path.resolve(f.file) },
        })),
        totalFrames: frames.length,
      };
    }
    case 'scopes': {
      const i = Number(a.frameId) - 1;
      return {
        scopes: [
          { name: 'Locals', presentationHint: 'locals', variablesReference: 2 * i + 1, expensive: false },
          { name: 'Globals', variablesReference: 2 * i + 2, expensive: false },
        ],
      };
    }
    case 'variables': {
      const ref = Number(a.variablesReference);
      let entries: [string, PyObj][];
      if (ref >= HANDLE_BASE) {
        const o = handles[ref - HANDLE_BASE];
        entries = o === undefined ? [] : dbg.children(o);
      } else {
        const frame = Math.floor((ref - 1) / 2);
        entries = [...(ref % 2 === 1 ? dbg.localsMap(frame) : dbg.globalsMap(frame))];
      }
      return { variables: entries.map(([name, v]) => variable(dbg, name, v)) };
    }
    case 'evaluate': {
      const frame = a.frameId === undefined ? 0 : Number(a.frameId) - 1;
      try {
        const v = dbg.evaluateObject(String(a.expression), frame);
        const d = variable(dbg, '', v);
        return { result: d.value, type: d.type, variablesReference: d.variablesReference };
      } catch (e) {
        if (e instanceof EvaluateError) throw new Error(e.message);
        throw e;
      }
    }
    case 'setBreakpoints':
    case 'setExceptionBreakpoints':
      setBreakpoints(dbg, req);
      return {};
    default:
      throw new Error(`unsupported request '${req.command}'`);
  }
}

let dbgRef: Debugger | undefined;
const host = createNodeHost({
  stdout: (s) => post({ type: 'output', category: 'stdout', output: s }),
  stderr: (s) => post({ type: 'output', category: 'stderr', output: s }),
  stdin: '',
});
let dir = path.dirname(input.program);
try {
  dir = fs.realpathSync(dir);
} catch {
  /* as given */
}
const { vm, debugger: dbg } = createDebugVM({
  host,
  argv: [input.program, ...input.args],
  path: [dir, '.frozen', '~/.micropython/lib', '/usr/lib/micropython'],
  stopOnEntry: input.stopOnEntry,
  stopOnException: input.stopOnException,
  pauseRequested: () => {
    if (dbgRef !== undefined) drainControl(dbgRef);
    return Atomics.exchange(flags, 1, 0) === 1;
  },
  onStop: (ev, d) => {
    post({ type: 'stopped', reason: ev.reason, ...(ev.exception !== undefined ? { text: ev.exception } : {}) });
    return serveStop(d);
  },
});
dbgRef = dbg;
for (const [file, bps] of input.breakpoints) dbg.setBreakpoints(file, bps);
let code: number;
try {
  code = vm.runSource(fs.readFileSync(input.program, 'utf8'), input.program);
} catch (e) {
  post({ type: 'output', category: 'stderr', output: `mpyts: ${e instanceof Error ? e.message : String(e)}\n` });
  code = 1;
}
dbg.detach();
post({ type: 'exited', code });
