// Byte strings of the source (identifiers, short str literals) decoded once and interned by their
// bytes, for the lexer and parser (see ByteStrings), plus the UTF-8 decoding rules they follow.

import { Tok } from './tokens.js';

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
const utf8Strict = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true });

/** Decoded token bytes, plus the bytes themselves when the string cannot reproduce them. */
export interface DecodedBytes {
  readonly text: string;
  readonly raw?: Uint8Array;
}

function latin1(b: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(b[i] as number);
  return s;
}

/**
 * Decodes token bytes as UTF-8. Three-byte surrogate encodings (what '\ud800' escapes produce) become
 * lone surrogates; invalid bytes become U+FFFD. In both cases `raw` keeps the exact bytes.
 */
export function decodeTokenBytes(b: Uint8Array): DecodedBytes {
  const len = b.length;
  let i = 0;
  while (i < len && (b[i] as number) < 0x80) i++;
  if (i === len) return { text: len <= 64 ? latin1(b, 0, len) : utf8.decode(b) };
  let surrogates = false;
  for (; i + 2 < len; i++) {
    if (b[i] === 0xed && ((b[i + 1] ?? 0) & 0xe0) === 0xa0 && ((b[i + 2] ?? 0) & 0xc0) === 0x80) {
      surrogates = true;
      break;
    }
  }
  if (!surrogates) {
    try {
      return { text: utf8Strict.decode(b) };
    } catch {
      return { text: utf8.decode(b), raw: b.slice() };
    }
  }
  let out = '';
  i = 0;
  let start = 0;
  while (i < len) {
    if (b[i] === 0xed && i + 2 < len && ((b[i + 1] ?? 0) & 0xe0) === 0xa0 && ((b[i + 2] ?? 0) & 0xc0) === 0x80) {
      out += utf8.decode(b.subarray(start, i));
      out += String.fromCharCode(0xd000 | (((b[i + 1] ?? 0) & 0x3f) << 6) | ((b[i + 2] ?? 0) & 0x3f));
      i += 3;
      start = i;
    } else {
      i++;
    }
  }
  return { text: out + utf8.decode(b.subarray(start)), raw: b.slice() };
}

/**
 * Identity of a qstr: its text, or for byte strings the text cannot reproduce, a NUL-prefixed latin1
 * spelling of the bytes (distinct from every valid text, as valid UTF-8 never equals invalid bytes).
 */
export function qstrKey(text: string, raw: Uint8Array | undefined): string {
  if (raw === undefined) return text;
  return '\u0000' + latin1(raw, 0, raw.length);
}

/**
 * Short byte strings (names, short str literals) decoded once and interned by their bytes: a cache
 * shared by every lexer, so a name seen before costs a hash and a compare instead of a decode. Each
 * entry also knows its keyword token (Tok.NAME for non-keywords; only meaningful for identifier bytes).
 */
export class ByteStrings {
  /** longest byte string kept (longer ones are decoded each time) */
  static readonly MAX_LEN = 48;
  // open addressing; slot k holds (entry index + 1, hash) at [2k, 2k+1], so a probe touches one line
  private table = new Int32Array(2 << 12);
  private mask = (1 << 12) - 1;
  private count = 0;
  // per entry: hash, and where its bytes are in the pool (one buffer, for locality)
  private hashes = new Int32Array(1 << 11);
  private offsets = new Int32Array(1 << 11);
  private lengths = new Int32Array(1 << 11);
  private pool = new Uint8Array(1 << 14);
  private poolLen = 0;
  /** per entry: the last `mark` stamped on it (parsers use it to skip re-interning a name) */
  marks = new Int32Array(1 << 11);
  readonly text: string[] = [];
  readonly raw: (Uint8Array | undefined)[] = [];
  /** qstrKey(text, raw) */
  readonly key: string[] = [];
  readonly tok: Tok[] = [];
  /** two objects per entry for a user, at 2e and 2e + 1 (the parser keeps the shared ID/STRING leaves) */
  readonly slots: (object | undefined)[] = [];
  private nextMark = 0;

