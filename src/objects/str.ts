// str (JS strings, indexed by code point) and the method set MicroPython shares between str and bytes.
// Methods are written once over JS strings; for bytes the string holds one char per byte (latin1) and
// results are re-wrapped, so both types behave identically where upstream's objstr.c shares code.
import {
  checkAlloc, getIter, isTrue, iterNext, lenMaybe, printObj, repr, seqIndex, str as toStr, strLen, toArray, typeName,
} from '../vm/runtime.js';
import { excMsg, IndexErrorType, NotImplementedErrorType, typeError, valueError } from './exceptions.js';
import { checkInt, floatToInt, parseInt as parseIntText } from './int.js';
import {
  Binary, defMethod, NoneObj, ObjectType, PrintKind, PyFloat, PyList, PyObject, PyTuple, PyType, StrType,
  Unary, type KwArgs, type PyObj,
} from './object.js';
import { repeatCount } from './seq.js';
import { PySlice, sliceStep1 } from './slice.js';
import { strFormat, strModulo } from './strformat.js';
import { PyBytes, BytesType, bytesFromLatin1, latin1Of, decodeUtf8, PyByteArray, ByteArrayType } from './bytes.js';
import { PyBuiltin, PyClassMethod, PyBoxed } from './object.js';
export { decodeUtf8 };

const SURR = /[\uD800-\uDFFF]/;
export function hasAstral(s: string): boolean {
  return SURR.test(s);
}
export function codePoints(s: string): string[] {
  return Array.from(s);
}

/** How a method call's receiver and results are represented (str, or bytes as latin1 text). */
interface Kind {
  name: string;
  text(o: PyObj): string;
  wrap(s: string): PyObj;
  isMine(o: PyObj): boolean;
}
export const STR_KIND: Kind = {
  name: 'str',
  text: (o) => {
    if (typeof o === 'string') return o;
    if (o instanceof PyBoxed && typeof o.value === 'string') return o.value;
    throw typeError(`can't convert '${typeName(o)}' object to str implicitly`);
  },
  wrap: (s) => s,
  isMine: (o) => typeof o === 'string',
};
export const BYTES_KIND: Kind = {
  name: 'bytes',
  text: (o) => {
    if (o instanceof PyBytes || o instanceof PyByteArray) return latin1Of(o.data);
    const buf = typeof o === 'object' ? o.type.buffer?.(o) : undefined;
    if (buf) return latin1Of(buf);
    throw typeError(`can't convert '${typeName(o)}' object to bytes implicitly`);
  },
  wrap: (s) => bytesFromLatin1(s),
  isMine: (o) => o instanceof PyBytes,
};

// ------------------------------------------------------------------ str type slots

/** mp_arg_error_unimpl_kw: str() and bytes() take no keyword arguments in MicroPython. */
function unimplKw(): PyObj {
  return excMsg(NotImplementedErrorType, 'keyword argument(s) not implemented - use normal args instead');
}
StrType.make = (cls, args, kw) => {
  if (kw !== undefined && kw.size > 0) throw unimplKw();
  let s: string;
  if (args.length > 3) throw typeError(`function expected at most 3 arguments, got ${args.length}`);
  if (args.length === 0) s = '';
  else if (args.length === 1) s = toStr(args[0] as PyObj);
  else {
    const b = args[0] as PyObj;
    const buf = typeof b === 'object' ? b.type.buffer?.(b) : undefined;
    if (!buf) throw typeError("can't convert to str implicitly");
    s = decodeUtf8(buf);
  }
  if (cls !== StrType) {
    return new PyBoxed(s, cls);
  }
  return s;
};

export { PyBoxed as PyStrSub };

StrType.print = (o, k) => (k === PrintKind.REPR ? repr(o) : (o as string));
StrType.unary = (op, o) => {
  const s = o as string;
  if (op === Unary.LEN) return strLen(s);
  if (op === Unary.BOOL) return s.length > 0;
  return undefined;
};

export function strCharAt(s: string, index: PyObj): string {
  if (!hasAstral(s)) return s[seqIndex('string', s.length, index)] as string;
  const cps = codePoints(s);
  return cps[seqIndex('string', cps.length, index)] as string;
}

export function strSlice(s: string, sl: PySlice): string {
  if (!hasAstral(s)) {
    const [a, b] = sliceStep1(sl, s.length);
    return s.slice(a, b);
  }
  const cps = codePoints(s);
  const [a, b] = sliceStep1(sl, cps.length);
  return cps.slice(a, b).join('');
}

