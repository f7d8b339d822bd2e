// sys: the parts of the unix port's sys module the VM core provides (argv, path, modules, exit,
// stdout/stderr, print_exception, implementation, version...). Builtin modules are never in sys.modules.
import { PyDict } from '../objects/dict.js';
import { excArgs, PyException, SystemExitType } from '../objects/exceptions.js';
import {
  defMethod, NoneObj, ObjectType, PyBuiltin, PyList, PyModule, PyObject, PyTuple, PyType, type PyObj,
} from '../objects/object.js';
import { call, str } from '../vm/runtime.js';
import { dictFromMap } from '../objects/dict.js';
import { loadAttr } from '../vm/attr.js';
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
}

/** A text stream object whose write() goes to the host. */
class HostStream extends PyObject {
  constructor(public write: (s: string) => void, public fd: number) {
    super(HostStreamType);
  }
}
const HostStreamType = new PyType('TextIOWrapper', [ObjectType]);
HostStreamType.print = (o) => `<io.TextIOWrapper ${(o as HostStream).fd}>`;
// write() takes str or any buffer and returns the number of bytes written, as mp_stream_write does
defMethod(HostStreamType, 'write', (a) => {
  const s = a[1] as PyObj;
  if (typeof s !== 'string') {
    const b = bufferOf(s);
    if (b !== undefined) {
      (a[0] as HostStream).write(new TextDecoder().decode(b));
      return b.length;
    }
  }
  const text = typeof s === 'string' ? s : str(s);
  (a[0] as HostStream).write(text);
  return new TextEncoder().encode(text).length;
});
defMethod(HostStreamType, 'flush', () => NoneObj);
HostStreamType.attr = (o, name) => {
  if (name === 'buffer') return o;
  return undefined;
};

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
    ['stdin', new HostStream(() => undefined, 0)],
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
      if (file !== undefined && file !== NoneObj) call(loadAttr(file, 'write'), [text]);
      else st.stderr(text);
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
import { bufferOf } from '../objects/bytes.js';
