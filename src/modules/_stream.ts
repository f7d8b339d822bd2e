// The stream protocol as native modules see it (upstream's mp_stream_p_t): byte-level read, write and
// close on any object that is a stream. The io module's buffers are used directly; other native types
// register their protocol here (deflate.DeflateIO, ...); instances of Python subclasses of io.IOBase
// are driven through their readinto/write/close methods with bytearrays, as upstream's iobase does.
// Anything else raises OSError('stream operation not supported') like mp_get_stream_raise. Native
// objects that are not registered but have the method (sys.stdout) are used through it as well.
import { bufferOf, PyByteArray } from '../objects/bytes.js';
import { excArgs, excMsg, OSErrorType } from '../objects/exceptions.js';
import { NoneObj, typeOf, type PyObj, type PyType } from '../objects/object.js';
import { loadAttrMaybe } from '../vm/attr.js';
import { call, mkAttributeError } from '../vm/runtime.js';
import { IOBaseType, PyStream } from './io.js';
import { wordInt } from './_util.js';

const EAGAIN = 11;
const MP_STREAM_CLOSE = 4;

/** A native stream implementation; absent members mean the operation is not supported. */
export interface StreamProto {
  /** Up to n bytes (fewer only at end of stream). */
  read?(o: PyObj, n: number): Uint8Array;
  write?(o: PyObj, data: Uint8Array): number;
  close?(o: PyObj): void;
  /** stream->ioctl: the request's result; errors are thrown as StreamError. */
  ioctl?(o: PyObj, request: number, arg: number): number;
}
export const streamProtocols = new Map<PyType, StreamProto>();

const bufferStream: StreamProto = {
  read(o, n) {
    const s = o as PyStream;
    s.check();
    const end = Math.min(s.len, s.pos + n);
    const r = s.data.slice(s.pos, end);
    s.pos = end;
    return r;
  },
  write(o, data) {
    const s = o as PyStream;
    s.check();
    s.write(data);
    return data.length;
  },
  close(o) {
    call(loadAttrMaybe(o, 'close') as PyObj, []);
  },
};

function unsupported(): never {
  throw excMsg(OSErrorType, 'stream operation not supported');
}

/** A stream operation's error return (MP_STREAM_ERROR with *errcode); callers usually raise OSError. */
export class StreamError extends Error {
  constructor(public errno: number) {
    super(`stream error ${errno}`);
  }
}

/** iobase_read_write: the method gets a bytearray; None means EAGAIN, a negative int -errno. */
function iobaseCall(o: PyObj, name: string, buf: PyByteArray): number {
  const m = loadAttrMaybe(o, name);
  if (m === undefined) throw mkAttributeError(o, name);
  const r = call(m, [buf]);
  if (r === NoneObj) throw new StreamError(EAGAIN);
  const n = wordInt(r);
  if (n < 0) throw new StreamError(-n);
  return n;
}

/** A Python subclass of io.IOBase: readinto/write/ioctl as upstream's iobase_p calls them. */
const iobaseStream: StreamProto = {
  read(o, n) {
    const buf = new PyByteArray(new Uint8Array(n));
    const got = Math.min(iobaseCall(o, 'readinto', buf), n);
    return buf.data.slice(0, got);
  },
  write(o, data) {
    return iobaseCall(o, 'write', new PyByteArray(data.slice()));
  },
  close(o) {
    // mp_stream_close: ioctl(MP_STREAM_CLOSE, 0)
    const m = loadAttrMaybe(o, 'ioctl');
    if (m === undefined) throw mkAttributeError(o, 'ioctl');
    const r = wordInt(call(m, [MP_STREAM_CLOSE, 0]));
    if (r < 0) throw new StreamError(-r);
  },
};

/** Native objects that are not registered but have Python-level methods (sys.stdout). */
const methodStream: StreamProto = {
  read(o, n) {
    const r = call(loadAttrMaybe(o, 'read') ?? unsupported(), [n]);
    return r === NoneObj ? new Uint8Array(0) : (bufferOf(r) ?? new Uint8Array(0)).slice();
  },
  write(o, data) {
    const r = call(loadAttrMaybe(o, 'write') ?? unsupported(), [new PyByteArray(data.slice())]);
    return typeof r === 'number' ? r : data.length;
  },
  close(o) {
    const c = loadAttrMaybe(o, 'close');
    if (c !== undefined) call(c, []);
  },
};

