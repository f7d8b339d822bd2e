// select module of the unix port (extmod/modselect.c with its POSIX fd optimisation): poll() objects
// with register/unregister/modify/poll/ipoll and POLLIN/POLLOUT/POLLERR/POLLHUP.
// - Objects with a file descriptor (ints, open() files, sys.stdin/stdout/stderr, and io.IOBase
//   subclasses whose ioctl(MP_STREAM_GET_FILENO=10) returns one) are polled as the OS polls them:
//   files and the standard streams are always ready (mpyts reads stdin as a file);
// - other io.IOBase subclasses are asked through ioctl(MP_STREAM_POLL=3, mask), a negative result
//   being OSError(-result); in-memory buffers (BytesIO/StringIO) do not support polling: OSError(EINVAL);
// - poll(timeout) re-polls until something is ready or the timeout (ms, -1 = forever) expires;
//   ipoll(timeout, flags) with flags & 1 is one-shot: reported objects are disarmed (mask 0).
import { excArgs, excMsg, OSErrorType, ValueErrorType } from '../objects/exceptions.js';
import { NoneObj, ObjectType, PyList, PyObject, PyTuple, PyType, typeOf, type PyObj } from '../objects/object.js';
import { loadAttrMaybe } from '../vm/attr.js';
import { call } from '../vm/runtime.js';
import { makeModule, registerNativeModule, type ModuleHost } from '../vm/modules.js';
import { fdOf as streamFd, IOBaseType, PyStream } from './io.js';
import { fixed, nativeClass, wordInt } from './_util.js';
import { nativeIoctl, StreamError } from './_stream.js';

const POLLIN = 1;
const POLLOUT = 4;
const POLLERR = 8;
const POLLHUP = 16;
const EINVAL = 22;
const ENOENT = 2;
const STREAM_POLL = 3;
const STREAM_GET_FILENO = 10;

interface Entry {
  obj: PyObj;
  mask: number;
  /** The descriptor the object is polled by, or undefined for ioctl-polled objects. */
  fd: number | undefined;
}

class PyPoll extends PyObject {
  entries: Entry[] = [];
  constructor(public host: ModuleHost) {
    super(PollType);
  }
  find(o: PyObj): number {
    return this.entries.findIndex((e) => e.obj === o);
  }
}

function isIOBase(o: PyObj): boolean {
  const t = typeOf(o);
  return t.isUser && t.isSubclassOf(IOBaseType);
}

function ioctl(o: PyObj, req: number, arg: number): number {
  const m = loadAttrMaybe(o, 'ioctl');
  if (m === undefined) throw excArgs(OSErrorType, [EINVAL]);
  return wordInt(call(m, [req, arg]));
}

/** The descriptor of an object, when it has one. */
function fdOf(o: PyObj): number | undefined {
  if (typeof o === 'number') return o;
  if (o instanceof PyStream) return o.fd === -1 ? undefined : streamFd(o);
  if (isIOBase(o)) {
    const r = ioctl(o, STREAM_GET_FILENO, 0);
    return r >= 0 ? r : undefined;
  }
  const fd = (o as unknown as { fd?: unknown }).fd;
  return typeof fd === 'number' ? fd : undefined;
}

/** One pass over the entries: the ready (object, events) pairs. */
function pollOnce(p: PyPoll): [Entry, number][] {
  // poll(2) refuses more descriptors than a process may open (1024 under CI's ulimit)
  if (p.entries.filter((e) => e.fd !== undefined).length > 1024) throw excArgs(OSErrorType, [EINVAL]);
  const out: [Entry, number][] = [];
  for (const e of p.entries) {
    const ready = readyOf(e);
    if (ready) out.push([e, ready]);
  }
  return out;
}

