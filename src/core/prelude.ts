// Codecs for the bytecode prelude that starts every bytecode function (and is embedded in native
// functions): the signature (n_state, n_exc_stack, scope flags, argument counts), the size header
// (n_info, n_cell), the simple name and argument-name qstrs, and the line-number table.
// Shared by the .mpy reader/writer, the disassembler, the compiler's emitter and the VM.

export interface PreludeSignature {
  nState: number;
  nExcStack: number;
  scopeFlags: number;
  nPosArgs: number;
  nKwonlyArgs: number;
  nDefPosArgs: number;
}

/** Offsets (into the function's data) of each part of a decoded prelude. */
export interface Prelude extends PreludeSignature {
  nInfo: number;
  nCell: number;
  /** Offset of the size header (end of the signature). */
  offsetPreludeSize: number;
  /** Offset of the simple-name qstr (start of the "code info" part). */
  offsetSourceInfo: number;
  /** Offset of the line-number table. */
  offsetLineInfo: number;
  /** Offset of the closure info (cell indices); end of the line-number table. */
  offsetClosureInfo: number;
  /** Offset of the first opcode. */
  offsetOpcodes: number;
  /** Qstr indices: simple name, then each positional and keyword-only argument name. */
  names: number[];
}

/** Decodes the prelude starting at `offset`. Reading past `data` yields zeros (callers bound-check). */
export function decodePrelude(data: Uint8Array, offset: number): Prelude {
  let ip = offset;
  const next = (): number => data[ip++] ?? 0;
  let z = next();
  // xSSSSEAA, then continuation bytes xFSSKAED
  let S = (z >> 3) & 0xf;
  let E = (z >> 2) & 1;
  let F = 0;
  let A = z & 3;
  let K = 0;
  let D = 0;
  for (let n = 0; z & 0x80; n++) {
    z = next();
    S |= (z & 0x30) << (2 * n);
    E |= (z & 0x02) << n;
    F |= ((z & 0x40) >> 6) << n;
    A |= (z & 0x4) << n;
    K |= ((z & 0x08) >> 3) << n;
    D |= (z & 0x1) << n;
  }
  const offsetPreludeSize = ip;
  let nInfo = 0;
  let nCell = 0;
  for (let n = 0; ; n++) {
    z = next();
    nCell |= (z & 1) << n;
    nInfo += ((z & 0x7e) >> 1) * 2 ** (6 * n);
    if (!(z & 0x80)) break;
  }
  const offsetSourceInfo = ip;
  const names: number[] = [];
  // Bounded by the data so a corrupt argument count cannot spin for billions of iterations.
  for (let i = 0; i < 1 + A + K && ip < data.length; i++) {
    let v = 0;
    let b: number;
    do {
      b = next();
      v = v * 128 + (b & 0x7f);
    } while (b & 0x80);
    names.push(v);
  }
  return {
    nState: S + 1,
    nExcStack: E,
    scopeFlags: F,
    nPosArgs: A,
    nKwonlyArgs: K,
    nDefPosArgs: D,
    nInfo,
    nCell,
    offsetPreludeSize,
    offsetSourceInfo,
    offsetLineInfo: ip,
    offsetClosureInfo: offsetSourceInfo + nInfo,
    offsetOpcodes: offsetSourceInfo + nInfo + nCell,
    names,
  };
}

/** Appends the encoded signature. */
export function encodePreludeSignature(out: number[], sig: PreludeSignature): void {
  let S = sig.nState - 1;
  let E = sig.nExcStack;
  let F = sig.scopeFlags;
  let A = sig.nPosArgs;
  let K = sig.nKwonlyArgs;
  let D = sig.nDefPosArgs;
  let z = ((S & 0xf) << 3) | ((E & 1) << 2) | (A & 3);
  S >>= 4;
  E >>= 1;
  A >>= 2;
  while (S | E | F | A | K | D) {
    out.push(0x80 | z);
    z = ((F & 1) << 6) | ((S & 3) << 4) | ((K & 1) << 3) | ((A & 1) << 2) | ((E & 1) << 1) | (D & 1);
    S >>= 2;
    E >>= 1;
    F >>= 1;
    A >>= 1;
    K >>= 1;
    D >>= 1;
  }
  out.push(z);
}

/** Appends the encoded size header (n_info = bytes of names + line info, n_cell = bytes of closure info). */
export function encodePreludeSize(out: number[], nInfo: number, nCell: number): void {
  let I = nInfo;
  let C = nCell;
  do {
    let z = ((I & 0x3f) << 1) | (C & 1);
    C >>= 1;
    I = Math.floor(I / 64);
    if (C | I) z |= 0x80;
    out.push(z);
  } while (C | I);
}

/** One step of the line-number table: `bytes` of bytecode advance `lines` source lines. */
export interface LineInfoEntry {
  bytes: number;
  lines: number;
  /** Encoded length of this entry (1 or 2 bytes). */
  size: number;
}

/** Decodes one line-table entry at `pos` (0b0LLBBBBB, or 0b1LLLBBBB 0bLLLLLLLL). */
export function decodeLineInfoEntry(data: Uint8Array, pos: number): LineInfoEntry {
  const c = data[pos] ?? 0;
  if ((c & 0x80) === 0) return { bytes: c & 0x1f, lines: c >> 5, size: 1 };
  return { bytes: c & 0xf, lines: ((c << 4) & 0x700) | (data[pos + 1] ?? 0), size: 2 };
}

/** Appends line-table entries that advance `bytes` bytecode bytes and `lines` source lines, as upstream's emitter splits them. */
export function encodeLineInfo(out: number[], bytes: number, lines: number): void {
  while (bytes > 0 || lines > 0) {
    let b: number;
    let l: number;
    if (lines <= 6 || bytes > 0xf) {
      b = Math.min(bytes, 0x1f);
      l = b < bytes ? 0 : Math.min(lines, 3);
      out.push(b | (l << 5));
    } else {
      b = Math.min(bytes, 0xf);
      l = Math.min(lines, 0x7ff);
      out.push(0x80 | b | ((l >> 4) & 0x70), l & 0xff);
    }
    bytes -= b;
    lines -= l;
  }
}

/**
 * Source line of the opcode at `bcOffset` bytes past the first opcode, given the line table in
 * data[start, end). Lines start at 1, as upstream's mp_bytecode_get_source_line and mpy-tool do.
 */
export function sourceLineAt(data: Uint8Array, start: number, end: number, bcOffset: number): number {
  let line = 1;
  let pos = start;
  while (pos < end) {
    const e = decodeLineInfoEntry(data, pos);
    if (bcOffset >= e.bytes) {
      bcOffset -= e.bytes;
      line += e.lines;
    } else break;
    pos += e.size;
  }
  return line;
}

/**
 * The real offset of a native function's prelude. mpy-cross 1.28 stores it truncated to 16 bits for
 * Thumb code over 64 KiB (mpy-tool then crashes); the prelude always ends the function's data, so the
 * candidate offsets stored + k·65536 are tried until one decodes to exactly that end.
 */
export function effectivePreludeOffset(funData: Uint8Array, stored: number): number {
  const fits = (off: number) => off < funData.length && decodePrelude(funData, off).offsetOpcodes === funData.length;
  if (fits(stored)) return stored;
  for (let off = stored + 0x10000; off < funData.length; off += 0x10000) if (fits(off)) return off;
  return stored;
}
