// A FAT12/16/32 file system over a block device: the engine behind vfs.VfsFat. The on-disk layout is
// the one upstream's lib/oofatfs writes (MicroPython's FatFs configuration: one FAT, 512 root entries on
// FAT12/16, long file names, no exFAT), so images made here and by the unix port are interchangeable and
// tests that look at raw blocks see the same bytes where it matters (boot sector, 8.3 names).
// Failures are FatError with the errno upstream's fresult_to_errno_table gives for FatFs's result.
// Sectors touched through the FAT and directories are cached and written back by sync() at the end of
// each operation; file data goes straight to the device.

export const ENOENT = 2;
export const EIO = 5;
export const EACCES = 13;
export const EEXIST = 17;
export const ENODEV = 19;
export const ENOTDIR = 20;
export const EISDIR = 21;
export const EINVAL = 22;
export const ENOSPC = 28;
export const EROFS = 30;

export class FatError extends Error {
  constructor(public errno: number) {
    super(`FAT error ${errno}`);
  }
}
function fail(errno: number): never {
  throw new FatError(errno);
}

/** The block device as FatFs's disk layer sees it (sector-sized reads, whole-sector writes). */
export interface BlockDevice {
  sectorSize(): number;
  sectorCount(): number;
  read(sector: number, out: Uint8Array): void;
  write(sector: number, data: Uint8Array): void;
  sync(): void;
  readonly: boolean;
}

const MAX_FAT12 = 0xff5;
const MAX_FAT16 = 0xfff5;
const MAX_FAT32 = 0x0ffffff5;
const AM_DIR = 0x10;
const AM_ARC = 0x20;
const AM_VOL = 0x08;
const AM_LFN = 0x0f;
const DDEM = 0xe5;
const NS_BODY = 0x08;
const NS_EXT = 0x10;

// Code page 437 (the unix port's FF_CODE_PAGE): names reach FatFs as bytes of that code page (the
// UTF-8 of a str, byte by byte); long names store each byte's Unicode character, 8.3 names the byte
// upper-cased by this table (bytes from 0xb0 up are unchanged).
const CP437_UNI: readonly number[] = [
  0x00c7, 0x00fc, 0x00e9, 0x00e2, 0x00e4, 0x00e0, 0x00e5, 0x00e7, 0x00ea, 0x00eb, 0x00e8, 0x00ef,
  0x00ee, 0x00ec, 0x00c4, 0x00c5, 0x00c9, 0x00e6, 0x00c6, 0x00f4, 0x00f6, 0x00f2, 0x00fb, 0x00f9,
  0x00ff, 0x00d6, 0x00dc, 0x00a2, 0x00a3, 0x00a5, 0x20a7, 0x0192, 0x00e1, 0x00ed, 0x00f3, 0x00fa,
  0x00f1, 0x00d1, 0x00aa, 0x00ba, 0x00bf, 0x2310, 0x00ac, 0x00bd, 0x00bc, 0x00a1, 0x00ab, 0x00bb,
  0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562, 0x2556, 0x2555, 0x2563, 0x2551, 0x2557,
  0x255d, 0x255c, 0x255b, 0x2510, 0x2514, 0x2534, 0x252c, 0x251c, 0x2500, 0x253c, 0x255e, 0x255f,
  0x255a, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256c, 0x2567, 0x2568, 0x2564, 0x2565, 0x2559,
  0x2558, 0x2552, 0x2553, 0x256b, 0x256a, 0x2518, 0x250c, 0x2588, 0x2584, 0x258c, 0x2590, 0x2580,
  0x03b1, 0x00df, 0x0393, 0x03c0, 0x03a3, 0x03c3, 0x00b5, 0x03c4, 0x03a6, 0x0398, 0x03a9, 0x03b4,
  0x221e, 0x03c6, 0x03b5, 0x2229, 0x2261, 0x00b1, 0x2265, 0x2264, 0x2320, 0x2321, 0x00f7, 0x2248,
  0x00b0, 0x2219, 0x00b7, 0x221a, 0x207f, 0x00b2, 0x25a0, 0x00a0,
];
const CP437_UPPER: readonly number[] = [
  0x80, 0x9a, 0x45, 0x41, 0x8e, 0x41, 0x8f, 0x80, 0x45, 0x45, 0x45, 0x49,
  0x49, 0x49, 0x8e, 0x8f, 0x90, 0x92, 0x92, 0x4f, 0x99, 0x4f, 0x55, 0x55,
  0x59, 0x99, 0x9a, 0x9b, 0x9c, 0x9d, 0x9e, 0x9f, 0x41, 0x49, 0x4f, 0x55,
  0xa5, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xab, 0xac, 0xad, 0xae, 0xaf,
];

const le16 = (b: Uint8Array, o: number) => (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8);
const le32 = (b: Uint8Array, o: number) => (le16(b, o) | (le16(b, o + 2) << 16)) >>> 0;
function put16(b: Uint8Array, o: number, v: number): void {
  b[o] = v & 0xff;
  b[o + 1] = (v >>> 8) & 0xff;
}
function put32(b: Uint8Array, o: number, v: number): void {
  put16(b, o, v & 0xffff);
  put16(b, o + 2, (v >>> 16) & 0xffff);
}

