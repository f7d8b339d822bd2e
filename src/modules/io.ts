// io module: StringIO/BytesIO (byte buffers like upstream's objstringio.c, so positions are byte
// offsets) and open() on the host file system (read and write modes; writes are flushed on close).
import { bufferOf, PyBytes } from '../objects/bytes.js';
import { excArgs, excMsg, OSErrorType, typeError, valueError } from '../objects/exceptions.js';
import { checkInt } from '../objects/int.js';
import { defMethod, NoneObj, ObjectType, PyInstance, PyObject, PyType, type PyObj } from '../objects/object.js';
import { str } from '../vm/runtime.js';
import { makeModule, registerNativeModule, type ModuleHost } from '../vm/modules.js';

const enc = new TextEncoder();
const dec = new TextDecoder();

export class PyStream extends PyObject {
  data: Uint8Array;
  len: number;
  pos = 0;
  closed = false;
  constructor(type: PyType, init: Uint8Array, public text: boolean, public onClose?: (d: Uint8Array) => void, public writable = true) {
    super(type);
    this.data = init.slice();
    this.len = init.length;
  }
  check(): void {
    if (this.closed) throw valueError('I/O operation on closed file');
  }
  write(b: Uint8Array): void {
    const end = this.pos + b.length;
    if (end > this.data.length) {
      const nd = new Uint8Array(Math.max(end, this.data.length * 2 + 16));
      nd.set(this.data.subarray(0, this.len));
      this.data = nd;
    }
    this.data.set(b, this.pos);
    this.pos = end;
    if (end > this.len) this.len = end;
  }
  out(b: Uint8Array): PyObj {
    return this.text ? dec.decode(b) : new PyBytes(b.slice());
  }
}
export const StringIOType = new PyType('StringIO', [ObjectType]);
export const BytesIOType = new PyType('BytesIO', [ObjectType]);
export const TextIOWrapperType = new PyType('TextIOWrapper', [ObjectType]);
export const FileIOType = new PyType('FileIO', [ObjectType]);
const ALL = [StringIOType, BytesIOType, TextIOWrapperType, FileIOType];
/** io.IOBase: a base for Python classes that act as streams (their readinto/write/ioctl methods are the
 * stream protocol native code uses, e.g. json.dump or deflate.DeflateIO on a user stream). */
export const IOBaseType = new PyType('IOBase', [ObjectType]);
IOBaseType.make = (cls) => new PyInstance(cls);

function self(a: PyObj[]): PyStream {
  const s = a[0];
  if (!(s instanceof PyStream)) throw typeError('expected stream');
  s.check();
  return s;
}

function readLine(s: PyStream, limit = -1): Uint8Array {
  let end = s.pos;
  while (end < s.len && (limit < 0 || end - s.pos < limit)) {
    if (s.data[end++] === 10) break;
  }
  const r = s.data.subarray(s.pos, end);
  s.pos = end;
  return r;
}

for (const t of ALL) {
  const text = t === StringIOType || t === TextIOWrapperType;
  defMethod(t, 'write', (a) => {
    const s = self(a);
    const v = a[1] as PyObj;
    let b: Uint8Array;
    if (text) {
      if (typeof v !== 'string') throw typeError(`can't convert '${typeof v === 'object' ? v.type.name : typeof v}' object to str implicitly`);
      b = enc.encode(v);
    } else {
      const bb = bufferOf(v);
      if (!bb || typeof v === 'string') throw typeError('object with buffer protocol required');
      b = bb;
    }
    s.write(b);
    return b.length;
  });
  defMethod(t, 'read', (a) => {
    const s = self(a);
    const n = a.length > 1 && a[1] !== NoneObj ? Number(checkInt(a[1] as PyObj)) : -1;
    const end = n < 0 ? s.len : Math.min(s.len, s.pos + n);
    const r = s.data.subarray(s.pos, end);
    s.pos = end;
    return s.out(r);
  });
  defMethod(t, 'readline', (a) => {
    const s = self(a);
    return s.out(readLine(s, a.length > 1 ? Number(checkInt(a[1] as PyObj)) : -1));
  });
  defMethod(t, 'seek', (a) => {
    const s = self(a);
    let off = Number(checkInt(a[1] as PyObj));
    const whence = a.length > 2 ? Number(checkInt(a[2] as PyObj)) : 0;
    if (whence === 1) off += s.pos;
    else if (whence === 2) off += s.len;
    s.pos = Math.max(0, off);
    return s.pos;
  });
  defMethod(t, 'tell', (a) => self(a).pos);
  defMethod(t, 'flush', () => NoneObj);
  defMethod(t, 'close', (a) => {
    const s = a[0] as PyStream;
    if (!s.closed) {
      s.closed = true;
      s.onClose?.(s.data.subarray(0, s.len));
    }
    return NoneObj;
  });
  defMethod(t, '__enter__', (a) => a[0] as PyObj);
  defMethod(t, '__exit__', (a) => {
    const s = a[0] as PyStream;
    if (!s.closed) {
      s.closed = true;
      s.onClose?.(s.data.subarray(0, s.len));
    }
    return NoneObj;
  });
  t.getiter = (o) => o;
  t.iternext = (o) => {
    const s = o as PyStream;
    s.check();
    const l = readLine(s);
    return l.length === 0 ? undefined : s.out(l);
  };
  t.print = (o) => `<io.${t.name} ${Number(0x7f0000000000 + (o as PyStream).len).toString(16)}>`;
}
for (const t of [StringIOType, BytesIOType]) {
  defMethod(t, 'getvalue', (a) => {
    const s = self(a);
    return s.out(s.data.subarray(0, s.len));
  });
  t.make = (cls, args) => {
    const init = args[0];
    let b: Uint8Array = new Uint8Array(0);
    if (init !== undefined && init !== NoneObj) {
      if (cls === StringIOType) {
        if (typeof init !== 'string') throw typeError("can't convert to str implicitly");
        b = enc.encode(init);
      } else b = bufferOf(init) ?? new Uint8Array(0);
    }
    return new PyStream(cls, b, cls === StringIOType);
  };
}

/** open(path, mode='r') on the host. */
export function openOnHost(host: ModuleHost, args: PyObj[], kwMode?: PyObj): PyObj {
  const path = str(args[0] as PyObj);
  const mode = typeof (kwMode ?? args[1]) === 'string' ? ((kwMode ?? args[1]) as string) : 'r';
  const binary = mode.includes('b');
  const type = binary ? FileIOType : TextIOWrapperType;
  if (mode.includes('w') || mode.includes('a')) {
    if (!host.writeFile) throw excArgs(OSErrorType, [1]);
    const existing = mode.includes('a') ? host.readFile(path) ?? new Uint8Array(0) : new Uint8Array(0);
    const s = new PyStream(type, existing, !binary, (d) => host.writeFile?.(path, d.slice()));
    s.pos = existing.length;
    host.writeFile(path, existing);
    return s;
  }
  const st = host.stat(path);
  if (st === 'dir') throw excArgs(OSErrorType, [21]);
  const data = host.readFile(path);
  if (!data) throw excArgs(OSErrorType, [2]);
  return new PyStream(type, data, !binary);
}

registerNativeModule('io', (host) => makeModule('io', {
  StringIO: StringIOType,
  BytesIO: BytesIOType,
  IOBase: IOBaseType,
  open: (a, kw) => openOnHost(host, a, kw?.get('mode')),
}));
void excMsg;
