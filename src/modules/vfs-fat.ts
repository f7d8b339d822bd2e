// vfs.VfsFat (extmod/vfs_fat.c): the FAT engine of ./fatfs.ts over a Python block device, with the
// new protocol (readblocks(n, buf), writeblocks(n, buf), ioctl(op, arg)) or the old one (count(),
// sync()). Files are the io module's streams: read whole at open; each write goes to the device at once
// (see FatStream.write); a write the volume has no room for fails with ENOSPC as FatFs's f_write does,
// and operations on a closed file are OSError(EINVAL) (FR_INVALID_OBJECT) instead of ValueError.
import { PyByteArray, PyBytes } from '../objects/bytes.js';
import { excArgs, OSErrorType, typeError } from '../objects/exceptions.js';
import { ListIter } from '../objects/list.js';
import { NoneObj, PyBuiltin, PyList, PyStaticMethod, PyTuple, typeOf, type KwArgs, type PyObj, type PyType } from '../objects/object.js';
import { loadAttr, loadAttrMaybe } from '../vm/attr.js';
import { normalizePath, S_IFDIR, S_IFREG } from '../vm/memfs.js';
import { call, isTrue } from '../vm/runtime.js';
import { NativeVfs, oserror, setBlockDeviceVfs } from '../vm/vfs.js';
import {
  EACCES, EEXIST, EINVAL, EIO, ENODEV, ENOENT, ENOSPC, ENOTDIR, EISDIR, EROFS, FatError, FatVolume, fatSeconds, mkfs,
  type BlockDevice, type DirEntry,
} from './fatfs.js';
import { FileIOType, parseOpenMode, PyStream, TextIOWrapperType, trackFd } from './io.js';
import { checkArgs, fixed, nativeClass, wordInt } from './_util.js';

const AM_DIR = 0x10;
// MP_BLOCKDEV_IOCTL_*
const IOCTL_INIT = 1;
const IOCTL_SYNC = 3;
const IOCTL_BLOCK_COUNT = 4;
const IOCTL_BLOCK_SIZE = 5;

const enc = new TextEncoder();
const dec = new TextDecoder();

function toBytes(s: string): string {
  let o = '';
  for (const b of enc.encode(s)) o += String.fromCharCode(b);
  return o;
}
function fromBytes(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

/** Runs an engine call, turning FatError into OSError(errno). */
function fat<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof FatError) oserror(e.errno);
    throw e;
  }
}

/** A block device call's result as FatFs's disk I/O sees it: None, True or 0 succeed, any other int is EIO. */
function rwResult(r: PyObj): void {
  if (r === NoneObj || r === true) return;
  if (r === false || wordInt(r) !== 0) throw new FatError(EIO);
}

/** mp_vfs_blockdev_*: the Python object's methods behind the engine's BlockDevice. */
class PyBlockDev implements BlockDevice {
  readonly = false;
  private ss = 0;
  private readblocks: PyObj;
  private writeblocks: PyObj | undefined;
  private ioctlFn: PyObj | undefined;
  constructor(readonly obj: PyObj) {
    this.readblocks = loadAttr(obj, 'readblocks');
    this.writeblocks = loadAttrMaybe(obj, 'writeblocks');
    this.ioctlFn = loadAttrMaybe(obj, 'ioctl');
    if (this.writeblocks === undefined) this.readonly = true;
  }
  /** ioctl(op, 0), or the old protocol's count()/sync() (None for what it lacks). */
  ioctl(op: number): PyObj {
    if (this.ioctlFn !== undefined) return call(this.ioctlFn, [op, 0]);
    const name = op === IOCTL_BLOCK_COUNT ? 'count' : op === IOCTL_SYNC ? 'sync' : undefined;
    const m = name === undefined ? undefined : loadAttrMaybe(this.obj, name);
    return m === undefined ? NoneObj : call(m, []);
  }
  sectorSize(): number {
    if (this.ss === 0) {
      const r = this.ioctl(IOCTL_BLOCK_SIZE);
      this.ss = r === NoneObj ? 512 : wordInt(r);
    }
    return this.ss;
  }
  sectorCount(): number {
    return wordInt(this.ioctl(IOCTL_BLOCK_COUNT));
  }
  read(sector: number, out: Uint8Array): void {
    const ba = new PyByteArray(out);
    rwResult(call(this.readblocks, [sector, ba]));
    if (ba.data !== out) out.set(ba.data.subarray(0, out.length));
  }
  write(sector: number, data: Uint8Array): void {
    if (this.writeblocks === undefined || this.readonly) throw new FatError(EROFS);
    rwResult(call(this.writeblocks, [sector, new PyByteArray(data.slice())]));
  }
  sync(): void {
    this.ioctl(IOCTL_SYNC);
  }
}