StrType.subscr = (o, index, value) => {
  if (value !== undefined) return undefined;
  const s = o as string;
  if (index instanceof PySlice) return strSlice(s, index);
  return strCharAt(s, index);
};

function strCompare(op: Binary, a: string, b: string): boolean {
  // UTF-8 byte order equals code point order; JS compares UTF-16 units, which differs only for astral
  // characters vs U+E000..U+FFFF.
  if (hasAstral(a) || hasAstral(b)) {
    const x = codePoints(a).map((c) => c.codePointAt(0) as number);
    const y = codePoints(b).map((c) => c.codePointAt(0) as number);
    let r = 0;
    for (let i = 0; i < Math.min(x.length, y.length) && r === 0; i++) r = (x[i] as number) - (y[i] as number);
    if (r === 0) r = x.length - y.length;
    return cmpResult(op, r);
  }
  return cmpResult(op, a < b ? -1 : a > b ? 1 : 0);
}
function cmpResult(op: Binary, r: number): boolean {
  switch (op) {
    case Binary.LT: return r < 0;
    case Binary.GT: return r > 0;
    case Binary.LE: return r <= 0;
    case Binary.GE: return r >= 0;
    case Binary.EQ: return r === 0;
    default: return r !== 0;
  }
}

StrType.binary = (op, a, b) => {
  const s = a as string;
  switch (op) {
    case Binary.ADD: case Binary.IADD:
      if (typeof b !== 'string') {
        if (b instanceof PyBoxed) return s + b.value;
        return undefined;
      }
      return s + b;
    case Binary.MUL: case Binary.IMUL: case Binary.MUL + 100: {
      const n = repeatCount(b);
      if (n === undefined) return undefined;
      checkAlloc(s.length * n + 1);
      return s.repeat(n);
    }
    case Binary.MOD: case Binary.IMOD:
      return strModulo(s, b, false);
    case Binary.CONTAINS:
      if (typeof b !== 'string') throw typeError("can't convert '" + typeName(b) + "' object to str implicitly");
      return s.includes(b);
    case Binary.LT: case Binary.GT: case Binary.LE: case Binary.GE:
      if (typeof b !== 'string') return undefined;
      return strCompare(op, s, b);
    case Binary.EQ:
      return typeof b === 'string' ? s === b : b instanceof PyBoxed ? s === b.value : undefined;
    default:
      return undefined;
  }
};

class StrIter extends PyObject {
  i = 0;
  constructor(public chars: string[] | string) {
    super(StrIterType);
  }
}
const StrIterType = new PyType('iterator', [ObjectType]);
StrIterType.getiter = (o) => o;
StrIterType.iternext = (o) => {
  const it = o as StrIter;
  if (it.i >= it.chars.length) return undefined;
  return it.chars[it.i++] as string;
};
StrType.getiter = (o) => {
  const s = o as string;
  return new StrIter(hasAstral(s) ? codePoints(s) : s);
};

// ------------------------------------------------------------------ shared methods

function argText(k: Kind, o: PyObj | undefined): string {
  if (o === undefined) throw typeError('function missing required positional argument');
  if (k === STR_KIND) {
    if (typeof o === 'string') return o;
    throw typeError(`can't convert '${typeName(o)}' object to str implicitly`);
  }
  return k.text(o);
}

/** Translate start/end (code point indices) into [start, end] within text (UTF-16 units when BMP). */
function range(s: string, a: PyObj | undefined, b: PyObj | undefined): [number, number] {
  const len = s.length;
  const norm = (o: PyObj | undefined, d: number): number => {
    if (o === undefined || o === NoneObj) return d;
    let v = Number(checkInt(o));
    if (v < 0) v = Math.max(0, v + len);
    return Math.min(v, len);
  };
  return [norm(a, 0), norm(b, len)];
}

const WS = /^[ \t\n\r\v\f]+/;
const WS_END = /[ \t\n\r\v\f]+$/;

function stripChars(s: string, chars: string | undefined, left: boolean, right: boolean): string {
  if (chars === undefined) {
    let r = s;
    if (left) r = r.replace(WS, '');
    if (right) r = r.replace(WS_END, '');
    return r;
  }
  let a = 0;
  let b = s.length;
  if (left) while (a < b && chars.includes(s[a] as string)) a++;
  if (right) while (b > a && chars.includes(s[b - 1] as string)) b--;
  return s.slice(a, b);
}

