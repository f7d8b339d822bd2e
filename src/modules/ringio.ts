// micropython.RingIO (MICROPY_PY_MICROPYTHON_RINGIO): a byte ring buffer that is a stream. One slot of
// the storage always stays empty so that "empty" and "full" differ, hence RingIO(n) holds n bytes in
// n + 1 bytes and RingIO(buf) holds len(buf) - 1. Reads and writes never block nor fail: they move as
// many bytes as are available or free (possibly none), so asyncio learns readiness from poll (ioctl).
import { bufferOf, PyBytes, PyMemoryView } from '../objects/bytes.js';
import { excMsg, MemoryErrorType, typeError, ValueErrorType } from '../objects/exceptions.js';
import { NoneObj, PyObject, type PyObj, type PyType } from '../objects/object.js';
import { checkAlloc } from '../vm/runtime.js';
import { streamProtocols, StreamError } from './_stream.js';
import { fixed, nativeClass, readBuf, wordInt } from './_util.js';

const STREAM_POLL = 3;
const STREAM_CLOSE = 4;
const POLL_RD = 1;
const POLL_WR = 4;
const EINVAL = 22;
/** The index fields are 16-bit upstream, which bounds the storage size. */
const MAX_STORAGE = 0xffff;

class PyRingIO extends PyObject {
  /** Next byte to read and next slot to write; equal when empty. */
  get = 0;
  put = 0;
  constructor(public buf: Uint8Array) {
    super(RingIOType);
  }
  avail(): number {
    return (this.put - this.get + this.buf.length) % this.buf.length;
  }
  free(): number {
    return this.buf.length - 1 - this.avail();
  }
  take(n: number): Uint8Array {
    const out = new Uint8Array(Math.min(n, this.avail()));
    for (let i = 0; i < out.length; i++) {
      out[i] = this.buf[this.get] as number;
      this.get = (this.get + 1) % this.buf.length;
    }
    return out;
  }
  give(data: Uint8Array): number {
    const n = Math.min(data.length, this.free());
    for (let i = 0; i < n; i++) {
      this.buf[this.put] = data[i] as number;
      this.put = (this.put + 1) % this.buf.length;
    }
    return n;
  }
}

/** A buffer RingIO may write into (mp_get_buffer with MP_BUFFER_RW): not str, bytes or a read-only view. */
function writableBuffer(o: PyObj): Uint8Array | undefined {
  if (typeof o === 'string' || o instanceof PyBytes) return undefined;
  if (o instanceof PyMemoryView && o.readonly) return undefined;
  return bufferOf(o);
}

const self = (a: PyObj[]): PyRingIO => a[0] as PyRingIO;

/** The optional (max_len) or (offset, max_len) arguments of the stream readinto/write methods. */
function window(buf: Uint8Array, a: PyObj[]): Uint8Array {
  let off = 0;
  let max = Infinity;
  if (a.length === 3) max = wordInt(a[2] as PyObj);
  else if (a.length === 4) {
    off = Math.min(wordInt(a[2] as PyObj), buf.length);
    max = wordInt(a[3] as PyObj);
  }
  // the C code takes these as size_t: a negative length means "no limit"
  if (max < 0) max = Infinity;
  return buf.subarray(off, off + Math.min(buf.length - off, max));
}

export const RingIOType: PyType = nativeClass('RingIO', {
  any: fixed(1, 1, (a) => self(a).avail()),
  read: fixed(1, 2, (a) => {
    const r = self(a);
    const n = a.length > 1 ? wordInt(a[1] as PyObj) : -1;
    return new PyBytes(r.take(n === -1 ? r.avail() : Math.max(0, n)));
  }),
  readline: fixed(1, 2, (a) => {
    const r = self(a);
    let max = a.length > 1 ? wordInt(a[1] as PyObj) : -1;
    const out: number[] = [];
    while (max === -1 || max-- !== 0) {
      const c = r.take(1);
      if (c.length === 0) break;
      out.push(c[0] as number);
      if (c[0] === 10) break;
    }
    return new PyBytes(Uint8Array.from(out));
  }),
  readinto: fixed(2, 3, (a) => {
    const dst = window(readBuf(a[1] as PyObj), a);
    const got = self(a).take(dst.length);
    dst.set(got);
    return got.length;
  }),
  write: fixed(2, 4, (a) => self(a).give(window(readBuf(a[1] as PyObj), a))),
  // closing releases nothing: the buffer stays usable, as upstream's ioctl(CLOSE) only returns 0
  close: fixed(1, 1, () => NoneObj),
});
RingIOType.print = () => '<RingIO>';
RingIOType.make = (_cls, args, kw) => {
  if (kw !== undefined && kw.size > 0) throw typeError("function doesn't take keyword arguments");
  if (args.length !== 1) throw typeError(`function takes 1 positional arguments but ${args.length} were given`);
  const arg = args[0] as PyObj;
  let buf = writableBuffer(arg);
  if (buf === undefined) {
    // size + 1 bytes as a size_t: a negative size wraps around to an allocation that cannot succeed
    const n = wordInt(arg) + 1;
    if (n < 0) throw excMsg(MemoryErrorType, `memory allocation failed, allocating ${2n ** 64n + BigInt(n)} bytes`);
    checkAlloc(n);
    if (n > MAX_STORAGE) throw excMsg(ValueErrorType);
    buf = new Uint8Array(n);
  }
  if (buf.length < 2 || buf.length > MAX_STORAGE) throw excMsg(ValueErrorType);
  return new PyRingIO(buf);
};

streamProtocols.set(RingIOType, {
  read: (o, n) => (o as PyRingIO).take(n),
  write: (o, data) => (o as PyRingIO).give(data),
  close: () => undefined,
  ioctl(o, request, arg) {
    const r = o as PyRingIO;
    if (request === STREAM_POLL) {
      return ((arg & POLL_RD) && r.avail() > 0 ? POLL_RD : 0) | ((arg & POLL_WR) && r.free() > 0 ? POLL_WR : 0);
    }
    if (request === STREAM_CLOSE) return 0;
    throw new StreamError(EINVAL);
  },
});