export class VfsFatObj extends NativeVfs {
  /** The current directory as stored names, from the root. */
  cwd: string[] = [];
  noFs = false;
  vol: FatVolume;
  constructor(type: PyType, readonly dev: PyBlockDev) {
    super(type);
    this.vol = new FatVolume(dev);
    try {
      this.vol.layout();
    } catch (e) {
      if (!(e instanceof FatError) || e.errno !== ENODEV) throw e;
      this.noFs = true;
    }
  }
  /** Path components from the root, each a code-page byte string as FatFs sees names. */
  parts(pathIn: string): string[] {
    // FatFs separates with "\\" too; names are the str's UTF-8 bytes
    const path = toBytes(pathIn).replace(/\\/g, '/');
    return normalizePath(path.startsWith('/') ? path : `${this.cwd.join('/')}/${path}`);
  }
  entry(parts: string[]): DirEntry | undefined {
    if (parts.length === 0) return undefined;
    try {
      return this.vol.stat(parts);
    } catch (e) {
      if (e instanceof FatError && e.errno === ENOENT) return undefined;
      throw e;
    }
  }
  importStat(path: string): 'file' | 'dir' | undefined {
    try {
      const p = this.parts(path);
      if (p.length === 0) return 'dir';
      const e = this.entry(p);
      return e === undefined ? undefined : e.attr & AM_DIR ? 'dir' : 'file';
    } catch (e) {
      if (e instanceof FatError) return undefined;
      throw e;
    }
  }
  readForImport(path: string): Uint8Array | undefined {
    try {
      const e = this.entry(this.parts(path));
      return e === undefined || e.attr & AM_DIR ? undefined : this.vol.readFile(e);
    } catch (e) {
      if (e instanceof FatError) return undefined;
      throw e;
    }
  }
}

/** A FAT file: the io stream, written through, with FatFs's errors for a full volume and a closed file. */
class FatStream extends PyStream {
  constructor(type: PyType, init: Uint8Array, text: boolean, onClose: ((d: Uint8Array) => void) | undefined,
    writable: boolean, private fs: VfsFatObj, private path: string[]) {
    super(type, init, text, onClose, writable);
  }
  override check(): void {
    if (this.closed) throw excArgs(OSErrorType, [EINVAL]);
  }
  override writeBack(): void {
    if (this.closed) throw excArgs(OSErrorType, [EINVAL]);
    fat(() => super.writeBack());
  }
  override write(b: Uint8Array): void {
    const cap = fat(() => this.fs.vol.capacity(this.fs.entry(this.path)));
    const start = this.pos;
    const fits = this.pos + b.length <= cap;
    if (fits) super.write(b);
    else if (cap > this.pos) super.write(b.subarray(0, cap - this.pos));
    // mpyts has no finalisers to close a file dropped unclosed (upstream's gc does), so what is
    // written reaches the device, directory entry included, at once
    if (this.pos > start) {
      fat(() => this.fs.vol.writeRange(this.path, this.data, this.len, start, this.pos));
      this.dirty = false;
    }
    if (!fits) throw excArgs(OSErrorType, [ENOSPC]);
  }
}