function protocolOf(s: PyObj, op: 'read' | 'write'): StreamProto {
  if (s instanceof PyStream) return bufferStream;
  const t = typeOf(s);
  const p = streamProtocols.get(t.native) ?? streamProtocols.get(t);
  if (p) return p[op] ? p : unsupported();
  if (typeof s !== 'object') unsupported();
  if (t.isUser) return t.isSubclassOf(IOBaseType) ? iobaseStream : unsupported();
  // sys.stdout and other native objects with Python-level methods
  const name = op === 'read' ? 'read' : 'write';
  return loadAttrMaybe(s, name) !== undefined ? methodStream : unsupported();
}

/** mp_get_stream_raise(s, MP_STREAM_OP_READ). */
export function checkReadable(s: PyObj): void {
  protocolOf(s, 'read');
}

/** mp_get_stream_raise(s, MP_STREAM_OP_WRITE). */
export function checkWritable(s: PyObj): void {
  protocolOf(s, 'write');
}

/** Runs a protocol call, raising OSError(errno) for its error return (mp_stream_raise_error). */
function raising<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof StreamError) throw excArgs(OSErrorType, [e.errno]);
    throw e;
  }
}

/** One read call of the protocol: up to n bytes, an empty array at end of stream. */
export function readSome(s: PyObj, n: number): Uint8Array {
  return raising(() => (protocolOf(s, 'read').read as NonNullable<StreamProto['read']>)(s, n));
}

/** Reads one byte; -1 at end of stream. */
export function readByte(s: PyObj): number {
  if (s instanceof PyStream) {
    s.check();
    return s.pos < s.len ? (s.data[s.pos++] as number) : -1;
  }
  const b = readSome(s, 1);
  return b.length > 0 ? (b[0] as number) : -1;
}

/** One write call of the protocol (a short write is not retried, as with stream->write). */
export function writeBytes(s: PyObj, data: Uint8Array): void {
  raising(() => (protocolOf(s, 'write').write as NonNullable<StreamProto['write']>)(s, data));
}

/** One write call whose error return is given back (as -errno) instead of raised. */
export function tryWrite(s: PyObj, data: Uint8Array): number {
  try {
    return (protocolOf(s, 'write').write as NonNullable<StreamProto['write']>)(s, data);
  } catch (e) {
    if (e instanceof StreamError) return -e.errno;
    throw e;
  }
}

export function closeStream(s: PyObj): void {
  if (s instanceof PyStream) {
    bufferStream.close?.(s);
    return;
  }
  const t = typeOf(s);
  const p = streamProtocols.get(t.native) ?? streamProtocols.get(t);
  raising(() => {
    if (p) p.close?.(s);
    else if (t.isUser && t.isSubclassOf(IOBaseType)) iobaseStream.close?.(s);
    else methodStream.close?.(s);
  });
}

/**
 * stream->ioctl(request, arg) for the requests native code asks of any stream (the VFS reader's
 * buffer size): a Python io.IOBase subclass answers through its ioctl method, a registered native
 * stream through its protocol; other streams have no answer (undefined, as an error return would be).
 */

/** A registered native stream's ioctl (select polls these), or undefined when it has none. */
export function nativeIoctl(s: PyObj): StreamProto['ioctl'] {
  const t = typeOf(s);
  return (streamProtocols.get(t.native) ?? streamProtocols.get(t))?.ioctl;
}

export function streamIoctl(s: PyObj, request: number, arg: number): number | undefined {
  const t = typeOf(s);
  const p = streamProtocols.get(t.native) ?? streamProtocols.get(t);
  if (p?.ioctl) {
    try {
      return p.ioctl(s, request, arg);
    } catch (e) {
      if (e instanceof StreamError) return undefined;
      throw e;
    }
  }
  if (!(t.isUser && t.isSubclassOf(IOBaseType))) return undefined;
  const m = loadAttrMaybe(s, 'ioctl');
  if (m === undefined) throw mkAttributeError(s, 'ioctl');
  const r = wordInt(call(m, [request, arg]));
  return r < 0 ? undefined : r;
}
