// The per-module tables every emitter shares (upstream's mp_emit_common_t, py/emitcommon.c): the qstr
// table (entry 0 is the source file name; others are numbered in order of first use, by any pass) and
// the constant-object table (de-duplicated by strict equality: same type and value, 0.0 and -0.0
// distinct, NaN only equal to the very same object).
import { STATIC_QSTRS } from '../core/static-qstrs.js';
import type { MpyConst, MpyQstr } from '../mpy/types.js';
import { complexRepr, floatRepr, intRepr } from './number-repr.js';
import type { ConstValue } from './parse-node.js';

const utf8 = new TextEncoder();

/** UTF-8 bytes of a string; short ASCII strings (most qstrs) skip TextEncoder's per-call overhead. */
function encodeUtf8(s: string): Uint8Array {
  const n = s.length;
  if (n <= 64) {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) return utf8.encode(s);
      out[i] = c;
    }
    return out;
  }
  return utf8.encode(s);
}

let staticIndex: Map<string, number> | undefined;
function staticQstrIndex(s: string): number | undefined {
  if (staticIndex === undefined) {
    staticIndex = new Map();
    STATIC_QSTRS.forEach((q, i) => staticIndex?.set(q, i + 1));
  }
  return staticIndex.get(s);
}

/** A key equal for two constants exactly when upstream's strictly_equal says so; undefined if never. */
function constKey(v: ConstValue): string | undefined {
  switch (v.type) {
    case 'int':
      return 'i' + v.value.toString();
    case 'float':
      // Upstream only merges NaNs that are the same object; in practice that is math.nan (one shared
      // module constant, folded in by the parser), while NaNs made by folding arithmetic are rare.
      // The parse tree does not keep object identity, so every NaN is taken to be math.nan.
      if (Number.isNaN(v.value)) return 'fnan';
      return 'f' + (Object.is(v.value, -0) ? '-0' : String(v.value));
    case 'complex':
      // complex equality is plain numeric equality: 0j and -0j compare equal (String(-0) is "0")
      if (Number.isNaN(v.real) || Number.isNaN(v.imag)) return undefined;
      return 'c' + String(v.real) + ',' + String(v.imag);
    case 'str':
      return 's' + v.value;
    case 'bytes': {
      let s = 'b';
      for (const b of v.value) s += String.fromCharCode(b);
      return s;
    }
    case 'tuple': {
      let s = 't' + v.items.length + '(';
      for (const item of v.items) {
        const k = constKey(item);
        if (k === undefined) return undefined;
        s += k.length + ':' + k;
      }
      return s;
    }
    case 'none':
      return 'N';
    case 'bool':
      return v.value ? 'T' : 'F';
    case 'ellipsis':
      return 'E';
  }
}

/** The .mpy form of a constant. */
export function toMpyConst(v: ConstValue): MpyConst {
  switch (v.type) {
    case 'int':
      return { kind: 'int', value: v.value, text: intRepr(v.value) };
    case 'float':
      return { kind: 'float', value: v.value, text: floatRepr(v.value) };
    case 'complex':
      return { kind: 'complex', real: v.real, imag: v.imag, text: complexRepr(v.real, v.imag) };
    case 'str':
      return { kind: 'str', value: v.value, bytes: encodeUtf8(v.value) };
    case 'bytes':
      return { kind: 'bytes', value: v.value };
    case 'tuple':
      return { kind: 'tuple', items: v.items.map(toMpyConst) };
    case 'none':
      return { kind: 'none' };
    case 'bool':
      return { kind: v.value ? 'true' : 'false' };
    case 'ellipsis':
      return { kind: 'ellipsis' };
  }
}

export class EmitCommon {
  private readonly qstrIndex = new Map<string, number>();
  readonly qstrs: string[] = [];
  readonly consts: ConstValue[] = [];
  private readonly constByKey = new Map<string, number>();
  private readonly constByIdentity = new WeakMap<ConstValue, number>();
  private funTableIndex: number | undefined;

  constructor(sourceFile: string) {
    this.useQstr(sourceFile);
  }

  /** Index of a qstr in the module's table, adding it on first use. */
  useQstr(q: string): number {
    let i = this.qstrIndex.get(q);
    if (i === undefined) {
      i = this.qstrs.length;
      this.qstrs.push(q);
      this.qstrIndex.set(q, i);
    }
    return i;
  }

  /** Index of a constant in the module's object table, reusing a strictly-equal one. */
  useConst(v: ConstValue): number {
    const same = this.constByIdentity.get(v);
    if (same !== undefined) return same;
    const key = constKey(v);
    let i = key !== undefined ? this.constByKey.get(key) : undefined;
    if (i === undefined) {
      i = this.consts.length;
      this.consts.push(v);
      if (key !== undefined) this.constByKey.set(key, i);
    }
    this.constByIdentity.set(v, i);
    return i;
  }

  mpyQstrs(): MpyQstr[] {
    return this.qstrs.map((str) => {
      const si = staticQstrIndex(str);
      return si !== undefined ? { str, staticIndex: si } : { str, bytes: encodeUtf8(str) };
    });
  }

  /** Index of the mp_fun_table entry native code loads (never equal to any other constant). */
  useFunTable(): number {
    if (this.funTableIndex === undefined) {
      this.funTableIndex = this.consts.length;
      // a placeholder no lookup can match; written out as the funtable entry
      this.consts.push({ type: 'none' });
    }
    return this.funTableIndex;
  }

  mpyConsts(): MpyConst[] {
    return this.consts.map((v, i) => (i === this.funTableIndex ? { kind: 'funtable' } : toMpyConst(v)));
  }
}