  /** number of leading entries kept by clear() (the keywords given to the constructor) */
  private readonly keep: number;

  /** `keywords` are entered first, with their tokens; every other entry gets Tok.NAME. */
  constructor(keywords: Iterable<readonly [string, Tok]>) {
    for (const [k, t] of keywords) this.lookup(Uint8Array.from(k, (c) => c.charCodeAt(0)), 0, k.length, t);
    this.keep = this.count;
  }

  /** A fresh stamp for `marks` (one per parse). */
  newMark(): number {
    if (this.nextMark >= 0x3fffffff) {
      this.nextMark = 0;
      this.marks.fill(0);
    }
    return ++this.nextMark;
  }

  /** The entry for b[start, end), added (with keyword token `tok`) when new. */
  lookup(b: Uint8Array, start: number, end: number, tok: Tok = Tok.NAME): number {
    let h = 0x811c9dc5 | 0; // int32 throughout (an empty string keeps the seed)
    for (let i = start; i < end; i++) h = Math.imul(h ^ (b[i] as number), 0x01000193);
    const len = end - start;
    const mask = this.mask;
    const table = this.table;
    const pool = this.pool;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const e = (table[2 * slot] as number) - 1;
      if (e < 0) break;
      if (table[2 * slot + 1] !== h || this.lengths[e] !== len) continue;
      const o = (this.offsets[e] as number) - start;
      let j = start;
      while (j < end && pool[o + j] === b[j]) j++;
      if (j === end) return e;
    }
    return this.add(b, start, end, h, tok);
  }

  private add(b: Uint8Array, start: number, end: number, h: number, tok: Tok): number {
    if (this.count >= 1 << 16) this.clear(); // bounded memory in long-running processes
    const len = end - start;
    const idx = this.count++;
    if (idx === this.hashes.length) {
      const grow = (a: Int32Array) => {
        const n = new Int32Array(a.length * 2);
        n.set(a);
        return n;
      };
      this.hashes = grow(this.hashes);
      this.offsets = grow(this.offsets);
      this.lengths = grow(this.lengths);
      this.marks = grow(this.marks);
    }
    if (this.poolLen + len > this.pool.length) {
      const n = new Uint8Array(Math.max(this.pool.length * 2, this.poolLen + len));
      n.set(this.pool.subarray(0, this.poolLen));
      this.pool = n;
    }
    this.pool.set(b.subarray(start, end), this.poolLen);
    this.hashes[idx] = h;
    this.offsets[idx] = this.poolLen;
    this.lengths[idx] = len;
    this.marks[idx] = 0;
    this.poolLen += len;
    const d = decodeTokenBytes(b.slice(start, end));
    this.text.push(d.text);
    this.raw.push(d.raw);
    this.key.push(qstrKey(d.text, d.raw));
    this.tok.push(tok);
    this.slots.push(undefined, undefined);
    if (this.count * 4 > this.table.length) this.grow();
    else this.place(idx, h);
    return idx;
  }

  private place(idx: number, h: number): void {
    const mask = this.mask;
    let slot = h & mask;
    while (this.table[2 * slot] !== 0) slot = (slot + 1) & mask;
    this.table[2 * slot] = idx + 1;
    this.table[2 * slot + 1] = h;
  }

  private grow(): void {
    this.table = new Int32Array(this.table.length * 2);
    this.mask = (this.table.length >> 1) - 1;
    for (let i = 0; i < this.count; i++) this.place(i, this.hashes[i] as number);
  }

  private clear(): void {
    const keep = this.keep;
    this.count = keep;
    this.poolLen = (this.offsets[keep - 1] as number) + (this.lengths[keep - 1] as number);
    this.text.length = this.raw.length = this.key.length = this.tok.length = keep;
    this.slots.length = 2 * keep;
    this.table.fill(0);
    for (let i = 0; i < keep; i++) this.place(i, this.hashes[i] as number);
  }
}

