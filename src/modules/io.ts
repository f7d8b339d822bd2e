// io module (py/modio.c, py/objstringio.c, py/stream.c): StringIO and BytesIO are one byte buffer with
// a position (StringIO positions are byte offsets too, and either accepts str or bytes to write, as
// upstream's buffer protocol does); the generic stream methods behave like py/stream.c's: write(buf[,
// len]) / write(buf, off, len), readinto(buf[, len]), read(n) counting characters on text streams,
// seek() with OSError(EINVAL) for a negative absolute offset and clamping relative ones at 0, and
// ValueError('I/O operation on closed file') after close (tell() and close() still work). open() reads
// the host file when it opens and writes it back on close/flush.
import { bufferOf, decodeUtf8, PyBytes } from '../objects/bytes.js';
import { excArgs, OSErrorType, typeError, valueError } from '../objects/exceptions.js';
import {
  defMethod, NoneObj, ObjectType, objectId, PyInstance, PyList, PyObject, PyType, typeOf, type KwArgs, type PyObj,
} from '../objects/object.js';
import { str } from '../vm/runtime.js';
import { makeModule, registerNativeModule, type ModuleHost } from '../vm/modules.js';
import { fixed, parseArgs, truncatedU64, wordBig, wordInt } from './_util.js';

const EINVAL = 22;
const dec = new TextDecoder();