function readyOf(e: Entry): number {
  if (e.fd !== undefined) {
    // files never block; stdin is read like a file, stdout/stderr are only writable
    const can = e.fd === 1 || e.fd === 2 ? POLLOUT : POLLIN | POLLOUT;
    return e.mask & can;
  }
  if (isIOBase(e.obj)) {
    const r = ioctl(e.obj, STREAM_POLL, e.mask);
    if (r < 0) throw excArgs(OSErrorType, [-r]);
    // the object answers for itself: its result is reported as is, mask or not
    return r;
  }
  const native = nativeIoctl(e.obj);
  if (native !== undefined) {
    try {
      return native(e.obj, STREAM_POLL, e.mask);
    } catch (err) {
      if (err instanceof StreamError) throw excArgs(OSErrorType, [err.errno]);
      throw err;
    }
  }
  throw excArgs(OSErrorType, [EINVAL]);
}

/**
 * The events ready now on one object, as a poll object registered with `mask` would report them
 * (asyncio's IO queue). `static` is true for descriptors, whose readiness never changes in mpyts.
 */
export function pollReady(o: PyObj, mask: number): { ready: number; static: boolean } {
  const fd = fdOf(o);
  return { ready: readyOf({ obj: o, mask, fd }), static: fd !== undefined };
}

function block(ms: number): void {
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  } catch {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      /* busy wait */
    }
  }
}

function pollWait(p: PyPoll, timeout: number): [Entry, number][] {
  const start = Date.now();
  for (;;) {
    const r = pollOnce(p);
    if (r.length > 0 || timeout === 0) return r;
    if (timeout > 0 && Date.now() - start >= timeout) return r;
    // only ioctl-polled objects can become ready later; fd-based ones are ready at once
    if (!p.entries.some((e) => e.fd === undefined)) {
      if (timeout < 0) block(2 ** 30);
      else block(Math.max(0, timeout - (Date.now() - start)));
      return r;
    }
    block(1);
  }
}

const timeoutArg = (a: PyObj[], i: number): number => (a.length > i && a[i] !== NoneObj ? wordInt(a[i] as PyObj) : -1);

const PollType: PyType = nativeClass('poll', {
  register: fixed(2, 3, (a) => {
    const p = a[0] as PyPoll;
    const o = a[1] as PyObj;
    const mask = a.length > 2 ? wordInt(a[2] as PyObj) : POLLIN | POLLOUT;
    const i = p.find(o);
    if (i >= 0) (p.entries[i] as Entry).mask = mask;
    else {
      const fd = fdOf(o);
      if (fd !== undefined && fd < 0 && typeof o === 'number') throw excMsg(ValueErrorType);
      p.entries.push({ obj: o, mask, fd });
    }
    return NoneObj;
  }),
  unregister: fixed(2, 2, (a) => {
    const p = a[0] as PyPoll;
    const i = p.find(a[1] as PyObj);
    if (i >= 0) p.entries.splice(i, 1);
    return NoneObj;
  }),
  modify: fixed(3, 3, (a) => {
    const p = a[0] as PyPoll;
    const i = p.find(a[1] as PyObj);
    if (i < 0) throw excArgs(OSErrorType, [ENOENT]);
    (p.entries[i] as Entry).mask = wordInt(a[2] as PyObj);
    return NoneObj;
  }),
  poll: fixed(1, 3, (a) => {
    const p = a[0] as PyPoll;
    return new PyList(pollWait(p, timeoutArg(a, 1)).map(([e, ev]) => new PyTuple([e.obj, ev])));
  }),
  ipoll: fixed(1, 3, (a) => {
    const p = a[0] as PyPoll;
    const flags = a.length > 2 ? wordInt(a[2] as PyObj) : 0;
    const r = pollWait(p, timeoutArg(a, 1));
    if (flags & 1) for (const [e] of r) e.mask = 0;
    return new PollIter(r.map(([e, ev]) => new PyTuple([e.obj, ev])));
  }),
});
PollType.print = () => '<poll>';

class PollIter extends PyObject {
  i = 0;
  constructor(public items: PyObj[]) {
    super(PollIterType);
  }
}
const PollIterType = new PyType('iterator', [ObjectType]);
PollIterType.getiter = (o) => o;
PollIterType.iternext = (o) => {
  const it = o as PollIter;
  return it.i < it.items.length ? it.items[it.i++] : undefined;
};

registerNativeModule('select', (host) => makeModule('select', {
  poll: fixed(0, 0, () => new PyPoll(host)),
  POLLIN,
  POLLOUT,
  POLLERR,
  POLLHUP,
}));
