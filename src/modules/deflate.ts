// deflate module (extmod/moddeflate.c over uzlib): DeflateIO wraps a stream and inflates RAW, ZLIB or
// GZIP data from it (AUTO detects zlib/gzip from the header), or compresses what is written to it.
//
// Decompression follows uzlib's observable behaviour: input is pulled from the wrapped stream one byte
// at a time and only as far as the requested output needs (so the wrapped stream's position matches
// upstream's after each read), the sliding window is the size wbits or the header asks for (a longer
// back-reference is an error), the zlib/gzip checksum is checked when the final block ends, a stream
// that runs out raises EOFError and corrupt data raises OSError(EINVAL).
//
// Compression is uzlib's: greedy LZ77 over a (1 << wbits)-byte history (default wbits 8) taking the
// longest and, among equals, the most recent match, emitted as one static-Huffman block. The unix
// port's standard variant builds without MICROPY_PY_DEFLATE_COMPRESS (DeflateIO has no write there);
// mpyts provides it, producing the bytes a build with compression enabled writes.
import { PyBytes } from '../objects/bytes.js';
import { excArgs, excMsg, EOFErrorType, OSErrorType, typeError, valueError } from '../objects/exceptions.js';
import { NoneObj, PyObject, type PyObj } from '../objects/object.js';
import { isTrue } from '../vm/runtime.js';
import { makeModule, registerNativeModule } from '../vm/modules.js';
import { PyStream } from './io.js';
import { checkReadable, checkWritable, closeStream, readByte, streamProtocols, tryWrite, writeBytes } from './_stream.js';
import { checkArgs, fixed, nativeClass, readBuf, wordInt } from './_util.js';

const AUTO = 0;
const RAW = 1;
const ZLIB = 2;
const GZIP = 3;
const DEFAULT_WBITS = 8;
const EINVAL = 22;

/** Thrown inside the inflater for corrupt data; becomes OSError(EINVAL) at the stream boundary. */
class DataError extends Error {}

// ------------------------------------------------------------------ checksums

let crcTable: Uint32Array | undefined;
function crc32(data: Uint8Array, crc: number): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = crc >>> 0;
  for (let i = 0; i < data.length; i++) c = ((crcTable[(c ^ (data[i] as number)) & 0xff] as number) ^ (c >>> 8)) >>> 0;
  return c;
}

