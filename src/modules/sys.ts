// sys: the parts of the unix port's sys module the VM core provides (argv, path, modules, exit,
// stdout/stderr, print_exception, implementation, version...). Builtin modules are never in sys.modules.
import { PyDict } from '../objects/dict.js';
import { excArgs, excMsg, OSErrorType, PyException, SystemExitType, TypeErrorType } from '../objects/exceptions.js';
import { bufferOf, PyBytes } from '../objects/bytes.js';
import { wordInt } from './_util.js';
import {
  defMethod, NoneObj, ObjectType, PyBuiltin, PyList, PyModule, PyObject, PyTuple, PyType, type PyObj,
} from '../objects/object.js';
import { call, str } from '../vm/runtime.js';
import { dictFromMap } from '../objects/dict.js';
import { loadAttr, loadAttrMaybe } from '../vm/attr.js';
import { vmState } from '../vm/state.js';
import { settraceBuiltin } from '../vm/trace.js';

export interface SysState {
  argv: PyList;
  path: PyList;
  modules: PyDict;
  stdout(s: string): void;
  stderr(s: string): void;
  /** The function registered with sys.atexit (called by the host at interpreter exit). */
  exitFunc?: PyObj;
  /** One line of standard input without its newline, undefined at the end (VmHost.readLine). */
  readLine?(): string | undefined;
}

/**
 * sys.stdin's reads (read/readline/readinto, as asyncio's StreamReader and user code call them): the
 * host gives whole lines, buffered here so read(n) can split them.
 */
class StdinBuffer {
  buf = '';
  eof = false;
  constructor(private readLine: () => string | undefined) {}
  private fill(): boolean {
    if (this.eof) return false;
    const l = this.readLine();
    if (l === undefined) {
      this.eof = true;
      return false;
    }
    this.buf += l + '\n';
    return true;
  }
  read(n: number): string {
    if (n < 0) while (this.fill());
    else while (this.buf.length < n && this.fill());
    const r = n < 0 ? this.buf : this.buf.slice(0, n);
    this.buf = this.buf.slice(r.length);
    return r;
  }
  readline(): string {
    while (!this.buf.includes('\n') && this.fill());
    const i = this.buf.indexOf('\n');
    const r = i < 0 ? this.buf : this.buf.slice(0, i + 1);
    this.buf = this.buf.slice(r.length);
    return r;
  }
}

/** A text stream object whose write() goes to the host. */
class HostStream extends PyObject {
  /** For stdin: where reads come from; `binary` for sys.stdin.buffer (reads give bytes). */
  input: StdinBuffer | undefined;
  binary = false;
  buffer: HostStream | undefined;
  constructor(public write: (s: string) => void, public fd: number, type: PyType = HostStreamType) {
    super(type);
  }
  out(text: string): PyObj {
    return this.binary ? new PyBytes(new TextEncoder().encode(text)) : text;
  }
  reader(): StdinBuffer {
    if (this.input === undefined) throw excArgs(OSErrorType, [9]);
    return this.input;
  }
}
const HostStreamType = new PyType('TextIOWrapper', [ObjectType]);
HostStreamType.print = (o) => `<io.TextIOWrapper ${(o as HostStream).fd}>`;
// write() takes str or any buffer and returns the number of bytes written, as mp_stream_write does
defMethod(HostStreamType, 'write', (a) => {
  const s = a[1] as PyObj;
  if (typeof s !== 'string') {
    const b = bufferOf(s);
    if (b === undefined) throw excMsg(TypeErrorType, 'object with buffer protocol required');
    (a[0] as HostStream).write(new TextDecoder().decode(b));
    return b.length;
  }
  (a[0] as HostStream).write(s);
  return new TextEncoder().encode(s).length;
});
defMethod(HostStreamType, 'flush', () => NoneObj);
/** sys.std*.buffer: the same streams in bytes mode. */
const FileIOType = new PyType('FileIO', [HostStreamType]);
FileIOType.print = (o) => `<io.FileIO ${(o as HostStream).fd}>`;
HostStreamType.attr = (o, name) => {
  if (name === 'buffer') return (o as HostStream).buffer ?? o;
  return undefined;
};
defMethod(HostStreamType, 'fileno', (a) => (a[0] as HostStream).fd);
const sizeArg = (a: PyObj[]): number => (a.length > 1 && a[1] !== NoneObj ? wordInt(a[1] as PyObj) : -1);
defMethod(HostStreamType, 'read', (a) => {
  const s = a[0] as HostStream;
  return s.out(s.reader().read(sizeArg(a)));
});
defMethod(HostStreamType, 'readline', (a) => {
  const s = a[0] as HostStream;
  const n = sizeArg(a);
  const r = s.reader();
  return s.out(n < 0 ? r.readline() : r.readline().slice(0, n));
});
defMethod(HostStreamType, 'readinto', (a) => {
  const s = a[0] as HostStream;
  const dst = bufferOf(a[1] as PyObj);
  if (dst === undefined) throw excMsg(TypeErrorType, 'object with buffer protocol required');
  const data = new TextEncoder().encode(s.reader().read(dst.length));
  dst.set(data.subarray(0, dst.length));
  return Math.min(data.length, dst.length);
});

