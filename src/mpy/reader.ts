// .mpy 6.3 reader. Produces an MpyFile whose byte arrays are views on the input (no copies), and
// records the file layout mpy-tool's hex dump, extractor and merger need. Validation messages are
// tools/mpy-tool.py's; the VM maps any MpyFormatError to upstream's "incompatible .mpy file".
import { MpyFormatError } from '../core/errors.js';
import { STATIC_QSTRS } from '../core/static-qstrs.js';
import { effectivePreludeOffset } from '../core/prelude.js';
import { ByteReader } from '../core/varint.js';
import {
  CodeKind, featureArch, MPY_FEATURE_ARCH_FLAGS, MPY_SUB_VERSION, MPY_VERSION, ObjTag,
  SCOPE_FLAG_VIPERBSS, SCOPE_FLAG_VIPERRELOC, SCOPE_FLAG_VIPERRODATA, SegmentKind,
  type MpyConst, type MpyFile, type MpyQstr, type MpyRawCode, type MpySegment,
} from './types.js';

// ignoreBOM keeps a leading U+FEFF, which is data here (a qstr may be exactly a BOM).
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
const ascii = new TextDecoder('latin1');

/** Nesting limit for tuples and raw-code children, so corrupt input cannot exhaust the JS stack. */
const MAX_DEPTH = 1000;

export interface ReadOptions {
  /** Skip recording segments (the VM does not need them). */
  readonly noLayout?: boolean;
}

/** Parses a .mpy file. Throws MpyFormatError for anything malformed, truncated or of another version. */
export function readMpy(data: Uint8Array, options: ReadOptions = {}): MpyFile {
  const r = new ByteReader(data);
  const segments: MpySegment[] | undefined = options.noLayout ? undefined : [];
  if (data.length < 4) throw new MpyFormatError(data.length > 0 && data[0] !== 0x4d ? 'not a valid .mpy file' : 'unexpected end of .mpy file');
  const header = r.bytes(4);
  if (header[0] !== 0x4d) throw new MpyFormatError('not a valid .mpy file');
  if (header[1] !== MPY_VERSION) throw new MpyFormatError('incompatible .mpy version');
  const featureByte = header[2] as number;
  if (featureArch(featureByte) !== 0 && (featureByte & 3) !== MPY_SUB_VERSION) {
    throw new MpyFormatError('incompatible .mpy sub-version');
  }
  const smallIntBits = header[3] as number;
  const archFlags = featureByte & MPY_FEATURE_ARCH_FLAGS ? r.uint() : undefined;
  const nQstr = r.uint();
  const nObj = r.uint();
  if (nQstr === 0) throw new MpyFormatError('corrupt .mpy file');

  const qstrTableOffset = r.pos;
  const qstrs: MpyQstr[] = [];
  for (let i = 0; i < nQstr; i++) qstrs.push(readQstr(r, segments));

  const objTableOffset = r.pos;
  const objects: MpyConst[] = [];
  for (let i = 0; i < nObj; i++) objects.push(readObj(r, segments, 0));

  const rawCodeOffset = r.pos;
  const rawCode = readRawCode(r, qstrs, segments, 0);
  const file: MpyFile = {
    version: header[1] as number,
    featureByte,
    smallIntBits,
    ...(archFlags !== undefined ? { archFlags } : {}),
    qstrs,
    objects,
    rawCode,
    ...(segments ? { layout: { qstrTableOffset, objTableOffset, rawCodeOffset, segments } } : {}),
  };
  return file;
}

function readQstr(r: ByteReader, segments: MpySegment[] | undefined): MpyQstr {
  const startPos = r.pos;
  const ln = r.uint();
  if (ln & 1) {
    const staticIndex = (ln - 1) / 2;
    const str = STATIC_QSTRS[staticIndex - 1];
    if (str === undefined) throw new MpyFormatError('corrupt .mpy file');
    segments?.push({ kind: SegmentKind.Meta, name: str, start: startPos, end: startPos });
    return { str, staticIndex };
  }
  const start = r.pos;
  const bytes = r.bytes(ln / 2);
  r.byte(); // NUL terminator
  const str = utf8.decode(bytes);
  segments?.push({ kind: SegmentKind.Qstr, name: str, start, end: r.pos });
  return { str, bytes };
}

function readObj(r: ByteReader, segments: MpySegment[] | undefined, depth: number): MpyConst {
  if (depth > MAX_DEPTH) throw new MpyFormatError('corrupt .mpy file');
  const tag = r.byte();
  switch (tag) {
    case ObjTag.FunTable: return { kind: 'funtable' };
    case ObjTag.None: return { kind: 'none' };
    case ObjTag.False: return { kind: 'false' };
    case ObjTag.True: return { kind: 'true' };
    case ObjTag.Ellipsis: return { kind: 'ellipsis' };
    case ObjTag.Tuple: {
      const n = r.uint();
      const items: MpyConst[] = [];
      for (let i = 0; i < n; i++) items.push(readObj(r, segments, depth + 1));
      return { kind: 'tuple', items };
    }
    case ObjTag.Str: case ObjTag.Bytes: case ObjTag.Int: case ObjTag.Float: case ObjTag.Complex:
      break;
    default:
      throw new MpyFormatError('corrupt .mpy file');
  }
  const ln = r.uint();
  const start = r.pos;
  const buf = r.bytes(ln);
  let obj: MpyConst;
  if (tag === ObjTag.Str || tag === ObjTag.Bytes) {
    r.byte(); // NUL terminator
    obj = tag === ObjTag.Str ? { kind: 'str', value: utf8.decode(buf), bytes: buf } : { kind: 'bytes', value: buf };
  } else {
    const text = ascii.decode(buf);
    obj = parseNumber(tag, text);
  }
  segments?.push({ kind: SegmentKind.Obj, name: obj, start, end: r.pos });
  return obj;
}

