// The VM's mount table (upstream's extmod/vfs.c model): every path the VM touches — open(), the os
// functions, import — is resolved here to a mounted file-system object and a path within it, and the
// operation is a method call on that object (`open`, `stat`, `ilistdir`, ...). Mounted objects are
// native (vfs.VfsPosix over the host, vfs.VfsMemory) or any Python object with those methods
// (upstream's "user filesystem" protocol). The virtual root "/" lists the mount points; a file system
// mounted at "/" itself is kept at the end of the table so that deeper mounts are found first.
// One table per VM; the default is the unix port's: the host's files (VfsPosix) mounted at "/".
import { PyBytes } from '../objects/bytes.js';
import { excArgs, OSErrorType, PyException, typeError, valueError } from '../objects/exceptions.js';
import { ObjectType, PyList, PyObject, PyTuple, PyType, typeOf, type PyObj } from '../objects/object.js';
import { closeStream, readSome, streamIoctl } from '../modules/_stream.js';
import { loadAttr, loadAttrMaybe } from './attr.js';
import { call, getItem, getIter, iterNext, toArray } from './runtime.js';
import { S_IFDIR } from './memfs.js';
import type { ModuleHost } from './modules.js';

const EPERM = 1;
const ENOENT = 2;
const ENODEV = 19;
const EEXIST = 17;
const EINVAL = 22;
/** MICROPY_ALLOC_PATH_MAX on the unix port (PATH_MAX): statvfs("/")'s f_namemax with nothing at the root. */
const PATH_MAX = 4096;
const MP_STREAM_GET_BUFFER_SIZE = 11;

let blockDeviceVfs: ((bdev: PyObj) => PyObj) | undefined;
/** How mount() makes a file system on a block device (set by the vfs module's VfsFat). */
export function setBlockDeviceVfs(make: (bdev: PyObj) => PyObj): void {
  blockDeviceVfs = make;
}

export function oserror(errno: number): never {
  throw excArgs(OSErrorType, [errno]);
}

/**
 * A file system implemented in TypeScript. Its Python methods do the work for Python callers; these two
 * let import skip the method calls, as upstream's mp_vfs_proto_t.import_stat does for native VFS types.
 */
export abstract class NativeVfs extends PyObject {
  abstract importStat(path: string): 'file' | 'dir' | undefined;
  /** The file's bytes for import (a whole-file read), undefined when it can't be read. */
  abstract readForImport(path: string): Uint8Array | undefined;
}

export interface Mount {
  /** The mount point as given to mount() ("/flash", or "/" for the root). */
  readonly path: string;
  readonly obj: PyObj;
}

type Lookup = { mount: Mount; sub: string } | 'root' | 'none';

/** A path argument: str, or bytes (then paths and names given back are bytes too). */
function pathText(o: PyObj): { text: string; bytes: boolean } {
  if (typeof o === 'string') return { text: o, bytes: false };
  if (o instanceof PyBytes) return { text: new TextDecoder().decode(o.data), bytes: true };
  // mp_obj_str_get_str's error
  throw typeError(`can't convert '${typeOf(o).name}' object to str implicitly`);
}

const enc = new TextEncoder();
function asPath(text: string, bytes: boolean): PyObj {
  return bytes ? new PyBytes(enc.encode(text)) : text;
}

/** The iterator os.ilistdir("/") returns: mount points, then the entries of a file system at "/". */
class RootListIter extends PyObject {
  i = 0;
  inner: PyObj | undefined;
  constructor(public table: VfsTable, public snapshot: Mount[], public bytes: boolean) {
    super(RootListIterType);
  }
}
const RootListIterType = new PyType('iterator', [ObjectType]);
RootListIterType.getiter = (o) => o;
RootListIterType.iternext = (o) => {
  const it = o as RootListIter;
  if (it.inner !== undefined) return iterNext(it.inner);
  const m = it.snapshot[it.i++];
  if (m === undefined) return undefined;
  if (m.path === '/') {
    it.inner = getIter(it.table.proxy(m, 'ilistdir', ['/']));
    return iterNext(it.inner);
  }
  return new PyTuple([asPath(m.path.slice(1), it.bytes), S_IFDIR, 0]);
};

export class VfsTable {
  constructor(readonly host: ModuleHost) {}
  /** Mount order, except that "/" mounts stay at the end. */
  mounts: Mount[] = [];
  /** The file system relative paths are resolved in ('root' when the current directory is the virtual root). */
  cur: Mount | 'root' = 'root';

