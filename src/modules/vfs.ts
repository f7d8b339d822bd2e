// vfs module (extmod/modvfs.c) and its native file systems. mount/umount work on the VM's mount table
// (src/vm/vfs.ts). VfsPosix is extmod/vfs_posix.c over the VM host: paths starting with "/" get the
// object's root prepended, relative ones go to the host as they are (the host's current directory is
// the process's, shared by every VfsPosix, as on the unix port). VfsMemory is mpyts's own: a mountable
// in-memory tree (src/vm/memfs.ts) with its own current directory, for hosts without a file system (a
// browser). VfsFat is in ./vfs-fat.ts, VfsLfs2 in ./vfs-lfs.ts; VfsLfs1 and VfsRom are not provided.
import { PyBytes } from '../objects/bytes.js';
import { ListIter } from '../objects/list.js';
import { NoneObj, PyBuiltin, PyList, PyTuple, PyType, typeOf, type KwArgs, type PyObj } from '../objects/object.js';
import { HostError } from '../vm/hostfs.js';
import { MemoryFs, normalizePath } from '../vm/memfs.js';
import { makeModule, registerNativeModule, type ModuleHost } from '../vm/modules.js';
import { isTrue } from '../vm/runtime.js';
import { vmState } from '../vm/state.js';
import { NativeVfs, oserror } from '../vm/vfs.js';
import { openFd, openFile, type FileStore } from './io.js';
import { VfsFatType } from './vfs-fat.js';
import { VfsLfs2Type } from './vfs-lfs.js';
import { checkArgs, fixed, nativeClass, parseArgs } from './_util.js';
import { typeError } from '../objects/exceptions.js';

const EPERM = 1;
const ENODEV = 19;
const EROFS = 30;
const enc = new TextEncoder();
const dec = new TextDecoder();

/** Runs a host or memory-tree call, turning HostError into OSError(errno). */
function io<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof HostError) oserror(e.errno);
    throw e;
  }
}

function pathArg(o: PyObj | undefined): { path: string; bytes: boolean } {
  if (typeof o === 'string') return { path: o, bytes: false };
  if (o instanceof PyBytes) return { path: dec.decode(o.data), bytes: true };
  throw typeError(`can't convert '${typeOf(o ?? NoneObj).name}' object to str implicitly`);
}

function nameOf(n: string, bytes: boolean): PyObj {
  return bytes ? new PyBytes(enc.encode(n)) : n;
}

function writesIn(mode: string): boolean {
  return mode.includes('w') || mode.includes('a') || mode.includes('+');
}

function modeArg(o: PyObj | undefined): string {
  if (typeof o === 'string') return o;
  throw typeError(`can't convert '${typeOf(o ?? NoneObj).name}' object to str implicitly`);
}

function runningHost(): ModuleHost {
  return vmState.vfs?.host ?? oserror(ENODEV);
}

// ---- VfsPosix ----

export class VfsPosixObj extends NativeVfs {
  readonly = false;
  /** '' (the whole host file system) or an absolute directory ending in '/'. */
  constructor(readonly host: ModuleHost, readonly root: string) {
    super(VfsPosixType);
  }
  /** vfs_posix_get_path_str: only absolute paths are moved under the root. */
  full(p: string): string {
    return this.root === '' || !p.startsWith('/') ? p : this.root.slice(0, -1) + p;
  }
  importStat(path: string): 'file' | 'dir' | undefined {
    // upstream's import_stat prefixes the root to relative paths too
    const p = this.root === '' ? path : this.root + (path.startsWith('/') ? path.slice(1) : path);
    return this.host.stat(p);
  }
  readForImport(path: string): Uint8Array | undefined {
    return this.host.readFile(this.full(path));
  }
  fs() {
    return this.host.fs ?? oserror(ENODEV);
  }
  writable(): void {
    if (this.readonly) oserror(EROFS);
  }
}

function posix(a: PyObj[]): VfsPosixObj {
  return a[0] as VfsPosixObj;
}
function posixPath(a: PyObj[], i = 1): string {
  return posix(a).full(pathArg(a[i]).path);
}

/** mount(readonly, mkfs) and umount() as the native file systems implement them. */
const mountMethods = {
  mount: fixed(3, 3, (a) => {
    const self = a[0] as VfsPosixObj | VfsMemoryObj;
    if (isTrue(a[1] as PyObj)) self.readonly = true;
    if (isTrue(a[2] as PyObj)) {
      if (self instanceof VfsMemoryObj) self.mem.clear();
      else oserror(EPERM);
    }
    return NoneObj;
  }),
  umount: fixed(1, 1, () => NoneObj),
};