function adler32(data: Uint8Array, adler: number): number {
  let a = adler & 0xffff;
  let b = adler >>> 16;
  for (let i = 0; i < data.length; i++) {
    a = (a + (data[i] as number)) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

// ------------------------------------------------------------------ inflate

/** A canonical Huffman code: how many codes of each length, and the symbols in code order. */
interface Tree {
  counts: Uint16Array;
  symbols: Uint16Array;
}
const newTree = (): Tree => ({ counts: new Uint16Array(16), symbols: new Uint16Array(288) });

function buildTree(t: Tree, lengths: Uint8Array, from: number, num: number): void {
  t.counts.fill(0);
  for (let i = 0; i < num; i++) {
    const l = lengths[from + i] as number;
    t.counts[l] = (t.counts[l] as number) + 1;
  }
  t.counts[0] = 0;
  const offs = new Uint16Array(16);
  for (let sum = 0, i = 0; i < 16; i++) {
    offs[i] = sum;
    sum += t.counts[i] as number;
  }
  for (let i = 0; i < num; i++) {
    const l = lengths[from + i] as number;
    if (l) {
      const o = offs[l] as number;
      t.symbols[o] = i;
      offs[l] = o + 1;
    }
  }
}

function fixedTrees(lt: Tree, dt: Tree): void {
  lt.counts.fill(0);
  lt.counts[7] = 24;
  lt.counts[8] = 152;
  lt.counts[9] = 112;
  let k = 0;
  for (let i = 0; i < 24; i++) lt.symbols[k++] = 256 + i;
  for (let i = 0; i < 144; i++) lt.symbols[k++] = i;
  for (let i = 0; i < 8; i++) lt.symbols[k++] = 280 + i;
  for (let i = 0; i < 112; i++) lt.symbols[k++] = 144 + i;
  dt.counts.fill(0);
  dt.counts[5] = 32;
  for (let i = 0; i < 32; i++) dt.symbols[i] = i;
}

// Length and distance bases/extra bits (RFC 1951 3.2.5); index 29 of the length table is unused.
const LEN_BITS = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const LEN_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const DIST_BITS = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
  4097, 6145, 8193, 12289, 16385, 24577];
const CLC_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/** Incremental inflater over a byte source; the source throws (EOFError) when it runs dry. */
class Inflater {
  private tag = 0;
  private bitcount = 0;
  private bfinal = 0;
  private btype = -1;
  private curlen = 0;
  private lzOff = 0;
  private readonly window: Uint8Array;
  private widx = 0;
  private readonly lt = newTree();
  private readonly dt = newTree();
  checksumType: 'none' | 'adler' | 'crc' = 'none';
  checksum = 0;

  constructor(private readonly getByte: () => number, windowSize: number) {
    this.window = new Uint8Array(windowSize);
  }

  byte(): number {
    return this.getByte();
  }

  private bit(): number {
    if (this.bitcount-- === 0) {
      this.tag = this.getByte();
      this.bitcount = 7;
    }
    const b = this.tag & 1;
    this.tag >>= 1;
    return b;
  }

  private bits(num: number, base: number): number {
    let v = 0;
    for (let mask = 1, i = 0; i < num; i++, mask *= 2) if (this.bit()) v += mask;
    return v + base;
  }

  /** Decodes one symbol; -3 (uzlib's UZLIB_DATA_ERROR) for a code longer than 15 bits. */
  private symbol(t: Tree): number {
    let sum = 0;
    let cur = 0;
    let len = 0;
    do {
      cur = 2 * cur + this.bit();
      if (++len === 16) return -3;
      const c = t.counts[len] as number;
      sum += c;
      cur -= c;
    } while (cur >= 0);
    return t.symbols[sum + cur] ?? 0;
  }

  private dynamicTrees(): void {
    const lengths = new Uint8Array(288 + 32);
    const hlit = this.bits(5, 257);
    const hdist = this.bits(5, 1);
    const hclen = this.bits(4, 4);
    for (let i = 0; i < hclen; i++) lengths[CLC_ORDER[i] as number] = this.bits(3, 0);
    buildTree(this.lt, lengths, 0, 19);
    const limit = hlit + hdist;
    for (let num = 0; num < limit;) {
      const sym = this.symbol(this.lt);
      if (sym < 0) throw new DataError();
      let fill = 0;
      let n: number;
      if (sym === 16) {
        if (num === 0) throw new DataError();
        fill = lengths[num - 1] as number;
        n = this.bits(2, 3);
      } else if (sym === 17) n = this.bits(3, 3);
      else if (sym === 18) n = this.bits(7, 11);
      else {
        lengths[num++] = sym;
        continue;
      }
      if (num + n > limit) throw new DataError();
      for (; n > 0; n--) lengths[num++] = fill;
    }
    buildTree(this.lt, lengths, 0, hlit);
    buildTree(this.dt, lengths, hlit, hdist);
  }

  private put(out: number[], c: number): void {
    out.push(c);
    this.window[this.widx] = c;
    if (++this.widx === this.window.length) this.widx = 0;
  }

  /** One step of a Huffman block: a literal, end of block (true), or one byte of a back-reference. */
  private huffmanStep(out: number[]): boolean {
    if (this.curlen === 0) {
      const sym = this.symbol(this.lt);
      if (sym < 256) {
        // uzlib does not check the decoder's error here: UZLIB_DATA_ERROR (-3) goes out as the byte 0xfd
        this.put(out, sym & 0xff);
        return false;
      }
      if (sym === 256) return true;
      const li = sym - 257;
      if (li >= 29) throw new DataError();
      this.curlen = this.bits(LEN_BITS[li] as number, LEN_BASE[li] as number);
      const dist = this.symbol(this.dt);
      if (dist < 0 || dist >= 30) throw new DataError();
      const offs = this.bits(DIST_BITS[dist] as number, DIST_BASE[dist] as number);
      if (offs > this.window.length) throw new DataError();
      this.lzOff = this.widx - offs;
      if (this.lzOff < 0) this.lzOff += this.window.length;
    }
    this.put(out, this.window[this.lzOff] as number);
    if (++this.lzOff === this.window.length) this.lzOff = 0;
    this.curlen--;
    return false;
  }

  /** One step of a stored block: one byte, or end of block (true). */
  private storedStep(out: number[]): boolean {
    if (this.curlen === 0) {
      const len = this.byte() | (this.byte() << 8);
      const inv = this.byte() | (this.byte() << 8);
      if (len !== (~inv & 0xffff)) throw new DataError();
      this.curlen = len + 1;
      this.bitcount = 0; // the next block starts on a byte boundary
    }
    if (--this.curlen === 0) return true;
    this.put(out, this.byte());
    return false;
  }

  /** Produces up to `limit` bytes into out; true when the final block has ended. */
  inflate(out: number[], limit: number): boolean {
    do {
      if (this.btype === -1) this.startBlock();
      for (;;) {
        let end: boolean;
        if (this.btype === 0) end = this.storedStep(out);
        else if (this.btype === 1 || this.btype === 2) end = this.huffmanStep(out);
        else throw new DataError();
        if (!end) break;
        if (this.bfinal) return true;
        this.startBlock();
      }
    } while (out.length < limit);
    return false;
  }

  private startBlock(): void {
    this.bfinal = this.bit();
    this.btype = this.bits(2, 0);
    if (this.btype === 1) fixedTrees(this.lt, this.dt);
    else if (this.btype === 2) this.dynamicTrees();
  }

  /** uzlib_uncompress_chksum: inflate, fold the output into the checksum, verify it at the end. */
  inflateChecked(out: number[], limit: number): boolean {
    const start = out.length;
    const done = this.inflate(out, limit);
    const chunk = Uint8Array.from(out.slice(start));
    if (this.checksumType === 'adler') this.checksum = adler32(chunk, this.checksum);
    else if (this.checksumType === 'crc') this.checksum = crc32(chunk, this.checksum);
    if (done) {
      if (this.checksumType === 'adler') {
        let v = 0;
        for (let i = 0; i < 4; i++) v = ((v << 8) | this.byte()) >>> 0;
        if (v !== this.checksum) throw new DataError();
      } else if (this.checksumType === 'crc') {
        let v = 0;
        for (let i = 0; i < 4; i++) v = ((v >>> 8) | (this.byte() << 24)) >>> 0;
        if (v !== (~this.checksum >>> 0)) throw new DataError();
        for (let i = 0; i < 4; i++) this.byte(); // uncompressed size: not checked, as upstream
      }
    }
    return done;
  }
}

/** Parses a zlib or gzip header; returns [format, window bits] or undefined when it is invalid. */
function parseHeader(inf: Inflater): [number, number] | undefined {
  const cmf = inf.byte();
  let flg = inf.byte();
  if (cmf === 0x1f && flg === 0x8b) {
    if (inf.byte() !== 8) return undefined;
    flg = inf.byte();
    if (flg & 0xe0) return undefined;
    for (let i = 0; i < 6; i++) inf.byte();
    if (flg & 4) {
      const xlen = inf.byte() | (inf.byte() << 8);
      for (let i = 0; i < xlen; i++) inf.byte();
    }
    if (flg & 8) while (inf.byte() !== 0);
    if (flg & 16) while (inf.byte() !== 0);
    if (flg & 2) {
      inf.byte();
      inf.byte();
    }
    inf.checksumType = 'crc';
    inf.checksum = 0xffffffff;
    return [GZIP, 15];
  }
  if ((256 * cmf + flg) % 31 !== 0 || (cmf & 0x0f) !== 8 || cmf >> 4 > 7 || flg & 0x20) return undefined;
  inf.checksumType = 'adler';
  inf.checksum = 1;
  return [ZLIB, (cmf >> 4) + 8];
}

// ------------------------------------------------------------------ compress

/** uzlib's streaming LZ77 + static Huffman encoder. */
class Compressor {
  private hist: Uint8Array;
  private histStart = 0;
  private histLen = 0;
  private outbits = 0;
  private noutbits = 0;
  private pending: number[] = [];

  constructor(histSize: number) {
    this.hist = new Uint8Array(histSize);
  }

  /** Takes the bytes produced so far. */
  drain(): Uint8Array {
    const r = Uint8Array.from(this.pending);
    this.pending = [];
    return r;
  }

  private out(bits: number, n: number): void {
    this.outbits |= bits << this.noutbits;
    this.noutbits += n;
    while (this.noutbits >= 8) {
      this.pending.push(this.outbits & 0xff);
      this.outbits >>>= 8;
      this.noutbits -= 8;
    }
  }

  /** A Huffman code is sent most-significant bit first: reverse it into the LSB-first bit stream. */
  private code(code: number, len: number): void {
    let r = 0;
    for (let i = 0; i < len; i++) r |= ((code >> i) & 1) << (len - 1 - i);
    this.out(r, len);
  }

  startBlock(): void {
    this.out(3, 3); // BFINAL=1, BTYPE=01 (static Huffman)
  }

  finishBlock(): void {
    this.out(0, 14); // end-of-block code (7 zero bits) and 7 more to flush the last byte
  }

  private literal(c: number): void {
    if (c <= 143) this.code(0x30 + c, 8);
    else this.code(0x190 + c - 144, 9);
  }

  private match(distance: number, lenIn: number): void {
    let len = lenIn;
    while (len > 0) {
      // 259 and 260 cannot be one 258 plus a valid remainder of at least 3: send len - 3 first.
      const n = len > 260 ? 258 : len <= 258 ? len : len - 3;
      len -= n;
      let li = 28;
      if (n < 258) {
        li = 0;
        while (li < 28 && (LEN_BASE[li + 1] as number) <= n) li++;
      }
      const sym = 257 + li;
      if (sym <= 279) this.code(sym - 256, 7);
      else this.code(0xc0 + sym - 280, 8);
      const lb = LEN_BITS[li] as number;
      if (lb) this.out(n - (LEN_BASE[li] as number), lb);
      let di = 0;
      while (di < 29 && (DIST_BASE[di + 1] as number) <= distance) di++;
      this.code(di, 5);
      const db = DIST_BITS[di] as number;
      if (db) this.out(distance - (DIST_BASE[di] as number), db);
    }
  }

  compress(src: Uint8Array): void {
    const mask = this.hist.length - 1;
    let p = 0;
    while (p < src.length) {
      const avail = src.length - p;
      let best = 0;
      let bestOff = 0;
      for (let h = 0; h < this.histLen; h++) {
        let m = 0;
        // up to 259 bytes are compared (uzlib's loop bound is <= MATCH_LEN_MAX)
        for (; m <= 258 && m < avail; m++) {
          const k = h + m;
          const c = k < this.histLen ? (this.hist[(this.histStart + k) & mask] as number) : (src[p + k - this.histLen] as number);
          if (src[p + m] !== c) break;
        }
        if (m >= 3 && m >= best) {
          best = m;
          bestOff = this.histLen - h;
        }
      }
      let n: number;
      if (best === 0) {
        this.literal(src[p] as number);
        n = 1;
      } else {
        this.match(bestOff, best);
        n = best;
      }
      for (; n > 0; n--) {
        this.hist[(this.histStart + this.histLen) & mask] = src[p++] as number;
        if (this.histLen === this.hist.length) this.histStart = (this.histStart + 1) & mask;
        else this.histLen++;
      }
    }
  }
}

// ------------------------------------------------------------------ DeflateIO

class DeflateIO extends PyObject {
  reader: { inf: Inflater; eof: boolean } | undefined;
  writer: { comp: Compressor; len: number; check: number } | undefined;
  /** The wrapped stream; undefined once closed. */
  constructor(public stream: PyObj | undefined, public format: number, public wbits: number, public closeInner: boolean) {
    super(DeflateIOType);
  }
}

function self(a: PyObj[]): DeflateIO {
  const o = a[0];
  if (!(o instanceof DeflateIO)) throw typeError('DeflateIO expected');
  return o;
}

function einval(): never {
  throw excArgs(OSErrorType, [EINVAL]);
}

/** Runs an inflater step, mapping corrupt data to OSError(EINVAL). */
function guarded<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof DataError) einval();
    throw e;
  }
}

