// vfs.VfsLfs2 (extmod/vfs_lfs.c, vfs_lfsx.c): the littlefs v2 engine of ./littlefs.ts over a Python
// block device with the extended protocol (readblocks(n, buf, off), writeblocks(n, buf, off),
// ioctl(op, arg)). Files are io streams read whole at open and synced to the device at flush/close,
// as lfs_file_sync commits them; with mtime=True a written file gets user attribute 1 (8 bytes,
// nanoseconds since 1970, little-endian), which stat reports in seconds.
import { PyByteArray, PyBytes } from '../objects/bytes.js';
import { excArgs, PyException, typeError, ValueErrorType } from '../objects/exceptions.js';
import { ListIter } from '../objects/list.js';
import { NoneObj, PyBuiltin, PyList, PyStaticMethod, PyTuple, typeOf, type KwArgs, type PyObj, type PyType } from '../objects/object.js';
import { loadAttr, loadAttrMaybe } from '../vm/attr.js';
import { normalizePath, S_IFDIR, S_IFREG } from '../vm/memfs.js';
import { call, isTrue } from '../vm/runtime.js';
import { NativeVfs, oserror, setBlockDeviceVfs } from '../vm/vfs.js';
import { makeVfsFat, VfsFatType } from './vfs-fat.js';
import {
  EEXIST, EINVAL, EIO, FILE_MAX, EISDIR, ENOENT, ENOTDIR, ENOTEMPTY, EROFS, entrySize, LfsError, LittleFs,
  type LfsDevice, type LfsDir, type LfsEntry,
} from './littlefs.js';
import { FileIOType, NO_FD, parseOpenMode, PyStream, TextIOWrapperType } from './io.js';
import { fixed, nativeClass, parseArgs, wordInt } from './_util.js';

const IOCTL_BLOCK_COUNT = 4;
const IOCTL_BLOCK_SIZE = 5;
const IOCTL_BLOCK_ERASE = 6;
const ATTR_MTIME = 1;

const enc = new TextEncoder();
const dec = new TextDecoder();

function lfs<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof LfsError) oserror(e.errno);
    throw e;
  }
}

/** mp_vfs_blockdev_call_rw: None/True succeed, False is EIO, a negative int -errno, a positive one EINVAL. */
function result(r: PyObj): void {
  if (r === NoneObj || r === true) return;
  if (r === false) throw new LfsError(EIO);
  const i = wordInt(r);
  if (i > 0) throw new LfsError(EINVAL);
  if (i < 0) throw new LfsError(-i);
}

class PyLfsDevice implements LfsDevice {
  blockSize: number;
  blockCount: number;
  private readblocks: PyObj;
  readonly writeblocks: PyObj | undefined;
  private ioctlFn: PyObj;
  constructor(obj: PyObj) {
    this.readblocks = loadAttr(obj, 'readblocks');
    this.writeblocks = loadAttrMaybe(obj, 'writeblocks');
    this.ioctlFn = loadAttr(obj, 'ioctl');
    this.blockSize = wordInt(call(this.ioctlFn, [IOCTL_BLOCK_SIZE, 0]));
    this.blockCount = wordInt(call(this.ioctlFn, [IOCTL_BLOCK_COUNT, 0]));
  }
  read(block: number, off: number, out: Uint8Array): void {
    const ba = new PyByteArray(out);
    result(call(this.readblocks, [block, ba, off]));
    if (ba.data !== out) out.set(ba.data.subarray(0, out.length));
  }
  prog(block: number, off: number, data: Uint8Array): void {
    if (this.writeblocks === undefined) throw new LfsError(EROFS);
    result(call(this.writeblocks, [block, new PyByteArray(data.slice()), off]));
  }
  erase(block: number): void {
    call(this.ioctlFn, [IOCTL_BLOCK_ERASE, block]);
  }
}

const MAKE_ARGS = [
  { name: 'bdev', required: true }, { name: 'readsize', def: 32 }, { name: 'progsize', def: 32 },
  { name: 'lookahead', kwOnly: true, def: 32 }, { name: 'mtime', kwOnly: true, def: true },
];
const MKFS_ARGS = MAKE_ARGS.slice(0, 4);

