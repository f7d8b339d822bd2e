// os module as the unix port builds it (extmod/modos.c over the POSIX VFS, extmod/vfs_posix.c): files
// and directories, environment, urandom, system. Everything host-specific goes through the optional
// HostFs of the VM host; without one (a browser) these functions raise OSError(ENODEV). The unix port
// has no os.uname (MICROPY_PY_OS_UNAME is off there), so neither do we.
import { PyBytes } from '../objects/bytes.js';
import { excArgs, OSErrorType, typeError, ValueErrorType } from '../objects/exceptions.js';
import { ListIter } from '../objects/list.js';
import { NoneObj, PyList, PyTuple, typeOf, type PyObj } from '../objects/object.js';
import { HostError, type HostFs } from '../vm/hostfs.js';
import { makeModule, registerNativeModule, type ModuleHost } from '../vm/modules.js';
import { fixed, nativeClass, wordInt } from './_util.js';

const ENODEV = 19;
const enc = new TextEncoder();
const dec = new TextDecoder();

function oserror(errno: number): never {
  throw excArgs(OSErrorType, [errno]);
}

/** Runs a host call, mapping HostError to OSError(errno) as the C functions raise from errno. */
function io<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof HostError) oserror(e.errno);
    throw e;
  }
}

/** A path argument: str, or bytes (results then come back as bytes, as upstream's VFS does). */
function pathArg(o: PyObj | undefined): { path: string; bytes: boolean } {
  if (typeof o === 'string') return { path: o, bytes: false };
  if (o instanceof PyBytes) return { path: dec.decode(o.data), bytes: true };
  throw typeError(`can't convert '${typeOf(o ?? NoneObj).name}' object to str implicitly`);
}

function strArg(o: PyObj | undefined): string {
  if (typeof o === 'string') return o;
  throw typeError(`can't convert '${typeOf(o ?? NoneObj).name}' object to str implicitly`);
}

function name(n: string, bytes: boolean): PyObj {
  return bytes ? new PyBytes(enc.encode(n)) : n;
}

function randomBytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  const c = (globalThis as { crypto?: { getRandomValues?(a: Uint8Array): Uint8Array } }).crypto;
  // getRandomValues fills at most 65536 bytes per call
  if (c?.getRandomValues) for (let i = 0; i < n; i += 65536) c.getRandomValues(out.subarray(i, Math.min(n, i + 65536)));
  else for (let i = 0; i < n; i++) out[i] = Math.floor(Math.random() * 256);
  return out;
}

function make(host: ModuleHost) {
  const fs = (): HostFs => host.fs ?? oserror(ENODEV);
  let errno = 0;

  const ilistdir = (a: PyObj[]): PyObj[] => {
    const p = a.length > 0 ? pathArg(a[0]) : { path: '', bytes: false };
    const entries = io(() => fs().listdir(p.path === '' ? '.' : p.path));
    return entries
      .filter((e) => e.name !== '.' && e.name !== '..')
      .map((e) => new PyTuple([name(e.name, p.bytes), e.type, e.ino]));
  };

  const statTuple = (a: PyObj[]): PyObj => {
    const p = pathArg(a[0]);
    const s = io(() => fs().stat(p.path));
    return new PyTuple([s.mode, s.ino, s.dev, s.nlink, s.uid, s.gid, s.size, s.atime, s.mtime, s.ctime]);
  };

  const remove = fixed(1, 1, (a) => {
    const p = pathArg(a[0]);
    io(() => fs().remove(p.path));
    return NoneObj;
  });

  // VfsPosix exists so `os.VfsPosix` and isinstance checks work; mounting is not supported.
  const VfsPosix = nativeClass('VfsPosix', {});
  VfsPosix.print = () => '<VfsPosix>';

  return makeModule('os', {
    sep: '/',
    remove,
    unlink: remove,
    rename: fixed(2, 2, (a) => {
      const from = pathArg(a[0]);
      const to = pathArg(a[1]);
      io(() => fs().rename(from.path, to.path));
      return NoneObj;
    }),
    mkdir: fixed(1, 1, (a) => {
      const p = pathArg(a[0]);
      io(() => fs().mkdir(p.path));
      return NoneObj;
    }),
    rmdir: fixed(1, 1, (a) => {
      const p = pathArg(a[0]);
      io(() => fs().rmdir(p.path));
      return NoneObj;
    }),
    chdir: fixed(1, 1, (a) => {
      const p = pathArg(a[0]);
      io(() => fs().chdir(p.path));
      return NoneObj;
    }),
    getcwd: fixed(0, 0, () => io(() => fs().getcwd())),
    listdir: fixed(0, 1, (a) => new PyList(ilistdir(a).map((t) => (t as PyTuple).items[0] as PyObj))),
    ilistdir: fixed(0, 1, (a) => new ListIter(new PyList(ilistdir(a)))),
    stat: fixed(1, 1, statTuple),
    statvfs: fixed(1, 1, (a) => {
      const p = pathArg(a[0]);
      return new PyTuple(io(() => fs().statvfs(p.path)));
    }),
    getenv: fixed(1, 2, (a) => {
      const v = fs().getenv(strArg(a[0]));
      return v ?? (a.length > 1 ? (a[1] as PyObj) : NoneObj);
    }),
    putenv: fixed(2, 2, (a) => {
      fs().putenv(strArg(a[0]), strArg(a[1]));
      return NoneObj;
    }),
    unsetenv: fixed(1, 1, (a) => {
      fs().unsetenv(strArg(a[0]));
      return NoneObj;
    }),
    system: fixed(1, 1, (a) => {
      const cmd = strArg(a[0]);
      const f = fs();
      if (!f.system) oserror(ENODEV);
      return f.system(cmd);
    }),
    // errno() reads, errno(n) sets the C library's errno (nothing in mpyts sets it behind your back)
    errno: fixed(0, 1, (a) => {
      if (a.length === 0) return errno;
      errno = wordInt(a[0] as PyObj);
      return NoneObj;
    }),
    urandom: fixed(1, 1, (a) => {
      const n = wordInt(a[0] as PyObj);
      if (n < 0) throw excArgs(ValueErrorType, []);
      return new PyBytes(randomBytes(n));
    }),
    mount: () => oserror(1),
    umount: () => oserror(1),
    VfsPosix,
  });
}

registerNativeModule('os', make);
