// A littlefs v2 engine (the on-disk format of lib/littlefs, disk version 2.1) over a block device with
// byte offsets. The whole tree is read at mount and kept in memory; every change rewrites the affected
// directory's metadata pair as one compacted commit into its other block (revision + 1), which is a
// state littlefs itself produces and reads. Files of up to inline_max bytes live in their directory
// entry; larger ones are CTZ skip-lists written to fresh blocks when the file is synced.
// Not done: splitting a directory whose entries outgrow one block, wear levelling (block_cycles),
// reading pending moves (gstate) and the version 1 format (VfsLfs1).

export const ENOENT = 2;
export const EIO = 5;
export const EEXIST = 17;
export const ENOTDIR = 20;
export const EISDIR = 21;
export const EINVAL = 22;
export const ENOSPC = 28;
export const ENOTEMPTY = 39;
export const ENODEV = 19;
export const EROFS = 30;

export class LfsError extends Error {
  constructor(readonly errno: number) {
    super(`littlefs errno ${errno}`);
  }
}

export interface LfsDevice {
  blockSize: number;
  blockCount: number;
  read(block: number, off: number, out: Uint8Array): void;
  prog(block: number, off: number, data: Uint8Array): void;
  erase(block: number): void;
}

const T_REG = 0x001;
const T_DIR = 0x002;
const T_SUPERBLOCK = 0x0ff;
const T_DIRSTRUCT = 0x200;
const T_INLINESTRUCT = 0x201;
const T_CTZSTRUCT = 0x202;
const T_USERATTR = 0x300;
const T_SPLICE = 0x400;
const T_CREATE = 0x401;
const T_DELETE = 0x4ff;
const T_TAIL = 0x600;
const T_CRC = 0x500;
const NAME_MAX = 255;
export const FILE_MAX = 2147483647;
const ATTR_MAX = 1022;
const DISK_VERSION = 0x00020001;
const NULL_BLOCK = 0xffffffff;

