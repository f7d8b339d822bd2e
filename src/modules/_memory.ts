// A simulated 64-bit address space for uctypes (JS has no raw memory to point into).
//
// Every byte buffer the VM hands out is a Uint8Array over some ArrayBuffer. The first time an address
// is asked for (uctypes.addressof, or a struct's buffer), the ArrayBuffer gets a base address of its
// own; the address of a buffer is then base + byteOffset, so memoryviews, slices of arrays and
// bytearray_at() aliases all land at the right offset of their owner. Bases are handed out upwards from
// BUFFER_BASE with a gap after each buffer, and regions are held weakly: an address outlives its buffer
// as a dangling pointer would (reading it then finds unmapped memory).
//
// Any address outside a buffer is "unmapped": it reads as zero until written, and writes go to
// anonymous 4 KiB pages created on demand, so uctypes.struct(0x1000, ...) or bytearray_at(1, 8) work
// without crashing the way a stray pointer would on the unix port. An access that spans region
// boundaries is gathered piecewise; an alias (bytearray_at, a UINT8 array field) is a real view when the
// range lies in one buffer or one page, otherwise a dedicated anonymous region is created for it (or,
// when that range overlaps a buffer, a copy is returned). Copies and new regions count against the
// emulated heap (MemoryError), as the unix port's reads past a buffer would fault instead.
import { checkAlloc } from '../vm/runtime.js';

const PAGE_BITS = 12n;
const PAGE_SIZE = 1 << Number(PAGE_BITS);
const PAGE_MASK = BigInt(PAGE_SIZE - 1);
const U64 = (v: bigint): bigint => BigInt.asUintN(64, v);
/** Where buffers are placed: well above small test addresses, in the unix port's mmap range. */
const BUFFER_BASE = 0x7f5a00000000n;

interface Region {
  base: bigint;
  end: bigint;
  ref: WeakRef<ArrayBuffer> | ArrayBuffer;
}

const bases = new WeakMap<ArrayBuffer, bigint>();
/** Buffer regions and dedicated anonymous regions, sorted by base, never overlapping. */
const regions: Region[] = [];
const pages = new Map<bigint, Uint8Array>();
let nextBase = BUFFER_BASE;
let sinceSweep = 0;

function bufferOfRegion(r: Region): ArrayBuffer | undefined {
  return r.ref instanceof ArrayBuffer ? r.ref : r.ref.deref();
}