function cacheSize(bs: number, r: PyObj, p: PyObj): number {
  return Math.min(bs, 4 * Math.max(wordInt(r), wordInt(p)));
}

export class VfsLfs2Obj extends NativeVfs {
  cwd: string[] = [];
  readonly = false;
  constructor(type: PyType, readonly fs: LittleFs, readonly mtime: boolean) {
    super(type);
  }
  parts(path: string): string[] {
    return normalizePath(path.startsWith('/') ? path : `${this.cwd.join('/')}/${path}`);
  }
  importStat(path: string): 'file' | 'dir' | undefined {
    try {
      const p = this.parts(path);
      if (p.length === 0) return 'dir';
      const e = this.fs.lookup(p).entry;
      return e === undefined ? undefined : e.dir ? 'dir' : 'file';
    } catch (e) {
      if (e instanceof LfsError) return undefined;
      throw e;
    }
  }
  readForImport(path: string): Uint8Array | undefined {
    try {
      const e = this.fs.lookup(this.parts(path)).entry;
      return e === undefined || e.dir ? undefined : this.fs.readFile(e);
    } catch (e) {
      if (e instanceof LfsError) return undefined;
      throw e;
    }
  }
}

function pathArg(o: PyObj | undefined): { path: string; bytes: boolean } {
  if (typeof o === 'string') return { path: o, bytes: false };
  if (o instanceof PyBytes) return { path: dec.decode(o.data), bytes: true };
  throw typeError(`can't convert '${typeOf(o ?? NoneObj).name}' object to str implicitly`);
}
const self = (a: PyObj[]): VfsLfs2Obj => a[0] as VfsLfs2Obj;
const pathOf = (a: PyObj[], i = 1): string[] => self(a).parts(pathArg(a[i]).path);

function nowNs(): Uint8Array {
  let ns = BigInt(Date.now()) * 1000000n;
  const b = new Uint8Array(8);
  for (let i = 0; i < 8; i++) {
    b[i] = Number(ns & 0xffn);
    ns >>= 8n;
  }
  return b;
}

/** A littlefs file: operations on a closed one are a bare ValueError, as vfs_lfsx_file's check_open. */
class LfsStream extends PyStream {
  override check(): void {
    if (this.closed) throw excArgs(ValueErrorType, []);
  }
  override writeBack(): void {
    if (this.closed) throw excArgs(ValueErrorType, []);
    lfs(() => super.writeBack());
  }
}

function openLfs(vfs: VfsLfs2Obj, path: string[], modeIn: PyObj): PyStream {
  const m = parseOpenMode(modeIn);
  const { write, create, binary } = m;
  // no r, w, x or a: read, as upstream's mode parsing starts from LFS_O_RDONLY
  const read = m.read || !write;
  const fs = vfs.fs;
  if (path.length === 0) oserror(EISDIR);
  const { dir, entry } = lfs(() => fs.lookup(path));
  // lfs_file_open reads the directory from the device, which is where a failing device shows
  lfs(() => fs.touch(dir));
  if (entry?.dir) oserror(EISDIR);
  if (create === 'new' && entry) oserror(EEXIST);
  if (create === undefined && !entry) oserror(ENOENT);
  if (write && vfs.readonly) oserror(EROFS);
  let e = entry;
  let data: Uint8Array = new Uint8Array(0);
  const stamp = (x: LfsEntry): void => {
    if (vfs.mtime) x.attrs.set(ATTR_MTIME, nowNs());
  };
  if (e === undefined || create === 'always') {
    if (e === undefined) {
      e = { name: enc.encode(path[path.length - 1]), dir: undefined, inline: new Uint8Array(0), ctz: undefined, attrs: new Map() };
      lfs(() => fs.insert(dir, e as LfsEntry));
    }
    const ne = e;
    stamp(ne);
    lfs(() => fs.setFile(dir, ne, new Uint8Array(0)));
  } else data = lfs(() => fs.readFile(e as LfsEntry));
  const target = e;
  const onClose = write ? (d: Uint8Array): void => {
    stamp(target);
    fs.setFile(dir, target, d.slice());
  } : undefined;
  const s = new LfsStream(binary ? FileIOType : TextIOWrapperType, data, !binary, onClose, write);
  s.readable = read;
  s.fd = NO_FD;
  s.seekMax = FILE_MAX;
  if (create === 'open') s.pos = data.length;
  return s;
}