function splitWs(s: string, maxsplit: number): string[] {
  const out: string[] = [];
  let i = 0;
  const n = s.length;
  const isWs = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\v' || c === '\f';
  while (i < n && isWs(s[i] as string)) i++;
  while (i < n) {
    if (maxsplit >= 0 && out.length === maxsplit) {
      out.push(s.slice(i));
      return out;
    }
    let j = i;
    while (j < n && !isWs(s[j] as string)) j++;
    out.push(s.slice(i, j));
    i = j;
    while (i < n && isWs(s[i] as string)) i++;
  }
  return out;
}

function rsplitWs(s: string, maxsplit: number): string[] {
  if (maxsplit < 0) return splitWs(s, -1);
  const parts = splitWs(s, -1);
  if (parts.length <= maxsplit + 1) return parts;
  // join the leading parts back with the original whitespace
  const out: string[] = [];
  let e = s.length;
  let t = s.replace(WS_END, '');
  e = t.length;
  for (let k = 0; k < maxsplit; k++) {
    let j = e;
    while (j > 0 && !/\s/.test(t[j - 1] as string)) j--;
    out.unshift(t.slice(j, e));
    let m = j;
    while (m > 0 && /\s/.test(t[m - 1] as string)) m--;
    e = m;
    t = t.slice(0, e);
  }
  out.unshift(t);
  return out;
}