/** Index of the last region whose base is <= addr (-1 when none). */
function findIndex(addr: bigint): number {
  let lo = 0;
  let hi = regions.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((regions[mid] as Region).base <= addr) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

function insertRegion(r: Region): void {
  regions.splice(findIndex(r.base) + 1, 0, r);
  if (++sinceSweep >= 256) {
    sinceSweep = 0;
    for (let i = regions.length - 1; i >= 0; i--) if (bufferOfRegion(regions[i] as Region) === undefined) regions.splice(i, 1);
  }
}

/** The live region containing addr, with its buffer. */
function regionAt(addr: bigint): [Region, ArrayBuffer] | undefined {
  const i = findIndex(addr);
  if (i < 0) return undefined;
  const r = regions[i] as Region;
  if (addr >= r.end) return undefined;
  const ab = bufferOfRegion(r);
  return ab === undefined ? undefined : [r, ab];
}

/** True when [addr, end) meets any live region. */
function overlapsRegion(addr: bigint, end: bigint): boolean {
  let i = findIndex(end - 1n);
  for (; i >= 0; i--) {
    const r = regions[i] as Region;
    if (r.end <= addr) return false;
    if (bufferOfRegion(r) !== undefined) return true;
  }
  return false;
}

/** The address of the first byte of a buffer (assigning one on first use). */
export function addressOf(b: Uint8Array): bigint {
  const ab = b.buffer as ArrayBuffer;
  let base = bases.get(ab);
  if (base === undefined) {
    base = nextBase;
    const size = BigInt(ab.byteLength);
    // keep a gap so one buffer never runs into the next; 16-byte alignment as malloc gives
    nextBase = (nextBase + size + 32n + 15n) & ~15n;
    bases.set(ab, base);
    insertRegion({ base, end: base + size, ref: new WeakRef(ab) });
  }
  return U64(base + BigInt(b.byteOffset));
}

function page(addr: bigint, create: boolean): Uint8Array | undefined {
  const no = addr >> PAGE_BITS;
  let p = pages.get(no);
  if (p === undefined && create) {
    p = new Uint8Array(PAGE_SIZE);
    pages.set(no, p);
    bases.set(p.buffer as ArrayBuffer, no << PAGE_BITS);
  }
  return p;
}

function writeByte(addr: bigint, v: number): void {
  const hit = regionAt(addr);
  if (hit) new Uint8Array(hit[1])[Number(addr - hit[0].base)] = v;
  else (page(addr, true) as Uint8Array)[Number(addr & PAGE_MASK)] = v;
}

/** A view of [addr, addr+n) when it lies in one region or one existing page. */
function directView(addr: bigint, n: number, createPage: boolean): Uint8Array | undefined {
  const hit = regionAt(addr);
  if (hit) {
    const off = addr - hit[0].base;
    if (addr + BigInt(n) <= hit[0].end) return new Uint8Array(hit[1], Number(off), n);
    return undefined;
  }
  const off = Number(addr & PAGE_MASK);
  if (off + n > PAGE_SIZE || overlapsRegion(addr, addr + BigInt(n))) return undefined;
  const p = page(addr, createPage);
  return p?.subarray(off, off + n);
}

/** n bytes at addr (a view when possible, else a copy: only read it). */
export function load(addr: bigint, n: number): Uint8Array {
  addr = U64(addr);
  const v = directView(addr, n, false);
  if (v !== undefined) return v;
  // a copy, gathered region by region and page by page; as large as the emulated heap allows
  checkAlloc(n);
  const out = new Uint8Array(n);
  for (let i = 0; i < n;) {
    const a = U64(addr + BigInt(i));
    const hit = regionAt(a);
    if (hit) {
      const k = Math.min(n - i, Number(hit[0].end - a));
      out.set(new Uint8Array(hit[1], Number(a - hit[0].base), k), i);
      i += k;
      continue;
    }
    const off = Number(a & PAGE_MASK);
    let k = Math.min(n - i, PAGE_SIZE - off);
    const next = regions[findIndex(a) + 1];
    if (next !== undefined && next.base - a < BigInt(k)) k = Number(next.base - a);
    const p = page(a, false);
    if (p !== undefined) out.set(p.subarray(off, off + k), i);
    i += k;
  }
  return out;
}

export function store(addr: bigint, data: Uint8Array): void {
  addr = U64(addr);
  const v = directView(addr, data.length, true);
  if (v !== undefined) {
    v.set(data);
    return;
  }
  for (let i = 0; i < data.length; i++) writeByte(U64(addr + BigInt(i)), data[i] as number);
}

/** Bytes that alias memory at addr (mp_obj_new_bytearray_by_ref). */
export function alias(addr: bigint, n: number): Uint8Array {
  addr = U64(addr);
  const v = directView(addr, n, true);
  if (v !== undefined) return v;
  const end = addr + BigInt(n);
  if (overlapsRegion(addr, end)) return load(addr, n).slice();
  // a dedicated region takes over the range; earlier page contents under it are carried over
  const data = load(addr, n).slice();
  const ab = data.buffer as ArrayBuffer;
  bases.set(ab, addr);
  insertRegion({ base: addr, end, ref: ab });
  return data;
}

/** The bytes of a NUL-terminated C string at addr (a zero byte always ends unmapped memory). */
export function cString(addr: bigint): Uint8Array {
  const parts: Uint8Array[] = [];
  let total = 0;
  for (let a = U64(addr); ;) {
    const hit = regionAt(a);
    let chunk: Uint8Array | undefined;
    if (hit) chunk = new Uint8Array(hit[1], Number(a - hit[0].base), Number(hit[0].end - a));
    else {
      const off = Number(a & PAGE_MASK);
      const next = regions[findIndex(a) + 1];
      let k = PAGE_SIZE - off;
      if (next !== undefined && next.base - a < BigInt(k)) k = Number(next.base - a);
      chunk = page(a, false)?.subarray(off, off + k);
      if (chunk === undefined) break;
    }
    const z = chunk.indexOf(0);
    const piece = z < 0 ? chunk : chunk.subarray(0, z);
    checkAlloc(total + piece.length);
    parts.push(piece);
    total += piece.length;
    if (z >= 0) break;
    a = U64(a + BigInt(chunk.length));
  }
  const out = new Uint8Array(total);
  let p = 0;
  for (const part of parts) {
    out.set(part, p);
    p += part.length;
  }
  return out;
}

const strCache = new Map<string, Uint8Array>();
/**
 * The buffer of a str, kept at one address and NUL-terminated as MicroPython's str data is (so its
 * address can be packed with struct's 'S' and read back). Strings have no identity in the VM, so the
 * most recent ones are remembered; an evicted string's address dangles.
 */
export function strBuffer(s: string): Uint8Array {
  let b = strCache.get(s);
  if (b === undefined) {
    const enc = new TextEncoder().encode(s + '\0');
    b = enc.subarray(0, enc.length - 1);
    if (strCache.size >= 4096) strCache.delete(strCache.keys().next().value as string);
    strCache.set(s, b);
  }
  return b;
}
