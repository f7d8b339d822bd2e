// asyncio streams (upstream: extmod/asyncio/stream.py): Stream (also StreamReader/StreamWriter) wraps
// any object with read/readinto/readline/write methods (sys.stdin, sys.stdout, io.IOBase subclasses,
// files); reads wait on the IO queue until select-style polling reports the object ready. The unix
// port's open_connection/start_server need the socket module, which mpyts does not provide: awaiting
// them raises ImportError as upstream's code would without socket.
import { PyBytes } from '../../objects/bytes.js';
import { EOFErrorType, excMsg, ImportErrorType, PyException } from '../../objects/exceptions.js';
import { NoneObj, ObjectType, PyObject, PyType, Binary, type KwArgs, type PyObj } from '../../objects/object.js';
import { bind, pyMethod } from './args.js';
import { PySlice } from '../../objects/slice.js';
import { newDict } from '../../objects/dict.js';
import { loadMethodInto } from '../../vm/attr.js';
import { callAny } from '../../vm/interp.js';
import { binaryOp, getItem, isTrue, len, pyEquals } from '../../vm/runtime.js';
import { vmState } from '../../vm/state.js';
import { wordInt } from '../_util.js';
import { Coro, Step } from './coro.js';
import { currentCtx, sleepMs, type Ctx, pyClassRepr } from './core.js';

const EMPTY = new PyBytes(new Uint8Array(0));

/** o.name(*args) without making a bound method (StreamWriter.write must work with the heap locked). */
function callMethod(o: PyObj, name: string, args: PyObj[]): PyObj {
  const dest: (PyObj | undefined)[] = [undefined, undefined];
  loadMethodInto(dest, 0, o, name);
  const self = dest[1];
  return self === undefined ? callAny(dest[0] as PyObj, args, undefined) : callAny(dest[0] as PyObj, [self, ...args], undefined);
}

/** `a += b` for the byte strings a stream accumulates (b"" + bytes gives b itself, as upstream). */
function concat(a: PyObj, b: PyObj): PyObj {
  if (a instanceof PyBytes && a.type === EMPTY.type && a.data.length === 0 && b instanceof PyBytes && b.type === a.type) return b;
  return binaryOp(Binary.ADD, a, b);
}

let defaultExtra: PyObj | undefined;

class PyStreamObj extends PyObject {
  outBuf: PyObj = EMPTY;
  constructor(public ctx: Ctx, public s: PyObj, public e: PyObj, type: PyType) {
    super(type);
  }
  write(bufIn: PyObj): void {
    let buf = bufIn;
    if (!isTrue(this.outBuf)) {
      // try to write straight away
      const ret = callMethod(this.s, 'write', [buf]);
      if (ret !== NoneObj && pyEquals(ret, len(buf))) return;
      if (ret !== NoneObj) buf = getItem(buf, new PySlice(ret, NoneObj, NoneObj));
    }
    this.outBuf = concat(this.outBuf, buf);
  }
}

/** The read-side coroutines: wait until readable, then call the stream's own method. */
class StreamRead extends Coro {
  private acc: PyObj = EMPTY;
  constructor(private st: PyStreamObj, private kind: 'read' | 'readinto' | 'readexactly' | 'readline', private arg: PyObj) {
    super(kind, 'stream');
  }
  step(_v: PyObj, e: PyException | undefined): Step {
    if (e !== undefined) throw e;
    const st = this.st;
    if (this.pc === 0) {
      if (this.kind === 'readexactly' && !isTrue(this.arg)) {
        this.ret = this.acc;
        return Step.DONE;
      }
      st.ctx.io.enqueue(st.s, 0);
      this.pc = 1;
      return Step.YIELD;
    }
    this.pc = 0;
    switch (this.kind) {
      case 'readinto':
        this.ret = callMethod(st.s, 'readinto', [this.arg]);
        return Step.DONE;
      case 'read': {
        const r2 = callMethod(st.s, 'read', [this.arg]);
        if (r2 !== NoneObj) {
          if (wordInt(this.arg) >= 0) {
            this.ret = r2;
            return Step.DONE;
          }
          if (len(r2) === 0) {
            this.ret = this.acc;
            return Step.DONE;
          }
          this.acc = concat(this.acc, r2);
        }
        break;
      }
      case 'readexactly': {
        const r2 = callMethod(st.s, 'read', [this.arg]);
        if (r2 !== NoneObj) {
          const n = len(r2);
          if (n === 0) throw new PyException(EOFErrorType);
          this.acc = concat(this.acc, r2);
          this.arg = binaryOp(Binary.SUB, this.arg, n);
        }
        break;
      }
      case 'readline': {
        const l2 = callMethod(st.s, 'readline', []);
        if (l2 === NoneObj) break;
        this.acc = concat(this.acc, l2);
        if (!isTrue(l2) || pyEquals(getItem(this.acc, -1), 10)) {
          this.ret = this.acc;
          return Step.DONE;
        }
        break;
      }
    }
    return this.step(NoneObj, undefined);
  }
}

