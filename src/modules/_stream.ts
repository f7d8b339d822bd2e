// Byte-level access to "a stream" for modules that wrap one (deflate.DeflateIO, select): the io module's
// own streams are used directly; any other object through its Python-level read/write/close methods.
// Upstream asks for its C stream protocol and raises OSError('stream operation not supported') for
// objects without one (ints, plain objects); we do the same for objects lacking the method.
import { bufferOf } from '../objects/bytes.js';
import { excMsg, OSErrorType } from '../objects/exceptions.js';
import { PyBytes } from '../objects/bytes.js';
import { type PyObj } from '../objects/object.js';
import { loadAttrMaybe } from '../vm/attr.js';
import { call } from '../vm/runtime.js';
import { PyStream } from './io.js';

function unsupported(): never {
  throw excMsg(OSErrorType, 'stream operation not supported');
}

function method(s: PyObj, name: string): PyObj {
  if (typeof s !== 'object') unsupported();
  return loadAttrMaybe(s, name) ?? unsupported();
}

/** Checks that s can be read (mp_get_stream_raise with MP_STREAM_OP_READ). */
export function checkReadable(s: PyObj): void {
  if (s instanceof PyStream) return;
  method(s, 'read');
}

/** Checks that s can be written (mp_get_stream_raise with MP_STREAM_OP_WRITE). */
export function checkWritable(s: PyObj): void {
  if (s instanceof PyStream) return;
  method(s, 'write');
}

/** Reads one byte; -1 at end of stream. */
export function readByte(s: PyObj): number {
  if (s instanceof PyStream) {
    s.check();
    return s.pos < s.len ? (s.data[s.pos++] as number) : -1;
  }
  const r = call(method(s, 'read'), [1]);
  const b = bufferOf(r);
  return b && b.length > 0 ? (b[0] as number) : -1;
}

/** Writes all of data. */
export function writeBytes(s: PyObj, data: Uint8Array): void {
  if (s instanceof PyStream) {
    s.check();
    s.write(data);
    return;
  }
  call(method(s, 'write'), [new PyBytes(data.slice())]);
}

export function closeStream(s: PyObj): void {
  call(method(s, 'close'), []);
}