function defShared(t: PyType, k: Kind): void {
  const self = (a: PyObj[]): string => k.text(a[0] as PyObj);
  defMethod(t, 'find', (a) => {
    const s = self(a);
    const [st, en] = range(s, a[2], a[3]);
    const i = s.slice(0, en).indexOf(argText(k, a[1]), st);
    return cpIndex(s, i, k);
  });
  defMethod(t, 'rfind', (a) => {
    const s = self(a);
    const [st, en] = range(s, a[2], a[3]);
    const sub = argText(k, a[1]);
    const i = s.slice(0, en).lastIndexOf(sub);
    return cpIndex(s, i >= st ? i : -1, k);
  });
  defMethod(t, 'index', (a) => {
    const s = self(a);
    const [st, en] = range(s, a[2], a[3]);
    const i = s.slice(0, en).indexOf(argText(k, a[1]), st);
    if (i < 0) throw valueError('substring not found');
    return cpIndex(s, i, k);
  });
  defMethod(t, 'rindex', (a) => {
    const s = self(a);
    const [st, en] = range(s, a[2], a[3]);
    const i = s.slice(0, en).lastIndexOf(argText(k, a[1]));
    if (i < st) throw valueError('substring not found');
    return cpIndex(s, i, k);
  });
  defMethod(t, 'count', (a) => {
    const s = self(a);
    const [st, en] = range(s, a[2], a[3]);
    const sub = argText(k, a[1]);
    const part = s.slice(st, en);
    if (sub.length === 0) return strLen(part) + 1;
    let n = 0;
    for (let i = part.indexOf(sub); i >= 0; i = part.indexOf(sub, i + sub.length)) n++;
    return n;
  });
  defMethod(t, 'join', (a) => {
    const sep = self(a);
    const parts = toArray(a[1] as PyObj).map((x) => {
      if (!k.isMine(x)) {
        if (k === STR_KIND) throw typeError(`join expects a list of str/bytes objects consistent with self object`);
        throw typeError(`join expects a list of str/bytes objects consistent with self object`);
      }
      return k.text(x);
    });
    return k.wrap(parts.join(sep));
  });
  defMethod(t, 'split', (a, kw) => {
    const s = self(a);
    const sepO = kw?.get('sep') ?? a[1];
    const maxO = kw?.get('maxsplit') ?? a[2];
    const max = maxO === undefined ? -1 : Number(checkInt(maxO));
    if (sepO === undefined || sepO === NoneObj) return new PyList(splitWs(s, max).map(k.wrap));
    const sep = argText(k, sepO);
    if (sep.length === 0) throw valueError('empty separator');
    const out: string[] = [];
    let rest = s;
    while (max < 0 || out.length < max) {
      const i = rest.indexOf(sep);
      if (i < 0) break;
      out.push(rest.slice(0, i));
      rest = rest.slice(i + sep.length);
    }
    out.push(rest);
    return new PyList(out.map(k.wrap));
  });
  defMethod(t, 'rsplit', (a, kw) => {
    const s = self(a);
    const sepO = kw?.get('sep') ?? a[1];
    const maxO = kw?.get('maxsplit') ?? a[2];
    const max = maxO === undefined ? -1 : Number(checkInt(maxO));
    // upstream splits from the right only with an explicit separator
    if ((sepO === undefined || sepO === NoneObj) && max >= 0) throw excMsg(NotImplementedErrorType, 'rsplit(None,n)');
    if (sepO === undefined || sepO === NoneObj) return new PyList(rsplitWs(s, max).map(k.wrap));
    const sep = argText(k, sepO);
    if (sep.length === 0) throw valueError('empty separator');
    const out: string[] = [];
    let rest = s;
    while (max < 0 || out.length < max) {
      const i = rest.lastIndexOf(sep);
      if (i < 0) break;
      out.unshift(rest.slice(i + sep.length));
      rest = rest.slice(0, i);
    }
    out.unshift(rest);
    return new PyList(out.map(k.wrap));
  });
  defMethod(t, 'splitlines', (a, kw) => {
    const s = self(a);
    const keep = isTrue(kw?.get('keepends') ?? a[1] ?? false);
    const out: string[] = [];
    let i = 0;
    let st = 0;
    while (i < s.length) {
      const c = s[i];
      if (c === '\n' || c === '\r') {
        let e = i + 1;
        if (c === '\r' && s[e] === '\n') e++;
        out.push(keep ? s.slice(st, e) : s.slice(st, i));
        st = i = e;
      } else i++;
    }
    if (st < s.length) out.push(s.slice(st));
    return new PyList(out.map(k.wrap));
  });
  const prefixTest = (end: boolean) => (a: PyObj[]): PyObj => {
    const s = self(a);
    const [st, en] = range(s, a[2], a[3]);
    const part = s.slice(st, en);
    const p = a[1] as PyObj;
    const test = (x: PyObj): boolean => (end ? part.endsWith(argText(k, x)) : part.startsWith(argText(k, x)));
    if (p instanceof PyTuple) return p.items.some(test);
    return test(p);
  };
  defMethod(t, 'startswith', prefixTest(false));
  defMethod(t, 'endswith', prefixTest(true));
  const strip = (l: boolean, r: boolean) => (a: PyObj[]): PyObj => {
    const c = a[1];
    const s = self(a);
    const out = stripChars(s, c === undefined || c === NoneObj ? undefined : argText(k, c), l, r);
    // nothing stripped: the same object comes back (upstream returns self)
    return out.length === s.length && k !== STR_KIND ? (a[0] as PyObj) : k.wrap(out);
  };
  defMethod(t, 'strip', strip(true, true));
  defMethod(t, 'lstrip', strip(true, false));
  defMethod(t, 'rstrip', strip(false, true));
  defMethod(t, 'replace', (a) => {
    const s = self(a);
    const old = argText(k, a[1]);
    const nw = argText(k, a[2]);
    let max = a[3] === undefined ? -1 : Number(checkInt(a[3]));
    if (max < 0) max = Infinity;
    let out = '';
    let i = 0;
    let n = 0;
    if (old.length === 0) {
      const cps = codePoints(s);
      for (let j = 0; j <= cps.length; j++) {
        if (n < max) {
          out += nw;
          n++;
        }
        if (j < cps.length) out += cps[j];
      }
      return k.wrap(out);
    }
    while (n < max) {
      const j = s.indexOf(old, i);
      if (j < 0) break;
      out += s.slice(i, j) + nw;
      i = j + old.length;
      n++;
    }
    return k.wrap(out + s.slice(i));
  });
  const partition = (rev: boolean) => (a: PyObj[]): PyObj => {
    const s = self(a);
    const sep = argText(k, a[1]);
    if (sep.length === 0) throw valueError('empty separator');
    const i = rev ? s.lastIndexOf(sep) : s.indexOf(sep);
    if (i < 0) return new PyTuple(rev ? [k.wrap(''), k.wrap(''), k.wrap(s)] : [k.wrap(s), k.wrap(''), k.wrap('')]);
    return new PyTuple([k.wrap(s.slice(0, i)), k.wrap(sep), k.wrap(s.slice(i + sep.length))]);
  };
  defMethod(t, 'partition', partition(false));
  defMethod(t, 'rpartition', partition(true));
  defMethod(t, 'center', (a) => {
    const s = self(a);
    const w = Number(checkInt(a[1] as PyObj));
    const len = strLen(s);
    if (w <= len) return k.wrap(s);
    const l = Math.floor((w - len) / 2);
    return k.wrap(' '.repeat(l) + s + ' '.repeat(w - len - l));
  });
  const asciiMap = (f: (c: string) => string) => (a: PyObj[]): PyObj => k.wrap(self(a).replace(/[A-Za-z]/g, f));
  defMethod(t, 'lower', asciiMap((c) => c.toLowerCase()));
  defMethod(t, 'upper', asciiMap((c) => c.toUpperCase()));
  const pred = (re: RegExp, cased = false) => (a: PyObj[]): PyObj => {
    const s = self(a);
    if (s.length === 0) return false;
    if (cased) return re.test(s) && /[A-Za-z]/.test(s);
    return re.test(s);
  };
  defMethod(t, 'isspace', pred(/^[ \t\n\r\v\f]+$/));
  defMethod(t, 'isalpha', pred(/^[A-Za-z]+$/));
  defMethod(t, 'isdigit', pred(/^[0-9]+$/));
  defMethod(t, 'isupper', pred(/^[^a-z]+$/, true));
  defMethod(t, 'islower', pred(/^[^A-Z]+$/, true));
  defMethod(t, 'format', (a, kw) => k.wrap(strFormat(self(a), a.slice(1), kw)));
}