/** GET_FATTIME: the packed date (high 16 bits) and time (low) of now, in UTC as the unix port keeps it. */
export function fatTime(now = new Date()): number {
  const y = Math.max(0, now.getUTCFullYear() - 1980);
  return ((y << 25) | ((now.getUTCMonth() + 1) << 21) | (now.getUTCDate() << 16) |
    (now.getUTCHours() << 11) | (now.getUTCMinutes() << 5) | (now.getUTCSeconds() >> 1)) >>> 0;
}

/** Seconds since 1970 of a FAT date and time (vfs_fat's stat reads them as UTC). */
export function fatSeconds(date: number, time: number): number {
  const ms = Date.UTC(1980 + ((date >> 9) & 0x7f), ((date >> 5) & 0x0f) - 1, date & 0x1f,
    (time >> 11) & 0x1f, (time >> 5) & 0x3f, 2 * (time & 0x1f));
  return Math.floor(ms / 1000);
}

// ---- formatting ----

class MkfsAborted extends Error {}

/**
 * f_mkfs's layout for `fat32` false (FAT12/16 only, no partition table) or true (FAT32 in a partition
 * starting at sector 63, with an MBR), cluster size chosen automatically.
 */
function format(dev: BlockDevice, fat32: boolean): void {
  const ss = dev.sectorSize();
  const nFats = 1;
  const nRootDir = 512;
  const bVol = fat32 ? 63 : 0;
  const total = dev.sectorCount();
  if (total < bVol) throw new MkfsAborted();
  const szVol = total - bVol;
  if (szVol < 22) throw new MkfsAborted();
  let type: 12 | 16 | 32 = fat32 ? 32 : 16;
  let au = 0;
  let pau: number, szFat: number, szRsv: number, szDir: number, nClst: number;
  for (;;) {
    pau = au;
    if (type === 32) {
      if (pau === 0) {
        // cluster size doubles at each 1, 2, 4, 8, 16, 32 × 64 MiB (128K sectors) step
        const n = Math.floor(szVol / 0x20000);
        pau = 1;
        for (const b of [1, 2, 4, 8, 16, 32]) if (b <= n) pau <<= 1; else break;
      }
      nClst = Math.floor(szVol / pau);
      szFat = Math.floor((nClst * 4 + 8 + ss - 1) / ss);
      szRsv = 32;
      szDir = 0;
      if (nClst <= MAX_FAT16 || nClst > MAX_FAT32) throw new MkfsAborted();
    } else {
      if (pau === 0) {
        const n = Math.floor(szVol / 0x1000);
        pau = 1;
        for (const b of [1, 4, 16, 64, 256, 512]) if (b <= n) pau <<= 1; else break;
      }
      nClst = Math.floor(szVol / pau);
      let bytes: number;
      if (nClst > MAX_FAT12) {
        bytes = nClst * 2 + 4;
      } else {
        type = 12;
        bytes = Math.floor((nClst * 3 + 1) / 2) + 3;
      }
      szFat = Math.floor((bytes + ss - 1) / ss);
      szRsv = 1;
      szDir = (nRootDir * 32) / ss;
    }
    const bData = bVol + szRsv + szFat * nFats + szDir;
    if (szVol < bData + pau * 16 - bVol) throw new MkfsAborted();
    nClst = Math.floor((szVol - szRsv - szFat * nFats - szDir) / pau);
    if (type === 32 && nClst <= MAX_FAT16) {
      if (au === 0 && (au = pau >> 1) !== 0) continue;
      throw new MkfsAborted();
    }
    if (type === 16) {
      if (nClst > MAX_FAT16) {
        if (au === 0 && pau * 2 <= 64) {
          au = pau * 2;
          continue;
        }
        if (au === 0 && (au = pau * 2) <= 128) continue;
        throw new MkfsAborted();
      }
      if (nClst <= MAX_FAT12) {
        if (au === 0 && (au = pau * 2) <= 128) continue;
        throw new MkfsAborted();
      }
    }
    if (type === 12 && nClst > MAX_FAT12) throw new MkfsAborted();
    break;
  }
  const vsn = fatTime();
  const vbr = new Uint8Array(ss);
  vbr.set([0xeb, 0xfe, 0x90, ...new TextEncoder().encode('MSDOS5.0')], 0);
  put16(vbr, 11, ss);
  vbr[13] = pau;
  put16(vbr, 14, szRsv);
  vbr[16] = nFats;
  put16(vbr, 17, type === 32 ? 0 : nRootDir);
  if (szVol < 0x10000) put16(vbr, 19, szVol);
  else put32(vbr, 32, szVol);
  vbr[21] = 0xf8;
  put16(vbr, 24, 63);
  put16(vbr, 26, 255);
  put32(vbr, 28, bVol);
  const label = (fs: string) => new TextEncoder().encode('NO NAME    ' + fs);
  if (type === 32) {
    put32(vbr, 67, vsn);
    put32(vbr, 36, szFat);
    put32(vbr, 44, 2);
    put16(vbr, 48, 1);
    put16(vbr, 50, 6);
    vbr[64] = 0x80;
    vbr[66] = 0x29;
    vbr.set(label('FAT32   '), 71);
  } else {
    put32(vbr, 39, vsn);
    put16(vbr, 22, szFat);
    vbr[36] = 0x80;
    vbr[38] = 0x29;
    vbr.set(label('FAT     '), 43);
  }
  put16(vbr, 510, 0xaa55);
  dev.write(bVol, vbr);
  if (type === 32) {
    dev.write(bVol + 6, vbr);
    const fsi = new Uint8Array(ss);
    put32(fsi, 0, 0x41615252);
    put32(fsi, 484, 0x61417272);
    put32(fsi, 488, nClst - 1);
    put32(fsi, 492, 2);
    put16(fsi, 510, 0xaa55);
    dev.write(bVol + 7, fsi);
    dev.write(bVol + 1, fsi);
  }
  // FAT: entries 0 and 1 (and the root directory's cluster 2 on FAT32), the rest free
  let sect = bVol + szRsv;
  const first = new Uint8Array(ss);
  if (type === 32) {
    put32(first, 0, 0xfffffff8);
    put32(first, 4, 0xffffffff);
    put32(first, 8, 0x0fffffff);
  } else {
    put32(first, 0, type === 12 ? 0xfffff8 : 0xfffffff8);
  }
  const zero = new Uint8Array(ss);
  for (let i = 0; i < szFat * nFats; i++) dev.write(sect++, i % szFat === 0 ? first : zero);
  const dirSectors = type === 32 ? pau : szDir;
  for (let i = 0; i < dirSectors; i++) dev.write(sect++, zero);
  if (type === 32) {
    // the partition table of a single partition (FDISK format)
    const mbr = new Uint8Array(ss);
    put16(mbr, 510, 0xaa55);
    const pte = 446;
    mbr[pte + 1] = 1;
    mbr[pte + 2] = 1;
    mbr[pte + 4] = 0x0c;
    const n = Math.floor((bVol + szVol) / (63 * 255));
    mbr[pte + 5] = 254;
    mbr[pte + 6] = ((n >> 2) & 0xc0) | 63;
    mbr[pte + 7] = n & 0xff;
    put32(mbr, pte + 8, bVol);
    put32(mbr, pte + 12, szVol);
    dev.write(0, mbr);
  }
  dev.sync();
}