function initRead(d: DeflateIO): { inf: Inflater; eof: boolean } {
  if (d.reader) return d.reader;
  const s = d.stream as PyObj;
  checkReadable(s);
  const source = (): number => {
    const b = readByte(s);
    if (b < 0) throw excMsg(EOFErrorType);
    return b;
  };
  let wbits = d.wbits;
  // The header is read through a provisional inflater; the real one gets the right window size.
  const probe = new Inflater(source, 1);
  if (d.format === RAW) {
    if (wbits === 0) wbits = DEFAULT_WBITS;
  } else {
    const h = guarded(() => parseHeader(probe));
    if (!h || (d.format === ZLIB && h[0] !== ZLIB) || (d.format === GZIP && h[0] !== GZIP)) einval();
    if (wbits === 0 || h[1] < wbits) wbits = h[1];
  }
  const inf = new Inflater(source, 1 << wbits);
  inf.checksumType = probe.checksumType;
  inf.checksum = probe.checksum;
  d.reader = { inf, eof: false };
  return d.reader;
}

/** The stream read: up to n bytes (fewer only at the end of the data). */
function readSome(d: DeflateIO, n: number): Uint8Array {
  if (d.stream === undefined) einval();
  const r = guarded(() => initRead(d));
  if (r.eof || n === 0) return new Uint8Array(0);
  const out: number[] = [];
  const done = guarded(() => r.inf.inflateChecked(out, n));
  if (done) r.eof = true;
  return Uint8Array.from(out);
}