export class PyStream extends PyObject {
  data: Uint8Array;
  len: number;
  pos = 0;
  closed = false;
  /** File descriptor shown by repr for open() files. */
  fd = -1;
  /** False for files opened only for writing: reads are OSError(EBADF). */
  readable = true;
  /** Written since opened (files are only written back to the host when something changed). */
  dirty = false;
  /** Where writes go instead of the buffer (open(1), open(2)). */
  sink: ((b: Uint8Array) => void) | undefined;
  /** The largest position seek allows (littlefs's LFS_FILE_MAX), beyond which it is OSError(EINVAL). */
  seekMax: number | undefined;
  /** Called once when a file is closed (gives its descriptor number back). */
  onRelease: (() => void) | undefined;
  constructor(type: PyType, init: Uint8Array, public text: boolean, public onClose?: (d: Uint8Array) => void, public writable = true) {
    super(type);
    this.data = init.slice();
    this.len = init.length;
  }
  check(): void {
    if (this.closed) throw valueError('I/O operation on closed file');
  }
  /** stringio_write: grows the buffer, zero-filling a hole left by a seek past the end. */
  write(b: Uint8Array): void {
    if (this.sink) {
      this.sink(b);
      return;
    }
    this.dirty = true;
    const end = this.pos + b.length;
    if (end > this.data.length) {
      const nd = new Uint8Array(Math.max(end, this.data.length * 2 + 16));
      nd.set(this.data.subarray(0, this.len));
      this.data = nd;
    }
    if (this.pos > this.len) this.data.fill(0, this.len, this.pos);
    this.data.set(b, this.pos);
    this.pos = end;
    if (end > this.len) this.len = end;
  }
  /** stringio_read: up to n bytes from the position. */
  read(n: number): Uint8Array {
    if (this.len <= this.pos) return new Uint8Array(0);
    const end = Math.min(this.len, this.pos + n);
    const r = this.data.slice(this.pos, end);
    this.pos = end;
    return r;
  }
  out(b: Uint8Array): PyObj {
    // text reads build a str, which upstream checks for valid UTF-8 (UnicodeError)
    return this.text ? decodeUtf8(b) : new PyBytes(b.slice());
  }
  /** Stores what was written (a file's contents go back to its file system). */
  writeBack(): void {
    if (this.dirty && !this.closed) {
      this.dirty = false;
      this.onClose?.(this.data.subarray(0, this.len));
    }
  }
  close(): void {
    if (!this.closed) {
      this.writeBack();
      this.closed = true;
      this.onRelease?.();
    }
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
  return s;
}
function open_(a: PyObj[]): PyStream {
  const s = self(a);
  s.check();
  return s;
}
const EBADF = 9;
function forReading(a: PyObj[]): PyStream {
  const s = open_(a);
  if (!s.readable) throw excArgs(OSErrorType, [EBADF]);
  return s;
}

function buffer(o: PyObj): Uint8Array {
  const b = bufferOf(o);
  if (b === undefined) throw typeError('object with buffer protocol required');
  return b;
}

/** Text read(n): n characters, reading whole UTF-8 sequences (stream_read_generic's loop). */
function readChars(s: PyStream, n: number): Uint8Array {
  const out: number[] = [];
  let chars = 0;
  while (chars < n && s.pos < s.len) {
    const c = s.data[s.pos++] as number;
    out.push(c);
    const need = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
    for (let k = 0; k < need && s.pos < s.len; k++) out.push(s.data[s.pos++] as number);
    chars++;
  }
  return Uint8Array.from(out);
}

function readLine(s: PyStream, limit: number): Uint8Array {
  const out: number[] = [];
  while (limit < 0 || out.length < limit) {
    if (s.pos >= s.len) break;
    const c = s.data[s.pos++] as number;
    out.push(c);
    if (c === 10) break;
  }
  return Uint8Array.from(out);
}

/** stream_readinto_write_generic's (buffer, offset, length) selection. */
function window(a: PyObj[], b: Uint8Array): Uint8Array {
  let off = 0;
  let max = Infinity;
  if (a.length === 3) max = Number(truncatedU64(a[2] as PyObj));
  else if (a.length === 4) {
    off = Math.min(Number(truncatedU64(a[2] as PyObj)), b.length);
    max = Number(truncatedU64(a[3] as PyObj));
  }
  return b.subarray(off, off + Math.min(b.length - off, max));
}

for (const t of ALL) {
  defMethod(t, 'read', fixed(1, 2, (a) => {
    const s = forReading(a);
    const n = a.length > 1 ? wordInt(a[1] as PyObj) : -1;
    if (n === -1) return s.out(s.read(Infinity));
    if (s.text) return s.out(readChars(s, n));
    return s.out(s.read(Math.max(0, n)));
  }));
  defMethod(t, 'readinto', fixed(2, 3, (a) => {
    const s = forReading(a);
    const target = a[1] as PyObj;
    const b = target instanceof PyBytes || typeof target === 'string' ? undefined : bufferOf(target);
    if (b === undefined) throw typeError('object with buffer protocol required');
    const w = window(a, b);
    const got = s.read(w.length);
    w.set(got);
    return got.length;
  }));
  defMethod(t, 'readline', fixed(1, 2, (a) => {
    const s = forReading(a);
    return s.out(readLine(s, a.length > 1 ? wordInt(a[1] as PyObj) : -1));
  }));
  defMethod(t, 'write', fixed(2, 4, (a) => {
    const s = open_(a);
    if (!s.writable) throw excArgs(OSErrorType, [EBADF]);
    const w = window(a, buffer(a[1] as PyObj));
    s.write(w);
    return w.length;
  }));
  defMethod(t, 'seek', fixed(2, 3, (a) => {
    const s = self(a);
    const off = wordBig(a[1] as PyObj);
    const whence = a.length > 2 ? wordInt(a[2] as PyObj) : 0;
    if (whence === 0 && off < 0n) throw excArgs(OSErrorType, [EINVAL]);
    const ref = BigInt(whence === 1 ? s.pos : whence === 2 ? s.len : 0);
    let np = ref + off;
    // a relative seek before the start clamps to 0 (CPython's behaviour, not POSIX's EINVAL)
    if (np < 0n) np = 0n;
    if (s.seekMax !== undefined && np > BigInt(s.seekMax)) throw excArgs(OSErrorType, [EINVAL]);
    s.pos = Number(np);
    return s.pos;
  }));
  defMethod(t, 'tell', fixed(1, 1, (a) => self(a).pos));
  // like upstream's ioctl-based seek/tell/flush, these work on a closed buffer too
  defMethod(t, 'flush', fixed(1, 1, (a) => {
    // a file's contents reach its file system now, as upstream's unbuffered writes already have
    self(a).writeBack();
    return NoneObj;
  }));
  defMethod(t, 'close', fixed(1, 1, (a) => {
    self(a).close();
    return NoneObj;
  }));
  defMethod(t, '__enter__', fixed(1, 1, (a) => a[0] as PyObj));
  defMethod(t, '__exit__', fixed(4, 4, (a) => {
    self(a).close();
    return NoneObj;
  }));
  // iterating a stream reads lines (MP_TYPE_FLAG_ITER_IS_STREAM)
  t.getiter = (o) => o;
  t.iternext = (o) => {
    const s = o as PyStream;
    s.check();
    if (!s.readable) throw excArgs(OSErrorType, [EBADF]);
    const l = readLine(s, -1);
    return l.length === 0 ? undefined : s.out(l);
  };
}
defMethod(TextIOWrapperType, 'readlines', fixed(1, 1, (a) => {
  const s = forReading(a);
  const lines: PyObj[] = [];
  for (let l = readLine(s, -1); l.length > 0; l = readLine(s, -1)) lines.push(s.out(l));
  return new PyList(lines);
}));
FileIOType.dict.set('readlines', TextIOWrapperType.dict.get('readlines') as PyObj);
for (const t of [TextIOWrapperType, FileIOType]) defMethod(t, 'fileno', fixed(1, 1, (a) => fdOf(open_(a))));

for (const t of [StringIOType, BytesIOType]) {
  defMethod(t, 'getvalue', fixed(1, 1, (a) => {
    const s = open_(a);
    return s.out(s.data.subarray(0, s.len));
  }));
  t.make = (cls, args, kw: KwArgs | undefined) => {
    void kw;
    const init = args[0];
    let b: Uint8Array = new Uint8Array(0);
    // an int is only an initial allocation size; anything else must offer the buffer protocol
    if (init !== undefined && typeof init !== 'number' && typeof init !== 'bigint' && typeof init !== 'boolean') b = buffer(init);
    return new PyStream(cls, b, cls === StringIOType || cls.isSubclassOf(StringIOType));
  };
  t.print = (o) => `<io.${t === StringIOType ? 'StringIO' : 'BytesIO'} 0x${objectId(o).toString(16)}>`;
}
/** The fd of a file of a file system without descriptors (vfs.VfsLfs2): its repr shows none. */
export const NO_FD = -3;
for (const t of [TextIOWrapperType, FileIOType]) {
  t.print = (o) => ((o as PyStream).fd === NO_FD ? `<io.${t.name}>` : `<io.${t.name} ${fdOf(o as PyStream)}>`);
}


/** Descriptor numbers in use by open files (lowest free first, as POSIX open() picks them). */
const usedFds = new Set<number>();
/** A file's descriptor number is taken when the program first asks for it (fileno(), repr): mpyts has
 * no finalisers, so numbers taken eagerly by files a program drops unclosed would never be reused. */
const LAZY_FD = -2;
export function fdOf(s: PyStream): number {
  if (s.fd === LAZY_FD) {
    let n = 3;
    while (usedFds.has(n)) n++;
    usedFds.add(n);
    s.fd = n;
  }
  return s.fd;
}
function releaseFd(s: PyStream): void {
  if (s.fd >= 3) usedFds.delete(s.fd);
  s.fd = -1;
}
/** Gives a file object of another file system (vfs.VfsFat) a descriptor number taken on first use. */
export function trackFd(s: PyStream): void {
  s.fd = LAZY_FD;
  s.onRelease = () => releaseFd(s);
}

/** Where a file system keeps file contents (a host, or an in-memory tree). */
export interface FileStore {
  readFile(path: string): Uint8Array | undefined;
  writeFile?(path: string, data: Uint8Array): void;
  stat(path: string): 'file' | 'dir' | undefined;
}

/** vfs_posix_file_open over a FileStore: the whole file is read at open and written back on close/flush. */
/** How a block-device file system opens a file: the mode letters as FatFs/littlefs bindings read them. */
export interface OpenMode {
  read: boolean;
  write: boolean;
  /** w: truncate or create; x: create, must not exist; a: open or create; undefined: must exist */
  create: 'always' | 'new' | 'open' | undefined;
  binary: boolean;
}

/** Parses open()'s mode for VfsFat/VfsLfs2 (a non-str mode is upstream's implicit-conversion TypeError). */
export function parseOpenMode(mode: PyObj): OpenMode {
  if (typeof mode !== 'string') throw typeError(`can't convert '${typeOf(mode).name}' object to str implicitly`);
  const m: OpenMode = { read: false, write: false, create: undefined, binary: mode.includes('b') };
  for (const ch of mode) {
    if (ch === 'r') m.read = true;
    else if (ch === 'w') {
      m.write = true;
      m.create = 'always';
    } else if (ch === 'x') {
      m.write = true;
      m.create = 'new';
    } else if (ch === 'a') {
      m.write = true;
      m.create = 'open';
    } else if (ch === '+') {
      m.read = true;
      m.write = true;
    }
  }
  return m;
}

export function openFile(store: FileStore, path: string, mode: string): PyStream {
  const binary = mode.includes('b');
  const type = binary ? FileIOType : TextIOWrapperType;
  let s: PyStream;
  if (mode.includes('w') || mode.includes('a') || mode.includes('x')) {
    if (!store.writeFile) throw excArgs(OSErrorType, [1]);
    if (mode.includes('x') && store.stat(path) !== undefined) throw excArgs(OSErrorType, [17]);
    if (store.stat(path) === 'dir') throw excArgs(OSErrorType, [21]);
    const existing = mode.includes('a') ? store.readFile(path) ?? new Uint8Array(0) : new Uint8Array(0);
    s = new PyStream(type, existing, !binary, (d) => store.writeFile?.(path, d.slice()));
    s.pos = existing.length;
    s.readable = mode.includes('+');
    try {
      store.writeFile(path, existing.slice());
    } catch {
      // the host could not create it (missing directory, permissions)
      throw excArgs(OSErrorType, [2]);
    }
  } else {
    const st = store.stat(path);
    if (st === 'dir') throw excArgs(OSErrorType, [21]);
    const data = st === undefined ? undefined : store.readFile(path);
    if (!data) throw excArgs(OSErrorType, [2]);
    s = new PyStream(type, data, !binary, mode.includes('+') ? (d) => store.writeFile?.(path, d.slice()) : undefined, mode.includes('+'));
  }
  s.fd = LAZY_FD;
  s.onRelease = () => releaseFd(s);
  return s;
}

/** open(n): a file object on an already open descriptor (0 reads standard input, 1 and 2 write output). */
export function openFd(host: ModuleHost, fd: number, mode: string): PyStream {
  const binary = mode.includes('b');
  const s = new PyStream(binary ? FileIOType : TextIOWrapperType, new Uint8Array(0), !binary);
  s.fd = fd;
  if (fd === 1 || fd === 2) {
    s.readable = false;
    s.sink = (b) => (fd === 1 ? host.stdout : host.stderr)(dec.decode(b));
  } else if (fd !== 0) {
    // a descriptor this VM never opened: every operation fails as on a closed descriptor
    s.readable = false;
    s.writable = false;
  }
  return s;
}

/** open(path, mode='r') through the host directly (VMs without a mount table). */
export function openOnHost(host: ModuleHost, args: PyObj[], kwMode?: PyObj): PyObj {
  const m = kwMode ?? args[1];
  const mode = typeof m === 'string' ? m : 'r';
  const f = args[0] as PyObj;
  if (typeof f === 'number') return openFd(host, f, mode);
  return openFile(host, str(f), mode);
}

/** open() as upstream's mp_vfs_open: descriptors directly, paths through the VM's mount table. */
export function openViaVfs(host: ModuleHost, args: PyObj[], kw: KwArgs | undefined): PyObj {
  const [file, mode] = parseArgs(args, kw, OPEN_ARGS) as [PyObj, PyObj];
  if (typeof file === 'number') return openFd(host, file, typeof mode === 'string' ? mode : 'r');
  if (host.vfs) return host.vfs.open(file, mode);
  return openOnHost(host, [file, mode]);
}
const OPEN_ARGS = [{ name: 'file', required: true }, { name: 'mode', def: 'r' }, { name: 'buffering' }, { name: 'encoding' }];

registerNativeModule('io', (host) => makeModule('io', {
  open: (a, kw) => openViaVfs(host, a, kw),
  BytesIO: BytesIOType,
  IOBase: IOBaseType,
  StringIO: StringIOType,
}));