/** VfsFat.mkfs: FAT12/16 if the size allows, else FAT32 (vfs_fat's retry); errors as FR_MKFS_ABORTED. */
export function mkfs(dev: BlockDevice, allowFat32 = true): void {
  if (dev.readonly) fail(EROFS);
  try {
    format(dev, false);
  } catch (e) {
    if (!(e instanceof MkfsAborted)) throw e;
    if (!allowFat32) fail(EIO);
    try {
      format(dev, true);
    } catch (e2) {
      if (e2 instanceof MkfsAborted) fail(EIO);
      throw e2;
    }
  }
}

// ---- names ----

/** A directory entry as read: its display name and where its slots are. */
export interface DirEntry {
  name: string;
  sfn: Uint8Array;
  attr: number;
  cluster: number;
  size: number;
  date: number;
  time: number;
  /** Slot indexes in the directory: LFN entries first, the 8.3 entry last. */
  first: number;
  last: number;
}

function lfnSum(sfn: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < 11; i++) sum = (((sum & 1) << 7) + (sum >> 1) + (sfn[i] ?? 0)) & 0xff;
  return sum;
}

const LFN_OFFS = [1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30];

function sfnDisplay(e: Uint8Array, ntres: number): string {
  let body = '';
  let ext = '';
  for (let i = 0; i < 8; i++) body += String.fromCharCode(i === 0 && e[0] === 0x05 ? DDEM : e[i] ?? 32);
  for (let i = 8; i < 11; i++) ext += String.fromCharCode(e[i] ?? 32);
  body = body.replace(/ +$/, '');
  ext = ext.replace(/ +$/, '');
  const lower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
  if (ntres & NS_BODY) body = lower(body);
  if (ntres & NS_EXT) ext = lower(ext);
  return ext === '' ? body : `${body}.${ext}`;
}

interface NewName {
  sfn: Uint8Array;
  ntres: number;
  /** The long name to store, or undefined when the 8.3 entry says it all. */
  lfn: string | undefined;
  /** The 8.3 name lost characters: a ~n tail is needed. */
  lossy: boolean;
}

/** A name's character (a code-page byte) upper-cased as FatFs compares and stores 8.3 names. */
function upperByte(c: number): number {
  if (c >= 97 && c <= 122) return c - 32;
  if (c >= 0x80 && c < 0xb0) return CP437_UPPER[c - 0x80] ?? c;
  return c;
}
function upperName(s: string): string {
  let o = '';
  for (let i = 0; i < s.length; i++) o += String.fromCharCode(upperByte(s.charCodeAt(i)));
  return o;
}
/** A long-name UTF-16 unit as the code-page byte it stands for ('?' when it has none). */
function uniToByte(w: number): number {
  if (w < 0x80) return w;
  const i = CP437_UNI.indexOf(w);
  return i < 0 ? 63 : i + 0x80;
}

/**
 * create_name's rules: leading spaces and dots, embedded spaces and dots, overflowing parts and
 * "+,;=[]" lose information (a ~n tail is needed); any of those, a non-ASCII byte or mixed case in a
 * part needs a long-name entry; otherwise an all-lower-case part is flagged in NTres.
 */