function readAll(d: DeflateIO): Uint8Array {
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const c = readSome(d, 256);
    if (c.length === 0) break;
    parts.push(c);
    total += c.length;
  }
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function initWrite(d: DeflateIO): NonNullable<DeflateIO['writer']> {
  if (d.writer) return d.writer;
  const s = d.stream as PyObj;
  checkWritable(s);
  const wbits = d.wbits === 0 ? DEFAULT_WBITS : d.wbits;
  const w = { comp: new Compressor(1 << wbits), len: 0, check: 0 };
  // upstream keeps the writer even when the header write fails (that write call reports EINVAL)
  d.writer = w;
  let r = 0;
  if (d.format === ZLIB) {
    const cmf = 0x08 | (Math.max(wbits - 8, 1) << 4);
    let flg = 0x80;
    flg |= 31 - ((cmf * 256 + flg) % 31);
    r = tryWrite(s, Uint8Array.of(cmf, flg));
    w.check = 1;
  } else if (d.format === GZIP) {
    r = tryWrite(s, Uint8Array.of(0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0x04, 0x03));
    w.check = 0xffffffff;
  }
  if (r < 0) einval();
  w.comp.startBlock();
  return w;
}

function close(d: DeflateIO): void {
  const s = d.stream;
  if (s === undefined) return;
  let footerErr = 0;
  if (d.writer) {
    const w = d.writer;
    w.comp.finishBlock();
    emit(s, w.comp.drain());
    // a failing footer write is reported after the wrapped stream is closed and released
    if (d.format === ZLIB) {
      const c = w.check >>> 0;
      footerErr = tryWrite(s, Uint8Array.of(c >>> 24, (c >>> 16) & 0xff, (c >>> 8) & 0xff, c & 0xff));
    } else if (d.format === GZIP) {
      const c = ~w.check >>> 0;
      const n = w.len >>> 0;
      footerErr = tryWrite(s, Uint8Array.of(c & 0xff, (c >>> 8) & 0xff, (c >>> 16) & 0xff, c >>> 24, n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24));
    }
  }
  if (d.closeInner) closeStream(s);
  d.stream = undefined;
  if (footerErr < 0) throw excArgs(OSErrorType, [-footerErr]);
}