function statOf(vfs: VfsLfs2Obj, e: LfsEntry): PyTuple {
  const m = e.attrs.get(ATTR_MTIME);
  let secs = 0;
  if (m !== undefined && m.length === 8) {
    let ns = 0n;
    for (let i = 7; i >= 0; i--) ns = (ns << 8n) | BigInt(m[i] ?? 0);
    secs = Number(ns / 1000000000n);
  }
  return new PyTuple([e.dir ? S_IFDIR : S_IFREG, 0, 0, 0, 0, 0, entrySize(e), secs, secs, secs]);
}

function findDir(vfs: VfsLfs2Obj, p: string[]): LfsDir {
  if (p.length === 0) return vfs.fs.root;
  const e = lfs(() => vfs.fs.lookup(p)).entry;
  if (e === undefined) oserror(ENOENT);
  if (e.dir === undefined) oserror(ENOTDIR);
  return e.dir;
}

/** lfs_remove, behind both remove and rmdir: a file or an empty directory. */
function remove(vfs: VfsLfs2Obj, p: string[]): void {
  if (p.length === 0) oserror(EINVAL);
  const fs = vfs.fs;
  const { dir, entry, index } = lfs(() => fs.lookup(p));
  if (entry === undefined) oserror(ENOENT);
  if (vfs.readonly) oserror(EROFS);
  if (entry.dir && entry.dir.entries.length > 0) oserror(ENOTEMPTY);
  const pred = entry.dir ? fs.predecessor(entry.dir) : undefined;
  dir.entries.splice(index, 1);
  lfs(() => {
    fs.commit(dir);
    if (pred && pred !== dir) fs.commit(pred);
  });
}