function cpIndex(s: string, i: number, k: Kind): number {
  if (i < 0 || k !== STR_KIND || !hasAstral(s)) return i;
  return strLen(s.slice(0, i));
}

defShared(StrType, STR_KIND);
defMethod(StrType, 'encode', (a) => new PyBytes(new TextEncoder().encode(STR_KIND.text(a[0] as PyObj))));
defShared(BytesType, BYTES_KIND);
/** bytearray shares the bytes methods; results are bytearrays (upstream builds them of self's type). */
const BYTEARRAY_KIND: Kind = {
  name: 'bytearray',
  text: BYTES_KIND.text,
  wrap: (s) => new PyByteArray(bytesFromLatin1(s).data),
  isMine: (o) => o instanceof PyBytes || o instanceof PyByteArray,
};
defShared(ByteArrayType, BYTEARRAY_KIND);
const fromhex = new PyClassMethod(new PyBuiltin('fromhex', (a) => {
  // whitespace may only come between digit pairs (mp_obj_bytes_fromhex)
  const s = STR_KIND.text(a[1] as PyObj);
  const out: number[] = [];
  for (let i = 0; i < s.length;) {
    const c1 = s[i++] as string;
    if (/\s/.test(c1)) continue;
    const c2 = s[i++];
    if (c2 === undefined || !/[0-9a-fA-F]/.test(c1) || !/[0-9a-fA-F]/.test(c2)) throw valueError('non-hex digit');
    out.push(parseInt(c1 + c2, 16));
  }
  const bytes = Uint8Array.from(out);
  return a[0] === ByteArrayType ? new PyByteArray(bytes) : new PyBytes(bytes);
}));
BytesType.dict.set('fromhex', fromhex);
ByteArrayType.dict.set('fromhex', fromhex);

/** int(x[, base]) for the builtin int constructor. */
export function intFromObj(x: PyObj, base: PyObj | undefined): PyObj {
  if (base !== undefined) {
    const b = Number(checkInt(base));
    if (typeof x === 'string') return parseIntText(x, b);
    if (x instanceof PyBytes) return parseIntText(latin1Of(x.data), b);
    throw typeError("can't convert to int");
  }
  if (typeof x === 'number' || typeof x === 'bigint') return x;
  if (typeof x === 'boolean') return x ? 1 : 0;
  if (typeof x === 'string') return parseIntText(x, 10);
  if (x instanceof PyFloat) return floatToInt(x.v);
  if (x instanceof PyBytes) return parseIntText(latin1Of(x.data), 10);
  const t = x.type;
  if (t.unary) {
    const r = t.unary(Unary.INT, x);
    if (r !== undefined) return r;
  }
  // any other object with the buffer protocol holds the text of a number (objint.c)
  const buf = t.buffer?.(x);
  if (buf !== undefined) return parseIntText(latin1Of(buf), 10);
  throw typeError(`can't convert ${t.name} to int`);
}

export { printObj, repr, lenMaybe, getIter, iterNext, IndexErrorType, PrintKind, type KwArgs };