let crcTable: Uint32Array | undefined;
/** lfs_crc: CRC-32 (reflected 0x04c11db7) without the final inversion. */
export function lfsCrc(crc: number, data: Uint8Array): number {
  if (crcTable === undefined) {
    crcTable = new Uint32Array(256);
    for (let i = 0; i < 256; i++) {
      let c = i;
      for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
      crcTable[i] = c >>> 0;
    }
  }
  let c = crc >>> 0;
  for (const b of data) c = ((crcTable[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8)) >>> 0;
  return c;
}

function mktag(type: number, id: number, size: number): number {
  return ((type << 20) | (id << 10) | size) >>> 0;
}
const le32 = (b: Uint8Array, o: number): number => ((b[o] ?? 0) | ((b[o + 1] ?? 0) << 8) | ((b[o + 2] ?? 0) << 16) | ((b[o + 3] ?? 0) << 24)) >>> 0;
const be32 = (b: Uint8Array, o: number): number => (((b[o] ?? 0) << 24) | ((b[o + 1] ?? 0) << 16) | ((b[o + 2] ?? 0) << 8) | (b[o + 3] ?? 0)) >>> 0;
function putLe32(b: Uint8Array, o: number, v: number): void {
  b[o] = v & 0xff;
  b[o + 1] = (v >>> 8) & 0xff;
  b[o + 2] = (v >>> 16) & 0xff;
  b[o + 3] = (v >>> 24) & 0xff;
}
function le32s(...vs: number[]): Uint8Array {
  const b = new Uint8Array(vs.length * 4);
  vs.forEach((v, i) => putLe32(b, i * 4, v));
  return b;
}
function ctz(n: number): number {
  return 31 - Math.clz32(n & -n);
}

export interface LfsEntry {
  name: Uint8Array;
  dir: LfsDir | undefined;
  /** A file's bytes when inline. */
  inline: Uint8Array | undefined;
  ctz: { head: number; size: number } | undefined;
  attrs: Map<number, Uint8Array>;
}

export interface LfsDir {
  pair: [number, number];
  rev: number;
  entries: LfsEntry[];
}

/** The order littlefs keeps a directory in: bytes, then, for a common prefix, the longer name first. */
function cmpName(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
  return b.length - a.length;
}

export function entrySize(e: LfsEntry): number {
  return e.inline ? e.inline.length : e.ctz ? e.ctz.size : 0;
}

export class LittleFs {
  root: LfsDir = { pair: [0, 1], rev: 0, entries: [] };
  readonly inlineMax: number;
  constructor(readonly dev: LfsDevice, cacheSize: number) {
    this.inlineMax = Math.min(cacheSize, ATTR_MAX, dev.blockSize / 8);
  }

  static format(dev: LfsDevice, cacheSize: number): void {
    // the root pair takes two blocks (lfs_alloc would run out)
    if (dev.blockCount < 2) throw new LfsError(ENOSPC);
    const fs = new LittleFs(dev, cacheSize);
    fs.root = { pair: [0, 1], rev: 0, entries: [] };
    fs.commit(fs.root);
    fs.commit(fs.root);
  }

  // --- reading
  private readBlock(block: number): Uint8Array {
    if (block >= this.dev.blockCount) throw new LfsError(EIO);
    const b = new Uint8Array(this.dev.blockSize);
    this.dev.read(block, 0, b);
    return b;
  }

  /** The tags of a metadata block's valid commits applied in order, or undefined when none is valid. */
  private parseBlock(block: number): { rev: number; ids: Map<number, Map<number, Uint8Array>>; count: number; tail: [number, number] | undefined } | undefined {
    const b = this.readBlock(block);
    const rev = le32(b, 0);
    let crc = lfsCrc(0xffffffff, b.subarray(0, 4));
    let off = 4;
    let ptag = 0xffffffff;
    // entries keyed by id, then by full type
    let ids: Array<Map<number, Uint8Array>> = [];
    let tail: [number, number] | undefined;
    let pending: Array<{ tag: number; data: Uint8Array }> = [];
    let good: { ids: Array<Map<number, Uint8Array>>; tail: [number, number] | undefined } | undefined;
    while (off + 4 <= b.length) {
      const raw = be32(b, off);
      const tag = (raw ^ ptag) >>> 0;
      if (tag & 0x80000000) break;
      const size = tag & 0x3ff;
      const dsize = size === 0x3ff ? 0 : size;
      if (off + 4 + dsize > b.length) break;
      const type = (tag >>> 20) & 0x7ff;
      if ((type & 0x700) === T_CRC) {
        crc = lfsCrc(crc, b.subarray(off, off + 4));
        if (type !== T_CRC && type !== T_CRC + 1) {
          // FCRC: only covered by the checksum
          crc = lfsCrc(crc, b.subarray(off + 4, off + 4 + dsize));
          ptag = tag;
          off += 4 + dsize;
          continue;
        }
        if (le32(b, off + 4) !== crc) break;
        for (const p of pending) {
          const t = (p.tag >>> 20) & 0x7ff;
          const id = (p.tag >>> 10) & 0x3ff;
          if (t === T_CREATE) ids.splice(id, 0, new Map());
          else if (t === T_DELETE) ids.splice(id, 1);
          else if ((t & 0x700) === T_TAIL) tail = [le32(p.data, 0), le32(p.data, 4)];
          else if ((t & 0x700) === 0x700 || (t & 0x700) === T_SPLICE) continue;
          else {
            while (ids.length <= id) ids.push(new Map());
            const m = ids[id] as Map<number, Uint8Array>;
            // one name and one struct per entry; a user attribute per type
            const key = (t & 0x700) === 0 ? 0 : (t & 0x700) === 0x200 ? 0x200 : t;
            if ((p.tag & 0x3ff) === 0x3ff) m.delete(key);
            else {
              m.set(key, p.data);
              if (key === 0) m.set(-1, new Uint8Array([t]));
              if (key === 0x200) m.set(-2, new Uint8Array([t & 0xff]));
            }
          }
        }
        pending = [];
        good = { ids: ids.map((m) => new Map(m)), tail };
        ptag = (tag ^ ((type & 1) << 31)) >>> 0;
        crc = 0xffffffff;
        off += 4 + dsize;
        continue;
      }
      crc = lfsCrc(crc, b.subarray(off, off + 4 + dsize));
      pending.push({ tag, data: b.slice(off + 4, off + 4 + dsize) });
      ptag = tag;
      off += 4 + dsize;
    }
    if (good === undefined) return undefined;
    ids = good.ids;
    const out = new Map<number, Map<number, Uint8Array>>();
    ids.forEach((m, i) => out.set(i, m));
    return { rev, ids: out, count: ids.length, tail: good.tail };
  }

  private fetchPair(pair: [number, number]): { rev: number; pair: [number, number]; ids: Map<number, Map<number, Uint8Array>>; tail: [number, number] | undefined } {
    const a = this.parseBlock(pair[0]);
    const b = this.parseBlock(pair[1]);
    if (a === undefined && b === undefined) throw new LfsError(EIO);
    // the newer revision (sequence comparison) is the pair's current block
    const useB = a === undefined || (b !== undefined && ((b.rev - a.rev) | 0) > 0);
    const r = (useB ? b : a) as NonNullable<typeof a>;
    return { rev: r.rev, pair: useB ? [pair[1], pair[0]] : [pair[0], pair[1]], ids: r.ids, tail: r.tail };
  }

  private loadDir(pair: [number, number], isRoot: boolean): LfsDir {
    const f = this.fetchPair(pair);
    const dir: LfsDir = { pair: f.pair, rev: f.rev, entries: [] };
    for (const [, m] of [...f.ids].sort((x, y) => x[0] - y[0])) {
      const name = m.get(0);
      const t = m.get(-1)?.[0];
      if (name === undefined || t === undefined) continue;
      if (isRoot && t === (T_SUPERBLOCK & 0xff)) {
        const sb = m.get(0x200);
        if (cmpName(name, new TextEncoder().encode('littlefs')) !== 0 || sb === undefined) throw new LfsError(EINVAL);
        continue;
      }
      const s = m.get(0x200);
      const st = m.get(-2)?.[0];
      const attrs = new Map<number, Uint8Array>();
      for (const [k, v] of m) if (k >= T_USERATTR && k < T_USERATTR + 0x100) attrs.set(k & 0xff, v);
      const e: LfsEntry = { name, dir: undefined, inline: undefined, ctz: undefined, attrs };
      if (t === T_DIR && s !== undefined) e.dir = this.loadDir([le32(s, 0), le32(s, 4)], false);
      else if (t === T_REG) {
        if (st === (T_CTZSTRUCT & 0xff) && s !== undefined) e.ctz = { head: le32(s, 0), size: le32(s, 4) };
        else e.inline = s ?? new Uint8Array(0);
      } else continue;
      dir.entries.push(e);
    }
    return dir;
  }

  mount(): void {
    const f = this.fetchPair([0, 1]);
    let found = false;
    for (const [, m] of f.ids) {
      const name = m.get(0);
      if (m.get(-1)?.[0] === (T_SUPERBLOCK & 0xff) && name && new TextDecoder().decode(name) === 'littlefs') {
        const sb = m.get(0x200);
        if (sb === undefined || le32(sb, 4) !== this.dev.blockSize) throw new LfsError(EINVAL);
        if ((le32(sb, 0) >>> 16) !== 2) throw new LfsError(EINVAL);
        found = true;
      }
    }
    if (!found) throw new LfsError(EINVAL);
    this.root = this.loadDir([0, 1], true);
  }

  /** Reads the start of a directory's current block (a device error surfaces here). */
  touch(d: LfsDir): void {
    this.dev.read(d.pair[0], 0, new Uint8Array(4));
  }

  readFile(e: LfsEntry): Uint8Array {
    if (e.inline) return e.inline.slice();
    if (!e.ctz) return new Uint8Array(0);
    const bs = this.dev.blockSize;
    const { head, size } = e.ctz;
    const out = new Uint8Array(size);
    if (size === 0) return out;
    const caps = ctzCaps(bs, size);
    let block = head;
    let pos = size;
    for (let i = caps.length - 1; i >= 0; i--) {
      const b = this.readBlock(block);
      const skip = i === 0 ? 0 : 4 * (ctz(i) + 1);
      const n = Math.min(caps[i] ?? 0, pos - caps.slice(0, i).reduce((x, y) => x + y, 0));
      pos -= n;
      out.set(b.subarray(skip, skip + n), pos);
      if (i > 0) block = le32(b, 0);
    }
    return out;
  }

  // --- allocation
  /** Blocks in use: metadata pairs and CTZ blocks (lfs_fs_traverse). */
  usedBlocks(): Set<number> {
    const used = new Set<number>();
    const walk = (d: LfsDir): void => {
      used.add(d.pair[0]);
      used.add(d.pair[1]);
      for (const e of d.entries) {
        if (e.dir) walk(e.dir);
        else if (e.ctz && e.ctz.size > 0) for (const b of this.ctzBlocks(e.ctz.head, e.ctz.size)) used.add(b);
      }
    };
    walk(this.root);
    return used;
  }
  /**
   * The blocks lfs_fs_traverse visits (statvfs counts them as used): each metadata pair of the tail
   * list, a directory's pair again from its entry (orphans included), and every CTZ block.
   */
  traverseCount(): number {
    let n = 0;
    const walk = (d: LfsDir): void => {
      n += 2;
      for (const e of d.entries) {
        if (e.dir) {
          n += 2;
          walk(e.dir);
        } else if (e.ctz && e.ctz.size > 0) n += ctzCaps(this.dev.blockSize, e.ctz.size).length;
      }
    };
    walk(this.root);
    return n;
  }
  private ctzBlocks(head: number, size: number): number[] {
    const n = ctzCaps(this.dev.blockSize, size).length;
    const out = [head];
    let block = head;
    for (let i = n - 1; i > 0; i--) {
      const b = new Uint8Array(4);
      this.dev.read(block, 0, b);
      block = le32(b, 0);
      out.push(block);
    }
    return out;
  }
  private allocCursor = 0;
  alloc(used: Set<number>): number {
    const n = this.dev.blockCount;
    for (let k = 0; k < n; k++) {
      const b = (this.allocCursor + k) % n;
      if (!used.has(b)) {
        used.add(b);
        this.allocCursor = (b + 1) % n;
        return b;
      }
    }
    throw new LfsError(ENOSPC);
  }

  /** Stores a file's bytes in its entry (inline) or a new CTZ list, then commits the directory. */
  setFile(dir: LfsDir, e: LfsEntry, data: Uint8Array): void {
    if (data.length > FILE_MAX) throw new LfsError(EINVAL);
    const old = { inline: e.inline, ctz: e.ctz };
    e.inline = undefined;
    e.ctz = undefined;
    try {
      if (data.length <= this.inlineMax) e.inline = data.slice();
      else e.ctz = this.writeCtz(data);
    } catch (err) {
      e.inline = old.inline;
      e.ctz = old.ctz;
      throw err;
    }
    this.commit(dir);
  }
  private writeCtz(data: Uint8Array): { head: number; size: number } {
    const bs = this.dev.blockSize;
    const caps = ctzCaps(bs, data.length);
    const used = this.usedBlocks();
    const blocks: number[] = [];
    let pos = 0;
    for (let i = 0; i < caps.length; i++) {
      const blk = this.alloc(used);
      blocks.push(blk);
      const buf = new Uint8Array(bs).fill(0xff);
      let skip = 0;
      if (i > 0) {
        const k = ctz(i) + 1;
        for (let j = 0; j < k; j++) putLe32(buf, j * 4, blocks[i - (1 << j)] ?? 0);
        skip = 4 * k;
      }
      const n = Math.min(caps[i] ?? 0, data.length - pos);
      buf.set(data.subarray(pos, pos + n), skip);
      pos += n;
      this.dev.erase(blk);
      this.dev.prog(blk, 0, buf.subarray(0, Math.min(bs, skip + n)));
    }
    return { head: blocks[blocks.length - 1] ?? NULL_BLOCK, size: data.length };
  }

  newDir(): LfsDir {
    const used = this.usedBlocks();
    const a = this.alloc(used);
    const b = this.alloc(used);
    const d: LfsDir = { pair: [a, b], rev: 0, entries: [] };
    return d;
  }

  /** All directories in the thread order of their tails (parents before children). */
  private thread(): LfsDir[] {
    const out: LfsDir[] = [];
    const walk = (d: LfsDir): void => {
      out.push(d);
      for (const e of d.entries) if (e.dir) walk(e.dir);
    };
    walk(this.root);
    return out;
  }

  /** Writes the directory as one compacted commit into the other block of its pair. */
  commit(dir: LfsDir): void {
    const isRoot = dir === this.root;
    const th = this.thread();
    const next = th[th.indexOf(dir) + 1];
    const attrs: Array<{ tag: number; data: Uint8Array }> = [];
    let id = 0;
    if (isRoot) {
      attrs.push({ tag: mktag(T_SUPERBLOCK, 0, 8), data: new TextEncoder().encode('littlefs') });
      const sb = le32s(DISK_VERSION, this.dev.blockSize, this.dev.blockCount, NAME_MAX, FILE_MAX, ATTR_MAX);
      attrs.push({ tag: mktag(T_INLINESTRUCT, 0, sb.length), data: sb });
      id = 1;
    }
    for (const e of dir.entries) {
      attrs.push({ tag: mktag(e.dir ? T_DIR : T_REG, id, e.name.length), data: e.name });
      if (e.dir) attrs.push({ tag: mktag(T_DIRSTRUCT, id, 8), data: le32s(e.dir.pair[0], e.dir.pair[1]) });
      else if (e.ctz) attrs.push({ tag: mktag(T_CTZSTRUCT, id, 8), data: le32s(e.ctz.head, e.ctz.size) });
      else {
        const d = e.inline ?? new Uint8Array(0);
        attrs.push({ tag: mktag(T_INLINESTRUCT, id, d.length), data: d });
      }
      for (const [t, v] of [...e.attrs].sort((x, y) => x[0] - y[0])) attrs.push({ tag: mktag(T_USERATTR + t, id, v.length), data: v });
      id++;
    }
    if (next) attrs.push({ tag: mktag(T_TAIL, 0x3ff, 8), data: le32s(next.pair[0], next.pair[1]) });

    const bs = this.dev.blockSize;
    const prog = 32;
    const buf = new Uint8Array(bs).fill(0xff);
    const rev = (dir.rev + 1) >>> 0;
    putLe32(buf, 0, rev);
    let crc = lfsCrc(0xffffffff, buf.subarray(0, 4));
    let off = 4;
    let ptag = 0xffffffff;
    for (const a of attrs) {
      if (off + 4 + a.data.length + 8 > bs) throw new LfsError(ENOSPC);
      const t = (a.tag ^ ptag) >>> 0;
      buf[off] = t >>> 24;
      buf[off + 1] = (t >>> 16) & 0xff;
      buf[off + 2] = (t >>> 8) & 0xff;
      buf[off + 3] = t & 0xff;
      buf.set(a.data, off + 4);
      crc = lfsCrc(crc, buf.subarray(off, off + 4 + a.data.length));
      ptag = a.tag;
      off += 4 + a.data.length;
    }
    const end = Math.min(Math.ceil(Math.min(off + 20, bs) / prog) * prog, bs);
    const ntag = mktag(T_CRC, 0x3ff, end - (off + 4));
    const t = (ntag ^ ptag) >>> 0;
    buf[off] = t >>> 24;
    buf[off + 1] = (t >>> 16) & 0xff;
    buf[off + 2] = (t >>> 8) & 0xff;
    buf[off + 3] = t & 0xff;
    crc = lfsCrc(crc, buf.subarray(off, off + 4));
    putLe32(buf, off + 4, crc);
    const target = dir.pair[1];
    this.dev.erase(target);
    this.dev.prog(target, 0, buf.subarray(0, end));
    dir.pair = [dir.pair[1], dir.pair[0]];
    dir.rev = rev;
  }

  // --- paths
  /** The directory holding parts' last name, and the entry when present. */
  lookup(parts: string[]): { dir: LfsDir; entry: LfsEntry | undefined; index: number } {
    let dir = this.root;
    const enc = new TextEncoder();
    for (let i = 0; i < parts.length; i++) {
      const name = enc.encode(parts[i]);
      const idx = dir.entries.findIndex((e) => cmpName(e.name, name) === 0);
      const e = dir.entries[idx];
      if (i === parts.length - 1) return { dir, entry: e, index: idx };
      if (e === undefined) throw new LfsError(ENOENT);
      if (e.dir === undefined) throw new LfsError(ENOTDIR);
      dir = e.dir;
    }
    return { dir, entry: undefined, index: -1 };
  }

  insert(dir: LfsDir, e: LfsEntry): void {
    if (e.name.length > NAME_MAX) throw new LfsError(EINVAL);
    let i = 0;
    while (i < dir.entries.length && cmpName((dir.entries[i] as LfsEntry).name, e.name) < 0) i++;
    dir.entries.splice(i, 0, e);
  }

  /** The directory before d in the thread, whose tail must follow d's removal or addition. */
  predecessor(d: LfsDir): LfsDir | undefined {
    const th = this.thread();
    return th[th.indexOf(d) - 1];
  }
}

/** Data bytes held by each block of a CTZ list of `size` bytes (block n > 0 starts with ctz(n)+1 pointers). */
function ctzCaps(bs: number, size: number): number[] {
  const caps: number[] = [];
  let left = size;
  for (let i = 0; left > 0; i++) {
    const c = i === 0 ? bs : bs - 4 * (ctz(i) + 1);
    caps.push(c);
    left -= c;
  }
  if (caps.length === 0) caps.push(bs);
  return caps;
}