function makeName(nameIn: string): NewName {
  const name = nameIn.replace(/[ .]+$/, '');
  if (name === '' || name.length > 255) fail(EINVAL);
  for (let k = 0; k < name.length; k++) {
    const c = name.charCodeAt(k);
    if (c < 32 || '*:<>|"?\\\x7f'.includes(name[k] as string)) fail(EINVAL);
  }
  const sfn = new Uint8Array(11).fill(32);
  let lossy = false;
  let needLfn = false;
  let si = 0;
  while (name[si] === ' ') si++;
  if (si > 0 || name[si] === '.') lossy = true;
  const extAt = name.lastIndexOf('.') + 1; // 0: no extension
  let i = 0;
  let ni = 8;
  let b = 0;
  while (si < name.length) {
    let c = name.charCodeAt(si++);
    if (c === 32 || (c === 46 && si !== extAt)) {
      lossy = true;
      continue;
    }
    if (i >= ni || si === extAt) {
      if (ni === 11) {
        lossy = true;
        break;
      }
      if (si !== extAt) lossy = true;
      if (si > extAt) break;
      si = extAt;
      i = 8;
      ni = 11;
      b <<= 2;
      continue;
    }
    if (c >= 0x80) {
      needLfn = true;
      c = upperByte(c);
    } else if ('+,;='.includes(String.fromCharCode(c)) || c === 91 || c === 93) {
      c = 95;
      lossy = true;
    } else if (c >= 65 && c <= 90) {
      b |= 2;
    } else if (c >= 97 && c <= 122) {
      b |= 1;
      c -= 32;
    }
    sfn[i++] = c;
  }
  if (sfn[0] === DDEM) sfn[0] = 0x05;
  if (ni === 8) b <<= 2;
  if ((b & 0x0c) === 0x0c || (b & 0x03) === 0x03) needLfn = true;
  if (lossy || needLfn) return { sfn, ntres: 0, lfn: name, lossy };
  let ntres = 0;
  if (b & 0x01) ntres |= NS_EXT;
  if (b & 0x04) ntres |= NS_BODY;
  return { sfn, ntres, lfn: undefined, lossy: false };
}

/** gen_numname: the 8.3 body with a "~seq" tail (a hash of the long name from the 6th try on). */
function numberedName(base: Uint8Array, lfn: string, seqIn: number): Uint8Array {
  const out = base.slice();
  let seq = seqIn;
  if (seq > 5) {
    let sreg = seq;
    for (let k = 0; k < lfn.length; k++) {
      let wc = lfn.charCodeAt(k);
      for (let b = 0; b < 16; b++) {
        sreg = (sreg << 1) + (wc & 1);
        wc >>= 1;
        if (sreg & 0x10000) sreg ^= 0x11021;
      }
    }
    seq = sreg;
  }
  const tail = '~' + seq.toString(16).toUpperCase();
  let j = 0;
  while (j < 8 - tail.length && out[j] !== 32) j++;
  for (const ch of tail) out[j++] = ch.charCodeAt(0);
  while (j < 8) out[j++] = 32;
  return out;
}

// ---- the volume ----

interface Layout {
  type: 12 | 16 | 32;
  ss: number;
  csize: number;
  fatBase: number;
  fatSize: number;
  nFats: number;
  /** FAT12/16: first sector of the fixed root directory; FAT32: the root's cluster. */
  dirBase: number;
  rootSectors: number;
  dataBase: number;
  nFatEnt: number;
  fsInfo: number;
}

function parseVbr(b: Uint8Array): boolean {
  if (le16(b, 510) !== 0xaa55) return false;
  const j = b[0];
  if (j !== 0xeb && j !== 0xe9 && j !== 0xe8) return false;
  const tag = (o: number, s: string) => new TextDecoder().decode(b.subarray(o, o + s.length)) === s;
  return tag(54, 'FAT') || tag(82, 'FAT32');
}

export class FatVolume {
  private cache = new Map<number, Uint8Array>();
  private dirty = new Set<number>();
  private L: Layout | undefined;
  private free = -1;
  private lastClst = 1;

  constructor(readonly dev: BlockDevice) {}

  /** find_volume: reads the boot sector (or the first FAT partition of an MBR); ENODEV when none. */
  layout(): Layout {
    if (this.L) return this.L;
    this.cache.clear();
    this.dirty.clear();
    const ss = this.dev.sectorSize();
    let bVol = 0;
    let b = this.sector(0);
    if (!parseVbr(b)) {
      let found = false;
      if (le16(b, 510) === 0xaa55) {
        for (let p = 0; p < 4 && !found; p++) {
          const lba = le32(b, 446 + p * 16 + 8);
          if (b[446 + p * 16 + 4] !== 0 && lba !== 0 && parseVbr(this.sector(lba))) {
            bVol = lba;
            found = true;
          }
        }
      }
      if (!found) fail(ENODEV);
      b = this.sector(bVol);
    }
    if (le16(b, 11) !== ss) fail(ENODEV);
    const fatSize = le16(b, 22) || le32(b, 36);
    const nFats = b[16] ?? 0;
    const csize = b[13] ?? 0;
    const nRoot = le16(b, 17);
    const total = le16(b, 19) || le32(b, 32);
    const rsv = le16(b, 14);
    if (fatSize === 0 || (nFats !== 1 && nFats !== 2) || csize === 0 || (csize & (csize - 1)) || rsv === 0) fail(ENODEV);
    const rootSectors = Math.ceil((nRoot * 32) / ss);
    const sysect = rsv + fatSize * nFats + rootSectors;
    if (total < sysect) fail(ENODEV);
    const nClst = Math.floor((total - sysect) / csize);
    if (nClst === 0) fail(ENODEV);
    const type: 12 | 16 | 32 = nClst <= MAX_FAT12 ? 12 : nClst <= MAX_FAT16 ? 16 : 32;
    const L: Layout = {
      type, ss, csize, fatBase: bVol + rsv, fatSize, nFats, rootSectors,
      dirBase: type === 32 ? le32(b, 44) : bVol + rsv + fatSize * nFats,
      dataBase: bVol + sysect, nFatEnt: nClst + 2, fsInfo: 0,
    };
    this.free = -1;
    this.lastClst = 1;
    if (type === 32) {
      const fsiAt = bVol + le16(b, 48);
      const fsi = this.sector(fsiAt);
      if (le16(fsi, 510) === 0xaa55 && le32(fsi, 0) === 0x41615252 && le32(fsi, 484) === 0x61417272) {
        L.fsInfo = fsiAt;
        const fc = le32(fsi, 488);
        if (fc <= nClst) this.free = fc;
        const nx = le32(fsi, 492);
        if (nx >= 2 && nx < L.nFatEnt) this.lastClst = nx;
      }
    }
    this.L = L;
    return L;
  }