/** An iterator over ilistdir tuples (made eagerly: a snapshot of the directory when called). */
function entriesIter(entries: { name: string; type: number; ino: number; size?: number }[], bytes: boolean): PyObj {
  const items = entries
    .filter((e) => e.name !== '.' && e.name !== '..')
    .map((e) => new PyTuple(e.size === undefined ? [nameOf(e.name, bytes), e.type, e.ino] : [nameOf(e.name, bytes), e.type, e.ino, e.size]));
  return new ListIter(new PyList(items));
}

export const VfsPosixType: PyType = nativeClass('VfsPosix', {
  ...mountMethods,
  open: fixed(3, 3, (a) => {
    const self = posix(a);
    const mode = modeArg(a[2]);
    if (self.readonly && writesIn(mode)) oserror(EROFS);
    const p = a[1] as PyObj;
    if (typeof p === 'number') return openFd(self.host, p, mode);
    return openFile(self.host, self.full(pathArg(p).path), mode);
  }),
  chdir: fixed(2, 2, (a) => {
    const p = posixPath(a);
    io(() => posix(a).fs().chdir(p));
    return NoneObj;
  }),
  getcwd: fixed(1, 1, (a) => {
    const self = posix(a);
    const cwd = io(() => self.fs().getcwd());
    return self.root === '' ? cwd : cwd.slice(self.root.length - 1);
  }),
  ilistdir: fixed(2, 2, (a) => {
    const self = posix(a);
    const p = pathArg(a[1]);
    const path = self.full(p.path);
    return entriesIter(io(() => self.fs().listdir(path === '' ? '.' : path)), p.bytes);
  }),
  mkdir: fixed(2, 2, (a) => {
    posix(a).writable();
    const p = posixPath(a);
    io(() => posix(a).fs().mkdir(p));
    return NoneObj;
  }),
  remove: fixed(2, 2, (a) => {
    posix(a).writable();
    const p = posixPath(a);
    io(() => posix(a).fs().remove(p));
    return NoneObj;
  }),
  rename: fixed(3, 3, (a) => {
    posix(a).writable();
    const from = posixPath(a, 1);
    const to = posixPath(a, 2);
    io(() => posix(a).fs().rename(from, to));
    return NoneObj;
  }),
  rmdir: fixed(2, 2, (a) => {
    posix(a).writable();
    const p = posixPath(a);
    io(() => posix(a).fs().rmdir(p));
    return NoneObj;
  }),
  stat: fixed(2, 2, (a) => {
    const p = posixPath(a);
    const s = io(() => posix(a).fs().stat(p));
    return new PyTuple([s.mode, s.ino, s.dev, s.nlink, s.uid, s.gid, s.size, s.atime, s.mtime, s.ctime]);
  }),
  statvfs: fixed(2, 2, (a) => {
    const p = posixPath(a);
    return new PyTuple(io(() => posix(a).fs().statvfs(p)));
  }),
});
VfsPosixType.print = () => '<VfsPosix>';

/** VfsPosix(root=None): a relative root is made absolute with the current directory, as upstream does. */
export function makeVfsPosix(host: ModuleHost, rootIn?: string): VfsPosixObj {
  let root = '';
  if (rootIn !== undefined) {
    root = rootIn;
    if (root !== '' && !root.startsWith('/')) {
      const cwd = io(() => (host.fs ?? oserror(ENODEV)).getcwd());
      root = `${cwd}/${root}`;
    }
    root += '/';
  }
  return new VfsPosixObj(host, root);
}

VfsPosixType.make = (_cls, args: PyObj[], kw: KwArgs | undefined) => {
  checkArgs(args, kw, 0, 1, false);
  return makeVfsPosix(runningHost(), args.length > 0 ? pathArg(args[0]).path : undefined);
};

// ---- VfsMemory ----

export class VfsMemoryObj extends NativeVfs {
  readonly = false;
  /** Absolute, normalised ('/' or '/a/b'). */
  cwd = '/';
  store: FileStore;
  constructor(readonly mem: MemoryFs) {
    super(VfsMemoryType);
    this.store = {
      readFile: (p) => (mem.kind(p) === 'file' ? mem.readFile(p) : undefined),
      writeFile: (p, d) => mem.writeFile(p, d),
      stat: (p) => mem.kind(p),
    };
  }
  full(p: string): string {
    return '/' + normalizePath(p.startsWith('/') ? p : `${this.cwd}/${p}`).join('/');
  }
  importStat(path: string): 'file' | 'dir' | undefined {
    return this.mem.kind(this.full(path));
  }
  readForImport(path: string): Uint8Array | undefined {
    return this.store.readFile(this.full(path))?.slice();
  }
  writable(): void {
    if (this.readonly) oserror(EROFS);
  }
}