function pathArg(o: PyObj | undefined): { path: string; bytes: boolean } {
  if (typeof o === 'string') return { path: o, bytes: false };
  if (o instanceof PyBytes) return { path: dec.decode(o.data), bytes: true };
  throw typeError(`can't convert '${typeOf(o ?? NoneObj).name}' object to str implicitly`);
}

function self(a: PyObj[]): VfsFatObj {
  const s = a[0] as VfsFatObj;
  if (s.noFs) oserror(ENODEV);
  return s;
}
function pathOf(a: PyObj[], i = 1): string[] {
  return self(a).parts(pathArg(a[i]).path);
}

function openFat(fs: VfsFatObj, path: string[], modeIn: PyObj): PyStream {
  const { read, write, create, binary } = parseOpenMode(modeIn);
  const type = binary ? FileIOType : TextIOWrapperType;
  if (path.length === 0) oserror(ENOENT);
  let e = fat(() => {
    fs.vol.walk(path.slice(0, -1));
    return fs.entry(path);
  });
  if (e && e.attr & AM_DIR) oserror(create === 'new' ? EEXIST : create ? EACCES : ENOENT);
  if (write && fs.dev.readonly) oserror(EROFS);
  if (create === 'new' && e) oserror(EEXIST);
  if (create === undefined && !e) oserror(ENOENT);
  let data: Uint8Array = new Uint8Array(0);
  if (create === 'always' || !e) {
    fat(() => fs.vol.writeFile(path, data));
    e = fs.entry(path);
  } else {
    const found = e;
    data = fat(() => fs.vol.readFile(found));
  }
  const onClose = write ? (d: Uint8Array) => fs.vol.writeFile(path, d.slice()) : undefined;
  const s = new FatStream(type, data, !binary, onClose, write, fs, path);
  s.readable = read;
  if (create === 'open') s.pos = data.length;
  trackFd(s);
  return s;
}

function statTuple(mode: number, size: number, secs: number): PyTuple {
  return new PyTuple([mode, 0, 0, 0, 0, 0, size, secs, secs, secs]);
}

/** fat_vfs_remove_internal: the entry must be a file (remove) or a directory (rmdir). */
function removeAs(fs: VfsFatObj, path: string[], dir: boolean): void {
  const e = fat(() => fs.vol.stat(path));
  if (!!(e.attr & AM_DIR) !== dir) oserror(dir ? ENOTDIR : EISDIR);
  const cwd = fat(() => fs.vol.walk(fs.cwd));
  fat(() => fs.vol.unlink(path, cwd));
}