  /** mp_vfs_lookup_path: the mount a path falls in and the path within it (absolute ones start with '/'). */
  lookup(path: string): Lookup {
    if (!path.startsWith('/') && this.cur !== 'root') return { mount: this.cur, sub: path };
    const abs = path.startsWith('/');
    const rest = abs ? path.slice(1) : path;
    if (rest === '') return 'root';
    for (const m of this.mounts) {
      const name = m.path.slice(1);
      if (name === '') return { mount: m, sub: path };
      if (rest.startsWith(name)) {
        const next = rest[name.length];
        if (next === '/') return { mount: m, sub: rest.slice(name.length) };
        if (next === undefined) return { mount: m, sub: '/' };
      }
    }
    return 'none';
  }

  /** mp_vfs_proxy_call: a method call on the mounted object (ENODEV: nothing there; EPERM: the root). */
  proxy(where: Lookup | Mount, method: string, args: PyObj[]): PyObj {
    if (where === 'none') oserror(ENODEV);
    if (where === 'root') oserror(EPERM);
    const obj = 'obj' in where ? where.obj : where.mount.obj;
    return call(loadAttr(obj, method), args);
  }

  private resolve(pathIn: PyObj): { where: Lookup; sub: PyObj } {
    const p = pathText(pathIn);
    const where = this.lookup(p.text);
    return { where, sub: typeof where === 'object' ? asPath(where.sub, p.bytes) : pathIn };
  }

  /** Puts a mount in the table without calling its mount method (the VM's initial mounts). */
  attach(path: string, obj: PyObj): Mount {
    const m: Mount = { path, obj };
    this.insert(m);
    return m;
  }

  private insert(m: Mount): void {
    const rootAt = this.mounts.findIndex((x) => x.path.length === 1);
    if (rootAt < 0) this.mounts.push(m);
    else this.mounts.splice(rootAt, 0, m);
  }

  mount(objIn: PyObj, mountPoint: PyObj, readonly: PyObj, mkfs: PyObj): void {
    let obj = objIn;
    const path = pathText(mountPoint).text;
    // An object without a mount method is a block device: upstream auto-detects littlefs or FAT on it;
    // only FAT is implemented (vfs.VfsFat registers the maker), littlefs images mount as FAT would.
    if (loadAttrMaybe(obj, 'mount') === undefined) {
      if (blockDeviceVfs === undefined) oserror(ENODEV);
      obj = blockDeviceVfs(obj);
    }
    const m: Mount = { path, obj };
    this.proxy(m, 'mount', [readonly, mkfs]);
    const existing = this.lookup(path);
    // a file system at "/" still lets others mount on its subdirectories
    if (typeof existing === 'object' && !(path.length !== 1 && existing.mount.path.length === 1)) oserror(EPERM);
    this.insert(m);
  }

  umount(target: PyObj): void {
    const name = typeof target === 'string' ? target : undefined;
    const i = this.mounts.findIndex((m) => (name !== undefined && m.path === name) || m.obj === target);
    const m = this.mounts[i];
    if (m === undefined) oserror(EINVAL);
    this.mounts.splice(i, 1);
    if (this.cur === m) this.cur = 'root';
    this.proxy(m, 'umount', []);
  }

  /** vfs.mount() with no arguments. */
  mountList(): PyList {
    return new PyList(this.mounts.map((m) => new PyTuple([m.obj, m.path])));
  }

  open(file: PyObj, mode: PyObj): PyObj {
    const r = this.resolve(file);
    return this.proxy(r.where, 'open', [r.sub, mode]);
  }

  chdir(pathIn: PyObj): void {
    const r = this.resolve(pathIn);
    if (r.where === 'root') {
      // a file system mounted at "/" starts relative paths at its own root from now on
      const rootMount = this.mounts.find((m) => m.path.length === 1);
      if (rootMount) this.proxy(rootMount, 'chdir', ['/']);
      this.cur = 'root';
      return;
    }
    this.proxy(r.where, 'chdir', [r.sub]);
    if (typeof r.where === 'object') this.cur = r.where.mount;
  }

  getcwd(): PyObj {
    if (this.cur === 'root') return '/';
    const cwd = this.proxy(this.cur, 'getcwd', []);
    if (this.cur.path.length === 1) return cwd;
    const c = pathText(cwd).text;
    return this.cur.path + (c === '/' ? '' : c);
  }

  ilistdir(pathIn: PyObj | undefined): PyObj {
    const path = pathIn ?? '';
    const r = this.resolve(path);
    if (r.where === 'root') return new RootListIter(this, this.mounts.slice(), typeof path !== 'string');
    return this.proxy(r.where, 'ilistdir', [r.sub]);
  }