const INT_RE = /^[-+]?\d+$/;
const FLOAT_RE = /^[-+]?(?:(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?|inf|nan)$/i;

function parseFloatText(t: string): number {
  const s = t.trim().toLowerCase();
  if (!FLOAT_RE.test(s)) throw new MpyFormatError('corrupt .mpy file');
  if (s.endsWith('inf')) return s.startsWith('-') ? -Infinity : Infinity;
  if (s.endsWith('nan')) return NaN;
  return Number(s);
}

function parseNumber(tag: ObjTag, text: string): MpyConst {
  if (tag === ObjTag.Int) {
    if (!INT_RE.test(text)) throw new MpyFormatError('corrupt .mpy file');
    return { kind: 'int', value: BigInt(text), text };
  }
  if (tag === ObjTag.Float) return { kind: 'float', value: parseFloatText(text), text };
  // complex: "(re+imj)", "imj", "(re-imj)"
  const m = /^\(?([-+]?[^()]*?)(?:([-+][^-+()]*?))?j\)?$/.exec(text);
  if (!m) throw new MpyFormatError('corrupt .mpy file');
  const [, a = '', b] = m;
  if (b === undefined) return { kind: 'complex', real: 0, imag: parseFloatText(a), text };
  return { kind: 'complex', real: parseFloatText(a), imag: parseFloatText(b), text };
}

function readRawCode(r: ByteReader, qstrs: readonly MpyQstr[], segments: MpySegment[] | undefined, depth: number): MpyRawCode {
  if (depth > MAX_DEPTH) throw new MpyFormatError('corrupt .mpy file');
  const kindLen = r.uint();
  const kind = ((kindLen & 3) + CodeKind.Bytecode) as CodeKind;
  const hasChildren = (kindLen & 4) !== 0;
  const funDataLen = Math.floor(kindLen / 8);
  const fileOffset = r.pos;
  const funData = r.bytes(funDataLen);
  const segIndex = segments?.length ?? 0;

  let preludeOffset = 0;
  let scopeFlags = 0;
  let nPosArgs = 0;
  let typeSig = 0;
  let rodata: Uint8Array | undefined;
  let bssSize: number | undefined;
  if (kind === CodeKind.NativePy) {
    preludeOffset = r.uint();
  } else if (kind !== CodeKind.Bytecode) {
    scopeFlags = r.uint();
    if (kind === CodeKind.NativeAsm) {
      nPosArgs = r.uint();
      typeSig = r.uint();
    } else {
      const rodataSize = scopeFlags & SCOPE_FLAG_VIPERRODATA ? r.uint() : 0;
      if (scopeFlags & SCOPE_FLAG_VIPERBSS) bssSize = r.uint();
      if (scopeFlags & SCOPE_FLAG_VIPERRODATA) rodata = r.bytes(rodataSize);
    }
  }
  segments?.splice(segIndex, 0, {
    kind: SegmentKind.Code,
    name: simpleName(kind, funData, preludeOffset, qstrs),
    start: fileOffset,
    end: fileOffset + funDataLen,
  });

  const children: MpyRawCode[] = [];
  if (hasChildren) {
    const n = r.uint();
    for (let i = 0; i < n; i++) children.push(readRawCode(r, qstrs, segments, depth + 1));
  }

  switch (kind) {
    case CodeKind.Bytecode:
      return { kind, funData, children };
    case CodeKind.NativePy:
      return { kind, funData, children, preludeOffset };
    case CodeKind.NativeAsm:
      return { kind, funData, children, scopeFlags, nPosArgs, typeSig };
    case CodeKind.NativeViper: {
      // As upstream's loader does, relocation records follow the children.
      let relocations: Uint8Array | undefined;
      if (scopeFlags & SCOPE_FLAG_VIPERRELOC) {
        const start = r.pos;
        for (;;) {
          let op = r.byte();
          if (op === 0xff) break;
          if (op & 1) r.uint();
          op >>= 1;
          if (op <= 5 && op & 1) r.uint();
        }
        relocations = r.data.subarray(start, r.pos);
      }
      return {
        kind, funData, children, scopeFlags,
        ...(rodata ? { rodata } : {}),
        ...(bssSize !== undefined ? { bssSize } : {}),
        ...(relocations ? { relocations } : {}),
      };
    }
  }
}

/** The function's name as mpy-tool labels it: the prelude's first qstr, or qstr 0 for viper/asm. */
function simpleName(kind: CodeKind, funData: Uint8Array, preludeOffset: number, qstrs: readonly MpyQstr[]): string {
  let idx = 0;
  if (kind === CodeKind.Bytecode || kind === CodeKind.NativePy) {
    // Skip the signature and size headers, then read the simple-name var-uint.
    let ip = preludeOffset;
    while ((funData[ip] ?? 0) & 0x80) ip++;
    ip++;
    while ((funData[ip] ?? 0) & 0x80) ip++;
    ip++;
    let b: number;
    do {
      b = funData[ip++] ?? 0;
      idx = idx * 128 + (b & 0x7f);
    } while (b & 0x80 && ip < funData.length);
  }
  // mpy-cross 1.28 can store a wrong (16-bit truncated) prelude offset for native code over 64 KiB;
  // the label is cosmetic, so such files (and corrupt ones) still read.
  const q = qstrs[idx];
  const real = kind === CodeKind.NativePy ? effectivePreludeOffset(funData, preludeOffset) : preludeOffset;
  if (q || real === preludeOffset) return q?.str ?? '?';
  return simpleName(kind, funData, real, qstrs);
}