/** Named-tuple-like attribute holder (sys.implementation, sys.version_info). */
class AttrTuple extends PyTuple {
  constructor(items: PyObj[], public names: string[], public tname: string) {
    super(items, AttrTupleType);
  }
}
const AttrTupleType = new PyType('tuple', [ObjectType]);
AttrTupleType.attr = (o, name) => {
  const t = o as AttrTuple;
  const i = t.names.indexOf(name);
  return i >= 0 ? t.items[i] : undefined;
};

import { TupleType } from '../objects/object.js';
AttrTupleType.print = (o) => {
  const t = o as AttrTuple;
  if (t.tname === 'version_info') return (TupleType.print as (o: PyObj, k: number) => string)(new PyTuple(t.items), 1);
  return `(${t.names.map((n, i) => `${n}=${reprOf(t.items[i] as PyObj)}`).join(', ')})`;
};
import { repr as reprOf } from '../vm/runtime.js';
AttrTupleType.unary = (op, o) => TupleType.unary?.(op, new PyTuple((o as AttrTuple).items));
AttrTupleType.subscr = (o, i, v) => TupleType.subscr?.(new PyTuple((o as AttrTuple).items), i, v);
AttrTupleType.getiter = (o) => (TupleType.getiter as (o: PyObj) => PyObj)(new PyTuple((o as AttrTuple).items));
AttrTupleType.binary = (op, a, b) => TupleType.binary?.(op, new PyTuple((a as AttrTuple).items), b);

import { formatException } from '../vm/index.js';

export function makeSysModule(st: SysState, onExit: () => void): PyModule {
  const stdout = new HostStream(st.stdout, 1);
  const stderr = new HostStream(st.stderr, 2);
  const stdin = new HostStream(() => undefined, 0);
  const stdinBytes = new HostStream(() => undefined, 0, FileIOType);
  stdout.buffer = new HostStream(st.stdout, 1, FileIOType);
  stderr.buffer = new HostStream(st.stderr, 2, FileIOType);
  const input = new StdinBuffer(() => st.readLine?.());
  stdin.input = stdinBytes.input = input;
  stdinBytes.binary = true;
  stdin.buffer = stdinBytes;
  // sys.implementation: (name, version, _machine, _mpy) as the unix port reports it. _mpy is .mpy 6.3
  // with arch bits 0: the VM loads bytecode .mpy files only (run-tests.py then passes no -march).
  const implementation = new AttrTuple(
    ['micropython', new PyTuple([1, 28, 0, '']), 'linux [GCC 13.3.0] version', 6 | (3 << 8), 'standard'],
    ['name', 'version', '_machine', '_mpy', '_build'], 'implementation');
  const m = new Map<string, PyObj>([
    ['__name__', 'sys'],
    ['argv', st.argv],
    ['path', st.path],
    ['modules', st.modules],
    ['stdout', stdout],
    ['stderr', stderr],
    ['stdin', stdin],
    ['version', '3.4.0; MicroPython v1.28.0'],
    ['version_info', new AttrTuple([3, 4, 0], ['major', 'minor', 'micro'], 'version_info')],
    ['implementation', implementation],
    ['maxsize', 9223372036854775807n],
    ['byteorder', 'little'],
    ['platform', 'linux'],
    ['ps1', '>>> '],
    ['ps2', '... '],
    ['settrace', settraceBuiltin],
    ['atexit', new PyBuiltin('atexit', (a) => {
      // upstream stores one function and returns the previous one
      const prev = st.exitFunc ?? NoneObj;
      st.exitFunc = a[0] as PyObj;
      return prev;
    })],
    ['exit', new PyBuiltin('exit', (a) => {
      onExit();
      throw a.length ? excArgs(SystemExitType, [a[0] as PyObj]) : new PyException(SystemExitType);
    })],
    ['print_exception', new PyBuiltin('print_exception', (a) => {
      const e = a[0];
      const text = e instanceof PyException ? formatException(e) : str(e as PyObj) + '\n';
      const file = a[1];
      // the default is sys.stdout; an object that can't be written to is not a stream (OSError)
      if (file !== undefined && file !== NoneObj) {
        const w = loadAttrMaybe(file, 'write');
        if (w === undefined) throw excMsg(OSErrorType, 'stream operation not supported');
        call(w, [text]);
      } else st.stdout(text);
      return NoneObj;
    })],
    ['exc_info', new PyBuiltin('exc_info', () => {
      const e = vmState.curExc;
      if (e === undefined || !(e instanceof PyException)) return new PyTuple([NoneObj, NoneObj, NoneObj]);
      return new PyTuple([e.type, e, NoneObj]);
    })],
  ]);
  return new PyModule('sys', dictFromMap(m));
}