const DeflateIOType = nativeClass('DeflateIO', {
  read: fixed(1, 2, (a) => {
    const d = self(a);
    const n = a.length > 1 && a[1] !== NoneObj ? wordInt(a[1] as PyObj) : -1;
    return new PyBytes(n < 0 ? readAll(d) : readSome(d, n));
  }),
  readinto: fixed(2, 3, (a) => {
    const d = self(a);
    const buf = readBuf(a[1] as PyObj);
    const n = a.length > 2 ? Math.min(wordInt(a[2] as PyObj), buf.length) : buf.length;
    const got = readSome(d, n);
    buf.set(got);
    return got.length;
  }),
  readline: fixed(1, 2, (a) => {
    const d = self(a);
    const max = a.length > 1 ? wordInt(a[1] as PyObj) : -1;
    const out: number[] = [];
    while (max < 0 || out.length < max) {
      const c = readSome(d, 1);
      if (c.length === 0) break;
      out.push(c[0] as number);
      if (c[0] === 10) break;
    }
    return new PyBytes(Uint8Array.from(out));
  }),
  write: fixed(2, 2, (a) => write(self(a), readBuf(a[1] as PyObj))),
  close: fixed(1, 1, (a) => {
    close(self(a));
    return NoneObj;
  }),
  __enter__: fixed(1, 1, (a) => a[0] as PyObj),
  __exit__: (a) => {
    close(self(a));
    return NoneObj;
  },
});
DeflateIOType.make = (_cls, args, kw) => {
  checkArgs(args, kw, 1, 4, false);
  const format = args.length > 1 ? wordInt(args[1] as PyObj) : AUTO;
  const wbits = args.length > 2 ? wordInt(args[2] as PyObj) : 0;
  if (format < AUTO || format > GZIP) throw valueError('format');
  if (wbits !== 0 && (wbits < 5 || wbits > 15)) throw valueError('wbits');
  return new DeflateIO(args[0] as PyObj, format, wbits, args.length > 3 ? isTrue(args[3] as PyObj) : false);
};
DeflateIOType.print = () => '<DeflateIO>';
DeflateIOType.baseable = false;

function write(d: DeflateIO, data: Uint8Array): number {
  if (d.stream === undefined) einval();
  const w = initWrite(d);
  w.len += data.length;
  if (d.format === ZLIB) w.check = adler32(data, w.check);
  else if (d.format === GZIP) w.check = crc32(data, w.check);
  w.comp.compress(data);
  emit(d.stream, w.comp.drain());
  return data.length;
}

/** Compressed output goes out one byte per write, as uzlib's dest_write_cb does it. */
function emit(s: PyObj, bytes: Uint8Array): void {
  if (s instanceof PyStream) writeBytes(s, bytes);
  else for (const b of bytes) writeBytes(s, Uint8Array.of(b));
}

// A DeflateIO is itself a stream (it can wrap another DeflateIO, or be given to json.load).
streamProtocols.set(DeflateIOType, {
  read: (o, n) => readSome(o as DeflateIO, n),
  write: (o, data) => write(o as DeflateIO, data),
  close: (o) => close(o as DeflateIO),
});

registerNativeModule('deflate', () => makeModule('deflate', { DeflateIO: DeflateIOType, AUTO, RAW, ZLIB, GZIP }));