  /** Forget the mounted volume (after mkfs the boot sector is read again). */
  reset(): void {
    this.L = undefined;
    this.cache.clear();
    this.dirty.clear();
  }

  private sector(n: number): Uint8Array {
    let s = this.cache.get(n);
    if (s === undefined) {
      s = new Uint8Array(this.dev.sectorSize());
      this.dev.read(n, s);
      this.cache.set(n, s);
    }
    return s;
  }
  private touch(n: number): Uint8Array {
    if (this.dev.readonly) fail(EROFS);
    this.dirty.add(n);
    return this.sector(n);
  }

  /** Writes back changed FAT and directory sectors (every FAT copy) and the FSINFO counters. */
  sync(): void {
    const L = this.L;
    if (L === undefined || this.dirty.size === 0) return;
    if (L.fsInfo && this.free >= 0) {
      const fsi = this.touch(L.fsInfo);
      put32(fsi, 488, this.free);
      put32(fsi, 492, this.lastClst);
    }
    for (const n of [...this.dirty].sort((a, b) => a - b)) {
      const s = this.sector(n);
      this.dev.write(n, s);
      if (n >= L.fatBase && n < L.fatBase + L.fatSize) {
        for (let i = 1; i < L.nFats; i++) this.dev.write(n + i * L.fatSize, s);
      }
    }
    this.dirty.clear();
    this.dev.sync();
  }

  // ---- FAT ----

  private fatByte(off: number): number {
    const L = this.layout();
    return this.sector(L.fatBase + Math.floor(off / L.ss))[off % L.ss] ?? 0;
  }
  private setFatByte(off: number, v: number): void {
    const L = this.layout();
    this.touch(L.fatBase + Math.floor(off / L.ss))[off % L.ss] = v & 0xff;
  }

  get(c: number): number {
    const L = this.layout();
    if (L.type === 12) {
      const off = c + (c >> 1);
      const v = this.fatByte(off) | (this.fatByte(off + 1) << 8);
      return c & 1 ? v >> 4 : v & 0xfff;
    }
    if (L.type === 16) return this.fatByte(c * 2) | (this.fatByte(c * 2 + 1) << 8);
    let v = 0;
    for (let i = 3; i >= 0; i--) v = v * 256 + this.fatByte(c * 4 + i);
    return v & 0x0fffffff;
  }

  put(c: number, v: number): void {
    const L = this.layout();
    if (L.type === 12) {
      const off = c + (c >> 1);
      if (c & 1) {
        this.setFatByte(off, (this.fatByte(off) & 0x0f) | ((v << 4) & 0xf0));
        this.setFatByte(off + 1, v >> 4);
      } else {
        this.setFatByte(off, v);
        this.setFatByte(off + 1, (this.fatByte(off + 1) & 0xf0) | ((v >> 8) & 0x0f));
      }
    } else if (L.type === 16) {
      this.setFatByte(c * 2, v);
      this.setFatByte(c * 2 + 1, v >> 8);
    } else {
      const hi = this.fatByte(c * 4 + 3) & 0xf0;
      this.setFatByte(c * 4, v);
      this.setFatByte(c * 4 + 1, v >> 8);
      this.setFatByte(c * 4 + 2, v >> 16);
      this.setFatByte(c * 4 + 3, hi | ((v >>> 24) & 0x0f));
    }
  }

  private eoc(): number {
    const t = this.layout().type;
    return t === 12 ? 0xfff : t === 16 ? 0xffff : 0x0fffffff;
  }
  private isEnd(v: number): boolean {
    const L = this.layout();
    return v < 2 || v >= L.nFatEnt;
  }

  /** The clusters of a chain in order. */
  chain(start: number): number[] {
    const out: number[] = [];
    const max = this.layout().nFatEnt;
    for (let c = start; !this.isEnd(c) && out.length < max; c = this.get(c)) out.push(c);
    return out;
  }

  freeClusters(): number {
    if (this.free < 0) {
      const L = this.layout();
      let n = 0;
      for (let c = 2; c < L.nFatEnt; c++) if (this.get(c) === 0) n++;
      this.free = n;
    }
    return this.free;
  }

  /** create_chain: a free cluster after the last one allocated, linked after `prev` (0: a new chain). */
  alloc(prev: number): number {
    const L = this.layout();
    if (this.freeClusters() === 0) fail(ENOSPC);
    let c = this.lastClst;
    for (let n = 2; n < L.nFatEnt; n++) {
      c = c + 1 >= L.nFatEnt ? 2 : c + 1;
      if (this.get(c) === 0) {
        this.put(c, this.eoc());
        if (prev) this.put(prev, c);
        this.free--;
        this.lastClst = c;
        return c;
      }
    }
    return fail(ENOSPC);
  }