class StreamDrain extends Coro {
  private mv: PyObj = NoneObj;
  private off: PyObj = 0;
  constructor(private st: PyStreamObj) {
    super('drain', 'stream');
  }
  step(_v: PyObj, e: PyException | undefined): Step {
    if (e !== undefined) throw e;
    const st = this.st;
    switch (this.pc) {
      case 0:
        if (!isTrue(st.outBuf)) {
          // drain always yields, so a write+drain loop cannot starve the other tasks
          this.pc = 3;
          return this.await(sleepMs(st.ctx, 0));
        }
        this.mv = callAny(vmState.builtins.mpmap.get('memoryview') as PyObj, [st.outBuf], undefined);
        this.off = 0;
        this.pc = 1;
        break;
      case 2: {
        const ret = callMethod(st.s, 'write', [getItem(this.mv, new PySlice(this.off, NoneObj, NoneObj))]);
        if (ret !== NoneObj) this.off = binaryOp(Binary.ADD, this.off, ret);
        this.pc = 1;
        break;
      }
      default:
        // after the sleep
        return Step.DONE;
    }
    if (isTrue(binaryOp(Binary.LT, this.off, len(this.mv)))) {
      st.ctx.io.enqueue(st.s, 1);
      this.pc = 2;
      return Step.YIELD;
    }
    st.outBuf = EMPTY;
    return Step.DONE;
  }
}

/** wait_closed (and the legacy aclose): closes the underlying stream. */
class StreamClose extends Coro {
  constructor(private st: PyStreamObj) {
    super('wait_closed', 'stream');
  }
  step(_v: PyObj, e: PyException | undefined): Step {
    if (e !== undefined) throw e;
    callMethod(this.st.s, 'close', []);
    return Step.DONE;
  }
}

/** Legacy awrite(buf, off=0, sz=-1): write a (part of a) buffer, then drain. */
class StreamAWrite extends Coro {
  constructor(private st: PyStreamObj, private buf: PyObj, private off: PyObj, private sz: PyObj) {
    super('stream_awrite', 'stream');
  }
  step(_v: PyObj, e: PyException | undefined): Step {
    if (e !== undefined) throw e;
    if (this.pc === 1) return Step.DONE;
    let buf = this.buf;
    if (!pyEquals(this.off, 0) || !pyEquals(this.sz, -1)) {
      buf = callAny(vmState.builtins.mpmap.get('memoryview') as PyObj, [buf], undefined);
      const sz = pyEquals(this.sz, -1) ? len(buf) : this.sz;
      buf = getItem(buf, new PySlice(this.off, binaryOp(Binary.ADD, this.off, sz), NoneObj));
    }
    this.st.write(buf);
    this.pc = 1;
    return this.await(new StreamDrain(this.st));
  }
}

export const StreamType = new PyType('Stream', [ObjectType]);
StreamType.print = pyClassRepr;
StreamType.make = (cls, args, kw) => {
  const [, st, e] = bind('__init__', { params: ['self', 's', 'e'], defaults: [NoneObj] }, [NoneObj, ...args], kw);
  // upstream's default e={} is one dict shared by every stream made without one
  return new PyStreamObj(currentCtx(), st as PyObj, e === NoneObj && !kwHasE(args, kw) ? (defaultExtra ??= newDict()) : (e as PyObj), cls);
};
const kwHasE = (args: PyObj[], kw: KwArgs | undefined): boolean => args.length > 1 || kw?.has('e') === true;
StreamType.attr = (o, name) => {
  const st = o as PyStreamObj;
  return name === 's' ? st.s : name === 'e' ? st.e : name === 'out_buf' ? st.outBuf : undefined;
};
const S = (a: PyObj[]): PyStreamObj => a[0] as PyStreamObj;
const SELF = { params: ['self'] };
pyMethod(StreamType, 'get_extra_info', { params: ['self', 'v'] }, (a) => getItem(S(a).e, a[1] as PyObj));
pyMethod(StreamType, 'close', SELF, () => NoneObj);
pyMethod(StreamType, 'wait_closed', SELF, (a) => new StreamClose(S(a)));
pyMethod(StreamType, 'aclose', SELF, (a) => new StreamClose(S(a)), 'wait_closed');
pyMethod(StreamType, 'read', { params: ['self', 'n'], defaults: [-1] }, (a) => new StreamRead(S(a), 'read', a[1] as PyObj));
pyMethod(StreamType, 'readinto', { params: ['self', 'buf'] }, (a) => new StreamRead(S(a), 'readinto', a[1] as PyObj));
pyMethod(StreamType, 'readexactly', { params: ['self', 'n'] }, (a) => new StreamRead(S(a), 'readexactly', a[1] as PyObj));
pyMethod(StreamType, 'readline', SELF, (a) => new StreamRead(S(a), 'readline', NoneObj));
pyMethod(StreamType, 'write', { params: ['self', 'buf'] }, (a) => {
  S(a).write(a[1] as PyObj);
  return NoneObj;
});
pyMethod(StreamType, 'drain', SELF, (a) => new StreamDrain(S(a)));
pyMethod(StreamType, 'awrite', { params: ['self', 'buf', 'off', 'sz'], defaults: [0, -1] }, (a) => new StreamAWrite(S(a), a[1] as PyObj, a[2] as PyObj, a[3] as PyObj), 'stream_awrite');
pyMethod(StreamType, 'awritestr', { params: ['self', 'buf', 'off', 'sz'], defaults: [0, -1] }, (a) => new StreamAWrite(S(a), a[1] as PyObj, a[2] as PyObj, a[3] as PyObj), 'stream_awrite');

/** open_connection / start_server: their first step imports socket, which mpyts lacks. */
export class NoSocket extends Coro {
  constructor(name: string) {
    super(name, 'stream');
  }
  step(_v: PyObj, e: PyException | undefined): Step {
    if (e !== undefined) throw e;
    throw excMsg(ImportErrorType, "no module named 'socket'");
  }
}
