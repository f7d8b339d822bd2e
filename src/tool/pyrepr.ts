// CPython's repr() for the values tools/mpy-tool.py prints (it is a CPython program, so its -d output
// shows constants the way CPython 3 formats them, not the way MicroPython would).
import type { MpyConst } from '../mpy/types.js';

// Characters str.isprintable() rejects: categories Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs other than space.
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

export function reprStr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + hex(cp, 2);
    else if (cp < 0x7f) out += ch;
    else if (ch !== ' ' && NON_PRINTABLE.test(ch)) {
      out += cp < 0x100 ? '\\x' + hex(cp, 2) : cp < 0x10000 ? '\\u' + hex(cp, 4) : '\\U' + hex(cp, 8);
    } else out += ch;
  }
  return out + quote;
}

export function reprBytes(b: Uint8Array): string {
  let hasSingle = false;
  let hasDouble = false;
  for (const c of b) {
    if (c === 0x27) hasSingle = true;
    else if (c === 0x22) hasDouble = true;
  }
  const quote = hasSingle && !hasDouble ? 0x22 : 0x27;
  let out = 'b' + String.fromCharCode(quote);
  for (const c of b) {
    if (c === quote || c === 0x5c) out += '\\' + String.fromCharCode(c);
    else if (c === 0x09) out += '\\t';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c < 0x20 || c >= 0x7f) out += '\\x' + hex(c, 2);
    else out += String.fromCharCode(c);
  }
  return out + String.fromCharCode(quote);
}

/** CPython's float formatting in 'r' mode (shortest round-trip digits). */
function formatFloatR(x: number, addDot0: boolean): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return (Object.is(x, -0) ? '-0' : '0') + (addDot0 ? '.0' : '');
  const sign = x < 0 ? '-' : '';
  const [mant = '', expText = '0'] = Math.abs(x).toExponential().split('e');
  const digits = mant.replace('.', '');
  const decpt = Number(expText) + 1;
  if (decpt <= -4 || decpt > 16) {
    const e = decpt - 1;
    const m = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
    return sign + m + 'e' + (e < 0 ? '-' : '+') + String(Math.abs(e)).padStart(2, '0');
  }
  let body: string;
  if (decpt <= 0) body = '0.' + '0'.repeat(-decpt) + digits;
  else if (decpt >= digits.length) body = digits + '0'.repeat(decpt - digits.length) + (addDot0 ? '.0' : '');
  else body = digits.slice(0, decpt) + '.' + digits.slice(decpt);
  return sign + body;
}

export function reprFloat(x: number): string {
  return formatFloatR(x, true);
}

export function reprComplex(real: number, imag: number): string {
  const im = formatFloatR(imag, false);
  if (real === 0 && !Object.is(real, -0)) return im + 'j';
  const sign = imag < 0 || Object.is(imag, -0) || (Number.isNaN(imag) && im.startsWith('-')) ? '' : '+';
  return '(' + formatFloatR(real, false) + sign + im + 'j)';
}

/** repr() of a constant-table entry as mpy-tool holds it (str, bytes, int, float, complex, tuple...). */
export function reprConst(o: MpyConst): string {
  switch (o.kind) {
    case 'funtable': return 'mp_fun_table';
    case 'none': return 'None';
    case 'false': return 'False';
    case 'true': return 'True';
    case 'ellipsis': return 'Ellipsis';
    case 'str': return reprStr(o.value);
    case 'bytes': return reprBytes(o.value);
    case 'int': return o.value.toString();
    case 'float': return reprFloat(o.value);
    case 'complex': return reprComplex(o.real, o.imag);
    case 'tuple': {
      const items = o.items.map(reprConst);
      return '(' + items.join(', ') + (items.length === 1 ? ',' : '') + ')';
    }
  }
}

/** repr() of a list of strings, as print() shows `[q.str for q in ...]`. */
export function reprStrList(items: readonly string[]): string {
  return '[' + items.map(reprStr).join(', ') + ']';
}

/**
 * Python's json.dumps with default settings (", " and ": " separators, ensure_ascii) for the plain
 * JSON values -j output holds.
 */
export function pyJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return pyJsonString(v);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : reprFloat(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return '[' + v.map(pyJson).join(', ') + ']';
  const entries = Object.entries(v as Record<string, unknown>);
  return '{' + entries.map(([k, x]) => pyJsonString(k) + ': ' + pyJson(x)).join(', ') + '}';
}

function pyJsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c === 0x08) out += '\\b';
    else if (c === 0x0c) out += '\\f';
    else if (c < 0x20 || c > 0x7e) out += '\\u' + hex(c, 4);
    else out += s[i];
  }
  return out + '"';
}