  freeChain(start: number): void {
    for (const c of this.chain(start)) {
      this.put(c, 0);
      if (this.free >= 0) this.free++;
    }
  }

  clusterSector(c: number): number {
    const L = this.layout();
    return L.dataBase + (c - 2) * L.csize;
  }
  clusterBytes(): number {
    const L = this.layout();
    return L.csize * L.ss;
  }

  // ---- directories ----

  /** The root directory's handle: 0 for the fixed FAT12/16 root, its first cluster on FAT32. */
  root(): number {
    const L = this.layout();
    return L.type === 32 ? L.dirBase : 0;
  }

  /** The sectors of a directory, in order. */
  private dirSectors(dir: number): number[] {
    const L = this.layout();
    const out: number[] = [];
    if (dir === 0) {
      for (let i = 0; i < L.rootSectors; i++) out.push(L.dirBase + i);
    } else {
      for (const c of this.chain(dir)) for (let i = 0; i < L.csize; i++) out.push(this.clusterSector(c) + i);
    }
    return out;
  }

  private slot(secs: number[], i: number): { buf: Uint8Array; off: number; sec: number } {
    const per = this.layout().ss / 32;
    const sec = secs[Math.floor(i / per)] ?? fail(EIO);
    return { buf: this.sector(sec), off: (i % per) * 32, sec };
  }

  /** The entries of a directory (without "." and ".." and volume labels). */
  list(dir: number): DirEntry[] {
    const secs = this.dirSectors(dir);
    const n = (secs.length * this.layout().ss) / 32;
    const out: DirEntry[] = [];
    let lfn: string[] = [];
    let lfnOrd = 0;
    let lfnSumV = -1;
    let lfnStart = 0;
    for (let i = 0; i < n; i++) {
      const { buf, off } = this.slot(secs, i);
      const b0 = buf[off] ?? 0;
      if (b0 === 0) break;
      const attr = (buf[off + 11] ?? 0) & 0x3f;
      if (b0 === DDEM) {
        lfnOrd = 0;
        continue;
      }
      if (attr === AM_LFN) {
        const ord = b0 & 0x3f;
        if (b0 & 0x40) {
          lfn = new Array<string>(ord).fill('');
          lfnSumV = buf[off + 13] ?? 0;
          lfnStart = i;
          lfnOrd = ord;
        } else if (ord !== lfnOrd - 1 || buf[off + 13] !== lfnSumV) {
          lfnOrd = 0;
          continue;
        } else {
          lfnOrd = ord;
        }
        let part = '';
        for (const o of LFN_OFFS) {
          const w = le16(buf, off + o);
          if (w === 0 || w === 0xffff) break;
          part += String.fromCharCode(uniToByte(w));
        }
        lfn[ord - 1] = part;
        continue;
      }
      const sfn = buf.slice(off, off + 11);
      const withLfn = lfnOrd === 1 && lfnSum(sfn) === lfnSumV;
      lfnOrd = 0;
      if (attr & AM_VOL || b0 === 0x2e) continue;
      out.push({
        name: withLfn ? lfn.join('') : sfnDisplay(sfn, buf[off + 12] ?? 0),
        sfn, attr,
        cluster: le16(buf, off + 26) | (this.layout().type === 32 ? le16(buf, off + 20) << 16 : 0),
        size: le32(buf, off + 28), date: le16(buf, off + 24), time: le16(buf, off + 22),
        first: withLfn ? lfnStart : i, last: i,
      });
    }
    return out;
  }

  find(dir: number, name: string): DirEntry | undefined {
    const up = upperName(name.replace(/[ .]+$/, ''));
    for (const e of this.list(dir)) {
      if (upperName(e.name) === up || sfnDisplay(e.sfn, 0) === up) return e;
    }
    return undefined;
  }

  /** Follows path components from the root: the directory holding the last one (ENOENT when missing). */
  walk(parts: string[]): number {
    let dir = this.root();
    for (const p of parts) {
      const e = this.find(dir, p);
      if (e === undefined || !(e.attr & AM_DIR)) fail(ENOENT);
      dir = e.cluster === 0 ? this.root() : e.cluster;
    }
    return dir;
  }

  /** Zero-filled new cluster (a directory's), linked after prev. */
  private newDirCluster(prev: number): number {
    const c = this.alloc(prev);
    const L = this.layout();
    for (let i = 0; i < L.csize; i++) this.touch(this.clusterSector(c) + i).fill(0);
    return c;
  }

  /** dir_alloc: n consecutive free slots, growing a cluster directory when needed (EACCES when full). */
  private allocSlots(dir: number, n: number): number {
    for (;;) {
      const secs = this.dirSectors(dir);
      const total = (secs.length * this.layout().ss) / 32;
      let run = 0;
      for (let i = 0; i < total; i++) {
        const { buf, off } = this.slot(secs, i);
        const b0 = buf[off];
        if (b0 === 0 || b0 === DDEM) {
          if (++run === n) return i - n + 1;
        } else {
          run = 0;
        }
      }
      if (dir === 0) fail(EACCES);
      const ch = this.chain(dir);
      try {
        this.newDirCluster(ch[ch.length - 1] ?? 0);
      } catch (e) {
        if (e instanceof FatError && e.errno === ENOSPC) fail(EACCES);
        throw e;
      }
    }
  }

