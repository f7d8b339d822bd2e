// os module as the unix port builds it (extmod/modos.c): files and directories are the VFS functions
// of extmod/vfs.c, resolved through the VM's mount table (src/vm/vfs.ts; by default the host's files
// are mounted at "/" as vfs.VfsPosix); environment and system go to the optional HostFs of the VM
// host, and raise OSError(ENODEV) without one (a browser). The unix port has no os.uname
// (MICROPY_PY_OS_UNAME is off there), so neither do we.
import { PyBytes } from '../objects/bytes.js';
import { excArgs, OSErrorType, typeError, ValueErrorType } from '../objects/exceptions.js';
import { NoneObj, typeOf, type PyObj } from '../objects/object.js';
import type { HostFs } from '../vm/hostfs.js';
import { makeModule, registerNativeModule, type ModuleHost } from '../vm/modules.js';
import type { VfsTable } from '../vm/vfs.js';
import { mountBuiltins, VfsPosixType } from './vfs.js';
import { fixed, wordInt } from './_util.js';

const ENODEV = 19;

function oserror(errno: number): never {
  throw excArgs(OSErrorType, [errno]);
}

function strArg(o: PyObj | undefined): string {
  if (typeof o === 'string') return o;
  throw typeError(`can't convert '${typeOf(o ?? NoneObj).name}' object to str implicitly`);
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
  const vfs = (): VfsTable => host.vfs ?? oserror(ENODEV);
  let errno = 0;

  const remove = fixed(1, 1, (a) => {
    vfs().remove(a[0] as PyObj);
    return NoneObj;
  });

  return makeModule('os', {
    sep: '/',
    remove,
    unlink: remove,
    rename: fixed(2, 2, (a) => {
      vfs().rename(a[0] as PyObj, a[1] as PyObj);
      return NoneObj;
    }),
    mkdir: fixed(1, 1, (a) => {
      vfs().mkdir(a[0] as PyObj);
      return NoneObj;
    }),
    rmdir: fixed(1, 1, (a) => {
      vfs().rmdir(a[0] as PyObj);
      return NoneObj;
    }),
    chdir: fixed(1, 1, (a) => {
      vfs().chdir(a[0] as PyObj);
      return NoneObj;
    }),
    getcwd: fixed(0, 0, () => vfs().getcwd()),
    listdir: fixed(0, 1, (a) => vfs().listdir(a[0])),
    ilistdir: fixed(0, 1, (a) => vfs().ilistdir(a[0])),
    stat: fixed(1, 1, (a) => vfs().stat(a[0] as PyObj)),
    statvfs: fixed(1, 1, (a) => vfs().statvfs(a[0] as PyObj)),
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
    ...mountBuiltins(host),
    VfsPosix: VfsPosixType,
  });
}

registerNativeModule('os', make);