function makeType(): PyType {
  const t = nativeClass('VfsLfs2', {
    mount: fixed(3, 3, (a) => {
      if (isTrue(a[1] as PyObj)) self(a).readonly = true;
      return NoneObj;
    }),
    umount: fixed(1, 1, () => NoneObj),
    open: fixed(3, 3, (a) => openLfs(self(a), pathOf(a), a[2] as PyObj)),
    ilistdir: fixed(1, 2, (a) => {
      const v = self(a);
      const p = a.length > 1 ? pathArg(a[1]) : { path: '', bytes: false };
      const d = findDir(v, v.parts(p.path));
      const items = d.entries.map((e) => new PyTuple([
        p.bytes ? new PyBytes(e.name.slice()) : dec.decode(e.name), e.dir ? S_IFDIR : S_IFREG, 0, entrySize(e),
      ]));
      return new ListIter(new PyList(items));
    }),
    mkdir: fixed(2, 2, (a) => {
      const v = self(a);
      const p = pathOf(a);
      if (p.length === 0) oserror(EEXIST);
      const fs = v.fs;
      const { dir, entry } = lfs(() => fs.lookup(p));
      if (entry) oserror(EEXIST);
      if (v.readonly) oserror(EROFS);
      lfs(() => {
        const nd = fs.newDir();
        const e: LfsEntry = { name: enc.encode(p[p.length - 1]), dir: nd, inline: undefined, ctz: undefined, attrs: new Map() };
        fs.insert(dir, e);
        fs.commit(nd);
        const pred = fs.predecessor(nd);
        fs.commit(dir);
        if (pred && pred !== dir) fs.commit(pred);
      });
      return NoneObj;
    }),
    remove: fixed(2, 2, (a) => {
      remove(self(a), pathOf(a));
      return NoneObj;
    }),
    rmdir: fixed(2, 2, (a) => {
      remove(self(a), pathOf(a));
      return NoneObj;
    }),
    rename: fixed(3, 3, (a) => {
      const v = self(a);
      const fs = v.fs;
      const from = pathOf(a, 1);
      const to = pathOf(a, 2);
      const src = lfs(() => fs.lookup(from));
      if (src.entry === undefined) oserror(ENOENT);
      const dst = lfs(() => fs.lookup(to));
      if (v.readonly) oserror(EROFS);
      if (dst.entry === src.entry) return NoneObj;
      if (dst.entry) {
        if (!!dst.entry.dir !== !!src.entry.dir) oserror(src.entry.dir ? ENOTDIR : EISDIR);
        if (dst.entry.dir && dst.entry.dir.entries.length > 0) oserror(ENOTEMPTY);
        dst.dir.entries.splice(dst.index, 1);
      }
      const e = src.entry;
      src.dir.entries.splice(src.dir.entries.indexOf(e), 1);
      e.name = enc.encode(to[to.length - 1]);
      lfs(() => {
        fs.insert(dst.dir, e);
        fs.commit(dst.dir);
        if (src.dir !== dst.dir) fs.commit(src.dir);
      });
      return NoneObj;
    }),
    chdir: fixed(2, 2, (a) => {
      const v = self(a);
      const p = pathOf(a);
      // vfs_lfsx's chdir checks for a directory with stat: anything else is ENOENT
      if (p.length > 0) {
        const e = lfs(() => v.fs.lookup(p)).entry;
        if (e?.dir === undefined) oserror(ENOENT);
      }
      v.cwd = p;
      return NoneObj;
    }),
    getcwd: fixed(1, 1, (a) => '/' + self(a).cwd.join('/')),
    stat: fixed(2, 2, (a) => {
      const v = self(a);
      const p = pathOf(a);
      if (p.length === 0) return new PyTuple([S_IFDIR, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
      const e = lfs(() => v.fs.lookup(p)).entry;
      if (e === undefined) oserror(ENOENT);
      return statOf(v, e);
    }),
    statvfs: fixed(2, 2, (a) => {
      const fs = self(a).fs;
      const bs = fs.dev.blockSize;
      const n = fs.dev.blockCount;
      const free = n - lfs(() => fs.traverseCount());
      return new PyTuple([bs, bs, n, free, free, 0, 0, 0, 0, 255]);
    }),
  });
  t.dict.set('mkfs', new PyStaticMethod(new PyBuiltin('mkfs', (pos, kw) => {
    const [bdev, r, p] = parseArgs(pos, kw, MKFS_ARGS) as [PyObj, PyObj, PyObj];
    const dev = new PyLfsDevice(bdev);
    lfs(() => LittleFs.format(dev, cacheSize(dev.blockSize, r, p)));
    return NoneObj;
  })));
  t.make = (cls, args: PyObj[], kw: KwArgs | undefined) => {
    const [bdev, r, p, , mtime] = parseArgs(args, kw, MAKE_ARGS) as [PyObj, PyObj, PyObj, PyObj, PyObj];
    const dev = new PyLfsDevice(bdev);
    const fs = new LittleFs(dev, cacheSize(dev.blockSize, r, p));
    lfs(() => fs.mount());
    const v = new VfsLfs2Obj(cls, fs, isTrue(mtime));
    if (dev.writeblocks === undefined) v.readonly = true;
    return v;
  };
  return t;
}

export const VfsLfs2Type: PyType = makeType();

/** mp_vfs_autodetect: "littlefs" at offset 8 of block 0 or 1 means VfsLfs2, anything else VfsFat. */
function autodetect(bdev: PyObj): PyObj {
  try {
    const rb = loadAttr(bdev, 'readblocks');
    for (let n = 0; n <= 1; n++) {
      const ba = new PyByteArray(new Uint8Array(44));
      call(rb, [n, ba, 8]);
      if (dec.decode(ba.data.subarray(0, 8)) === 'littlefs') return VfsLfs2Type.make?.(VfsLfs2Type, [bdev], undefined) ?? NoneObj;
    }
  } catch (e) {
    // as upstream, a device without the extended readblocks (or failing to read) is tried as FAT
    if (!(e instanceof PyException)) throw e;
  }
  return makeVfsFat(VfsFatType, bdev);
}
setBlockDeviceVfs(autodetect);