  /** dir_register: writes the long-name and 8.3 entries of a new name; returns the 8.3 slot. */
  register(dir: number, name: string, renaming?: DirEntry): { sec: number; off: number } {
    const nn = makeName(name);
    const there = this.find(dir, name);
    // the entry being renamed may be found under its new name (a change of case only)
    if (there && !(renaming && there.last === renaming.last)) fail(EEXIST);
    let sfn = nn.sfn;
    if (nn.lossy) {
      const taken = new Set(this.list(dir).map((e) => String.fromCharCode(...e.sfn)));
      let seq = 1;
      for (; seq < 100; seq++) {
        sfn = numberedName(nn.sfn, nn.lfn ?? name, seq);
        if (!taken.has(String.fromCharCode(...sfn))) break;
      }
      if (seq === 100) fail(EACCES);
    }
    const nLfn = nn.lfn === undefined ? 0 : Math.ceil(nn.lfn.length / 13);
    const start = this.allocSlots(dir, nLfn + 1);
    const secs = this.dirSectors(dir);
    const sum = lfnSum(sfn);
    for (let k = 0; k < nLfn; k++) {
      const ord = nLfn - k;
      const { sec, off } = this.slot(secs, start + k);
      const buf = this.touch(sec);
      buf.fill(0, off, off + 32);
      buf[off] = ord | (k === 0 ? 0x40 : 0);
      buf[off + 11] = AM_LFN;
      buf[off + 13] = sum;
      const lfn = nn.lfn ?? '';
      let ended = false;
      LFN_OFFS.forEach((o, j) => {
        const idx = (ord - 1) * 13 + j;
        let w = 0xffff;
        if (!ended) {
          if (idx < lfn.length) {
            const c = lfn.charCodeAt(idx);
            w = c < 0x80 ? c : CP437_UNI[c - 0x80] ?? 63;
          } else {
            w = 0;
            ended = true;
          }
        }
        put16(buf, off + o, w);
      });
    }
    const { sec, off } = this.slot(secs, start + nLfn);
    const buf = this.touch(sec);
    buf.fill(0, off, off + 32);
    buf.set(sfn, off);
    buf[off + 12] = nn.ntres;
    return { sec, off };
  }

  /** Marks an entry's slots deleted. */
  unregister(dir: number, e: DirEntry): void {
    const secs = this.dirSectors(dir);
    for (let i = e.first; i <= e.last; i++) {
      const { sec, off } = this.slot(secs, i);
      this.touch(sec)[off] = DDEM;
    }
  }

  /** The 8.3 slot of an entry, for updating its fields. */
  entrySlot(dir: number, e: DirEntry): { buf: Uint8Array; off: number } {
    const { sec, off } = this.slot(this.dirSectors(dir), e.last);
    return { buf: this.touch(sec), off };
  }

  setCluster(buf: Uint8Array, off: number, c: number): void {
    put16(buf, off + 26, c & 0xffff);
    if (this.layout().type === 32) put16(buf, off + 20, c >>> 16);
  }

  // ---- operations on paths (components from the root) ----

  private split(parts: string[]): { dir: number; name: string } {
    const name = parts[parts.length - 1];
    if (name === undefined) fail(EINVAL);
    return { dir: this.walk(parts.slice(0, -1)), name };
  }

  stat(parts: string[]): DirEntry {
    const { dir, name } = this.split(parts);
    return this.find(dir, name) ?? fail(ENOENT);
  }

  mkdir(parts: string[]): void {
    const { dir, name } = this.split(parts);
    if (this.find(dir, name)) fail(EEXIST);
    if (this.dev.readonly) fail(EROFS);
    const tm = fatTime();
    let c: number;
    try {
      c = this.newDirCluster(0);
    } catch (e) {
      // f_mkdir reports a full volume as FR_DENIED
      if (e instanceof FatError && e.errno === ENOSPC) fail(EACCES);
      throw e;
    }
    const first = this.touch(this.clusterSector(c));
    const dot = (off: number, n: string, cl: number) => {
      first.fill(32, off, off + 11);
      first.set(new TextEncoder().encode(n), off);
      first[off + 11] = AM_DIR;
      put32(first, off + 22, tm);
      this.setCluster(first, off, cl);
    };
    dot(0, '.', c);
    dot(32, '..', dir === this.root() ? 0 : dir);
    let slot: { sec: number; off: number };
    try {
      slot = this.register(dir, name);
    } catch (e) {
      this.freeChain(c);
      throw e;
    }
    const buf = this.touch(slot.sec);
    buf[slot.off + 11] = AM_DIR;
    put32(buf, slot.off + 22, tm);
    this.setCluster(buf, slot.off, c);
    this.sync();
  }

  /** f_unlink: files, and empty directories (EACCES when not empty). */
  unlink(parts: string[], cwd: number): void {
    const { dir, name } = this.split(parts);
    const e = this.find(dir, name) ?? fail(ENOENT);
    if (this.dev.readonly) fail(EROFS);
    if (e.attr & AM_DIR) {
      if (e.cluster === cwd) fail(EACCES);
      if (this.list(e.cluster).length > 0) fail(EACCES);
    }
    this.unregister(dir, e);
    if (e.cluster) this.freeChain(e.cluster);
    this.sync();
  }