export const VfsFatType: PyType = nativeClass('VfsFat', {
  mount: fixed(3, 3, (a) => {
    const s = a[0] as VfsFatObj;
    if (isTrue(a[1] as PyObj)) s.dev.readonly = true;
    if (s.noFs && isTrue(a[2] as PyObj)) {
      fat(() => mkfs(s.dev, false));
      s.vol.reset();
      s.noFs = false;
    }
    if (s.noFs) {
      try {
        s.vol.reset();
        s.vol.layout();
        s.noFs = false;
      } catch (e) {
        if (e instanceof FatError) oserror(ENODEV);
        throw e;
      }
    }
    return NoneObj;
  }),
  umount: fixed(1, 1, () => NoneObj),
  open: fixed(3, 3, (a) => openFat(self(a), pathOf(a), a[2] as PyObj)),
  ilistdir: fixed(1, 2, (a) => {
    const s = self(a);
    const p = a.length > 1 ? pathArg(a[1]) : { path: '', bytes: false };
    const parts = s.parts(p.path);
    const items = fat(() => {
      let dir = s.vol.root();
      if (parts.length > 0) {
        const e = s.vol.stat(parts);
        if (!(e.attr & AM_DIR)) throw new FatError(ENOENT);
        dir = e.cluster === 0 ? s.vol.root() : e.cluster;
      }
      return s.vol.list(dir);
    }).map((e) => new PyTuple([
      p.bytes ? new PyBytes(fromBytes(e.name)) : dec.decode(fromBytes(e.name)), e.attr & AM_DIR ? S_IFDIR : S_IFREG, 0, e.attr & AM_DIR ? 0 : e.size,
    ]));
    return new ListIter(new PyList(items));
  }),
  mkdir: fixed(2, 2, (a) => {
    const s = self(a);
    const p = pathOf(a);
    if (p.length === 0) oserror(EEXIST);
    if (s.dev.readonly) oserror(EROFS);
    fat(() => s.vol.mkdir(p));
    return NoneObj;
  }),
  remove: fixed(2, 2, (a) => {
    removeAs(self(a), pathOf(a), false);
    return NoneObj;
  }),
  rmdir: fixed(2, 2, (a) => {
    const p = pathOf(a);
    if (p.length === 0) oserror(EACCES);
    removeAs(self(a), p, true);
    return NoneObj;
  }),
  rename: fixed(3, 3, (a) => {
    const s = self(a);
    const from = pathOf(a, 1);
    const to = pathOf(a, 2);
    if (s.dev.readonly) oserror(EROFS);
    try {
      s.vol.rename(from, to);
    } catch (e) {
      if (!(e instanceof FatError)) throw e;
      if (e.errno !== EEXIST) oserror(e.errno);
      // as vfs_fat: a file in the way is removed, then the rename is tried again
      removeAs(s, to, false);
      fat(() => s.vol.rename(from, to));
    }
    return NoneObj;
  }),
  chdir: fixed(2, 2, (a) => {
    const s = self(a);
    const p = pathOf(a);
    const names: string[] = [];
    fat(() => {
      for (let i = 0; i < p.length; i++) {
        const e = s.vol.stat(p.slice(0, i + 1));
        if (!(e.attr & AM_DIR)) throw new FatError(ENOENT);
        names.push(e.name);
      }
    });
    s.cwd = names;
    return NoneObj;
  }),
  getcwd: fixed(1, 1, (a) => dec.decode(fromBytes('/' + self(a).cwd.join('/')))),
  stat: fixed(2, 2, (a) => {
    const p = pathOf(a);
    // the root has no entry: a directory dated 2000-01-01, as vfs_fat reports it
    if (p.length === 0) return statTuple(S_IFDIR, 0, fatSeconds(0x2821, 0));
    const e = fat(() => self(a).vol.stat(p));
    return statTuple(e.attr & AM_DIR ? S_IFDIR : S_IFREG, e.size, fatSeconds(e.date, e.time));
  }),
  statvfs: fixed(2, 2, (a) => {
    const v = self(a).vol;
    const bsize = fat(() => v.clusterBytes());
    const free = fat(() => v.freeClusters());
    const blocks = fat(() => v.layout().nFatEnt - 2);
    return new PyTuple([bsize, bsize, blocks, free, free, 0, 0, 0, 0, 255]);
  }),
});
VfsFatType.dict.set('mkfs', new PyStaticMethod(new PyBuiltin('mkfs', fixed(1, 1, (a) => {
  const dev = new PyBlockDev(a[0] as PyObj);
  fat(() => mkfs(dev));
  return NoneObj;
}))));

export function makeVfsFat(type: PyType, bdev: PyObj): VfsFatObj {
  const dev = new PyBlockDev(bdev);
  dev.ioctl(IOCTL_INIT);
  return new VfsFatObj(type, dev);
}

VfsFatType.make = (cls, args: PyObj[], kw: KwArgs | undefined) => {
  checkArgs(args, kw, 1, 1, false);
  return makeVfsFat(cls, args[0] as PyObj);
};

// mounting an object that is not a file system (a block device) makes a VfsFat on it, as upstream's
// mp_vfs_autodetect does when littlefs is not found (./vfs-lfs.ts replaces this with the detection)
setBlockDeviceVfs((bdev) => makeVfsFat(VfsFatType, bdev));