  listdir(pathIn: PyObj | undefined): PyList {
    const it = getIter(this.ilistdir(pathIn));
    const out: PyObj[] = [];
    for (let e = iterNext(it); e !== undefined; e = iterNext(it)) out.push(getItem(e, 0));
    return new PyList(out);
  }

  mkdir(pathIn: PyObj): PyObj {
    const r = this.resolve(pathIn);
    if (r.where === 'root' || (typeof r.where === 'object' && r.where.sub === '/')) oserror(EEXIST);
    return this.proxy(r.where, 'mkdir', [r.sub]);
  }

  remove(pathIn: PyObj): PyObj {
    const r = this.resolve(pathIn);
    return this.proxy(r.where, 'remove', [r.sub]);
  }

  rmdir(pathIn: PyObj): PyObj {
    const r = this.resolve(pathIn);
    return this.proxy(r.where, 'rmdir', [r.sub]);
  }

  rename(from: PyObj, to: PyObj): PyObj {
    const a = this.resolve(from);
    const b = this.resolve(to);
    const ma = typeof a.where === 'object' ? a.where.mount : a.where;
    const mb = typeof b.where === 'object' ? b.where.mount : b.where;
    if (ma !== mb) oserror(EPERM);
    return this.proxy(a.where, 'rename', [a.sub, b.sub]);
  }

  stat(pathIn: PyObj): PyObj {
    const r = this.resolve(pathIn);
    if (r.where === 'root') return new PyTuple([S_IFDIR, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    return this.proxy(r.where, 'stat', [r.sub]);
  }

  statvfs(pathIn: PyObj): PyObj {
    const r = this.resolve(pathIn);
    if (r.where === 'root') {
      const rootMount = this.mounts.find((m) => m.path.length === 1);
      if (!rootMount) return new PyTuple([0, 0, 0, 0, 0, 0, 0, 0, 0, PATH_MAX]);
      return this.proxy(rootMount, 'statvfs', ['/']);
    }
    return this.proxy(r.where, 'statvfs', [r.sub]);
  }

  /** mp_vfs_import_stat: native file systems answer directly, others through stat() (errors = missing). */
  importStat(path: string): 'file' | 'dir' | undefined {
    const where = this.lookup(path);
    if (typeof where !== 'object') return undefined;
    const obj = where.mount.obj;
    if (obj instanceof NativeVfs) return obj.importStat(where.sub);
    let st: PyObj;
    try {
      st = this.proxy(where, 'stat', [where.sub]);
    } catch (e) {
      if (e instanceof PyException) return undefined;
      throw e;
    }
    const items = toArray(st);
    if (items.length !== 10) throw valueError(`requested length 10 but object has length ${items.length}`);
    const mode = items[0] as PyObj;
    const n = typeof mode === 'number' ? mode : typeof mode === 'bigint' ? Number(mode & 0xffffn) : 0;
    return n & S_IFDIR ? 'dir' : 'file';
  }

  /** A source file for execfile (mp_reader_new_file): as readForImport, but a missing file is OSError. */
  readSource(path: string): Uint8Array {
    const where = this.lookup(path);
    // no mount there: the open proxy call's error (ENODEV, or EPERM for the root)
    if (typeof where !== 'object') this.proxy(where, 'open', []);
    const bytes = this.readForImport(path);
    if (bytes === undefined) oserror(ENOENT);
    return bytes;
  }

  /**
   * A module file's bytes, read as upstream's VFS reader does: open(path, "rb"), the stream's preferred
   * buffer size (ioctl 11), reads until end of file, close — all before the code is compiled or loaded.
   */
  readForImport(path: string): Uint8Array | undefined {
    const where = this.lookup(path);
    if (typeof where !== 'object') return undefined;
    const obj = where.mount.obj;
    if (obj instanceof NativeVfs) return obj.readForImport(where.sub);
    const f = this.proxy(where, 'open', [where.sub, 'rb']);
    const size = streamIoctl(f, MP_STREAM_GET_BUFFER_SIZE, 0);
    // the reader's buffer is at most 255 bytes and at least a GC block's worth
    const chunk = size === undefined || size <= 0 ? 32 : Math.min(255, Math.max(16, size));
    const parts: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const b = readSome(f, chunk);
      if (b.length === 0) break;
      parts.push(b);
      total += b.length;
    }
    closeStream(f);
    const out = new Uint8Array(total);
    let off = 0;
    for (const p of parts) {
      out.set(p, off);
      off += p.length;
    }
    return out;
  }
}