  /** f_rename: EEXIST when the new name is taken (vfs_fat removes a file there and retries). */
  rename(from: string[], to: string[]): void {
    const a = this.split(from);
    const e = this.find(a.dir, a.name) ?? fail(ENOENT);
    const b = this.split(to);
    const there = this.find(b.dir, b.name);
    const caseOnly = there !== undefined && a.dir === b.dir && there.last === e.last;
    if (there && !caseOnly) fail(EEXIST);
    if (this.dev.readonly) fail(EROFS);
    const old = this.entrySlot(a.dir, e);
    const fields = old.buf.slice(old.off + 11, old.off + 32);
    const ntresKeep = fields[1] ?? 0;
    const slot = this.register(b.dir, b.name, caseOnly ? e : undefined);
    const buf = this.touch(slot.sec);
    const ntres = buf[slot.off + 12] ?? 0;
    buf.set(fields, slot.off + 11);
    buf[slot.off + 12] = ntres | (ntresKeep & ~(NS_BODY | NS_EXT));
    if (!(e.attr & AM_DIR)) buf[slot.off + 11] = (buf[slot.off + 11] ?? 0) | AM_ARC;
    // registering only appends to or reuses free slots, so the old entry's slots are where they were
    this.unregister(a.dir, e);
    if (e.attr & AM_DIR && a.dir !== b.dir && e.cluster) {
      const first = this.touch(this.clusterSector(e.cluster));
      if (first[32] === 0x2e && first[33] === 0x2e) this.setCluster(first, 32, b.dir === this.root() ? 0 : b.dir);
    }
    this.sync();
  }

  readFile(e: DirEntry): Uint8Array {
    const L = this.layout();
    const out = new Uint8Array(e.size);
    const sec = new Uint8Array(L.ss);
    let pos = 0;
    for (const c of this.chain(e.cluster)) {
      for (let i = 0; i < L.csize && pos < e.size; i++) {
        this.dev.read(this.clusterSector(c) + i, sec);
        out.set(sec.subarray(0, Math.min(L.ss, e.size - pos)), pos);
        pos += L.ss;
      }
      if (pos >= e.size) break;
    }
    return out;
  }

  /** Bytes a file can grow to: its clusters and every free one. */
  capacity(e: DirEntry | undefined): number {
    const held = e && e.cluster ? this.chain(e.cluster).length : 0;
    return (held + this.freeClusters()) * this.clusterBytes();
  }

  /**
   * Writes bytes [from, to) of a file whose contents are now data[0:len] (len never below the size on
   * disk): grows its chain as needed, writes the sectors touched (and any gap from the old end) and
   * the new size, so the file is complete on the device after every write.
   */
  writeRange(parts: string[], data: Uint8Array, len: number, fromIn: number, to: number): void {
    const { dir, name } = this.split(parts);
    if (this.dev.readonly) fail(EROFS);
    const e = this.find(dir, name) ?? fail(ENOENT);
    const L = this.layout();
    const from = Math.min(fromIn, e.size);
    const ch = e.cluster ? this.chain(e.cluster) : [];
    const need = Math.ceil(len / this.clusterBytes());
    while (ch.length < need) ch.push(this.alloc(ch[ch.length - 1] ?? 0));
    const sec = new Uint8Array(L.ss);
    for (let k = Math.floor(from / L.ss); k * L.ss < Math.min(to, len); k++) {
      const c = ch[Math.floor(k / L.csize)] ?? fail(EIO);
      sec.fill(0);
      sec.set(data.subarray(k * L.ss, Math.min((k + 1) * L.ss, len)));
      this.dev.write(this.clusterSector(c) + (k % L.csize), sec);
    }
    const { buf, off } = this.entrySlot(dir, e);
    this.setCluster(buf, off, ch[0] ?? 0);
    put32(buf, off + 28, len);
    put32(buf, off + 22, fatTime());
    buf[off + 11] = (buf[off + 11] ?? 0) | AM_ARC;
    this.sync();
  }

  /** Replaces a file's contents (creating it), reusing its clusters; ENOSPC when the volume is full. */
  writeFile(parts: string[], data: Uint8Array): void {
    const { dir, name } = this.split(parts);
    if (this.dev.readonly) fail(EROFS);
    let e = this.find(dir, name);
    const tm = fatTime();
    if (e === undefined) {
      const slot = this.register(dir, name);
      const buf = this.touch(slot.sec);
      buf[slot.off + 11] = AM_ARC;
      put32(buf, slot.off + 14, tm);
      e = this.find(dir, name) ?? fail(EIO);
    } else if (e.attr & AM_DIR) {
      fail(EISDIR);
    }
    const L = this.layout();
    const cb = this.clusterBytes();
    const need = Math.ceil(data.length / cb);
    const ch = e.cluster ? this.chain(e.cluster) : [];
    if (need < ch.length) {
      const keep = ch[need - 1];
      if (keep === undefined) this.freeChain(ch[0] ?? 0);
      else {
        this.freeChain(ch[need] ?? 0);
        this.put(keep, this.eoc());
      }
      ch.length = need;
    }
    while (ch.length < need) ch.push(this.alloc(ch[ch.length - 1] ?? 0));
    const sec = new Uint8Array(L.ss);
    let pos = 0;
    for (const c of ch) {
      for (let i = 0; i < L.csize && pos < data.length; i++) {
        sec.fill(0);
        sec.set(data.subarray(pos, Math.min(pos + L.ss, data.length)));
        this.dev.write(this.clusterSector(c) + i, sec);
        pos += L.ss;
      }
    }
    const { buf, off } = this.entrySlot(dir, e);
    this.setCluster(buf, off, ch[0] ?? 0);
    put32(buf, off + 28, data.length);
    put32(buf, off + 22, tm);
    buf[off + 11] = (buf[off + 11] ?? 0) | AM_ARC;
    this.sync();
  }
}