function memv(a: PyObj[]): VfsMemoryObj {
  return a[0] as VfsMemoryObj;
}
function memPath(a: PyObj[], i = 1): string {
  return memv(a).full(pathArg(a[i]).path);
}

export const VfsMemoryType: PyType = nativeClass('VfsMemory', {
  ...mountMethods,
  open: fixed(3, 3, (a) => {
    const self = memv(a);
    const mode = modeArg(a[2]);
    if (self.readonly && writesIn(mode)) oserror(EROFS);
    return io(() => openFile(self.store, memPath(a), mode));
  }),
  chdir: fixed(2, 2, (a) => {
    const self = memv(a);
    const p = memPath(a);
    const k = self.mem.kind(p);
    if (k === undefined) oserror(2);
    if (k !== 'dir') oserror(20);
    self.cwd = p;
    return NoneObj;
  }),
  getcwd: fixed(1, 1, (a) => memv(a).cwd),
  ilistdir: fixed(2, 2, (a) => {
    const self = memv(a);
    const p = pathArg(a[1]);
    const dir = self.full(p.path);
    const entries = io(() => self.mem.listdir(dir)).map((e) => ({
      ...e, size: e.type === 0o100000 ? self.mem.readFile(`${dir}/${e.name}`).length : 0,
    }));
    return entriesIter(entries, p.bytes);
  }),
  mkdir: fixed(2, 2, (a) => {
    memv(a).writable();
    const p = memPath(a);
    io(() => memv(a).mem.mkdir(p));
    return NoneObj;
  }),
  remove: fixed(2, 2, (a) => {
    memv(a).writable();
    const p = memPath(a);
    io(() => memv(a).mem.remove(p));
    return NoneObj;
  }),
  rename: fixed(3, 3, (a) => {
    memv(a).writable();
    const from = memPath(a, 1);
    const to = memPath(a, 2);
    io(() => memv(a).mem.rename(from, to));
    return NoneObj;
  }),
  rmdir: fixed(2, 2, (a) => {
    const self = memv(a);
    self.writable();
    const p = memPath(a);
    io(() => self.mem.rmdir(p));
    return NoneObj;
  }),
  stat: fixed(2, 2, (a) => {
    const p = memPath(a);
    return new PyTuple(io(() => memv(a).mem.stat(p)));
  }),
  statvfs: fixed(2, 2, (a) => {
    const mem = memv(a).mem;
    const bsize = 512;
    const blocks = Math.ceil(mem.capacity / bsize);
    const free = Math.max(0, blocks - Math.ceil(mem.usedBytes() / bsize));
    return new PyTuple([bsize, bsize, blocks, free, free, 0, 0, 0, 0, 255]);
  }),
});
VfsMemoryType.print = () => '<VfsMemory>';
VfsMemoryType.make = (_cls, args: PyObj[], kw: KwArgs | undefined) => {
  checkArgs(args, kw, 0, 0, false);
  return new VfsMemoryObj(new MemoryFs());
};

// ---- the module ----

const MOUNT_ARGS = [
  { name: 'fsobj', required: true }, { name: 'mount_point', required: true },
  { name: 'readonly', kwOnly: true, def: false }, { name: 'mkfs', kwOnly: true, def: false },
];

function table(host: ModuleHost) {
  return host.vfs ?? oserror(ENODEV);
}

/** vfs.mount/umount, which os has too (the same function objects, as upstream's os and vfs share them). */
const builtinsOf = new WeakMap<ModuleHost, { mount: PyBuiltin; umount: PyBuiltin }>();
export function mountBuiltins(host: ModuleHost): { mount: PyBuiltin; umount: PyBuiltin } {
  let b = builtinsOf.get(host);
  if (b === undefined) {
    b = {
      mount: new PyBuiltin('mount', (a, kw) => {
        if (a.length === 0 && (kw === undefined || kw.size === 0)) return table(host).mountList();
        const [obj, point, readonly, mkfs] = parseArgs(a, kw, MOUNT_ARGS) as [PyObj, PyObj, PyObj, PyObj];
        table(host).mount(obj, point, readonly, mkfs);
        return NoneObj;
      }),
      umount: new PyBuiltin('umount', fixed(1, 1, (a) => {
        table(host).umount(a[0] as PyObj);
        return NoneObj;
      })),
    };
    builtinsOf.set(host, b);
  }
  return b;
}

registerNativeModule('vfs', (host) => makeModule('vfs', {
  ...mountBuiltins(host),
  VfsPosix: VfsPosixType,
  VfsMemory: VfsMemoryType,
  VfsFat: VfsFatType,
  VfsLfs2: VfsLfs2Type,
}));
