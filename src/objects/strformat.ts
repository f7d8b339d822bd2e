// printf-style `%` formatting and str.format, following objstr.c / mpprint.c: padding counts UTF-8
// bytes (as upstream does), floats go through formatFloat, '{:,}' is ignored for floats.
import { printObj, repr, str as toStr, typeName } from '../vm/runtime.js';
import { excMsg, IndexErrorType, NotImplementedErrorType, typeError, valueError } from './exceptions.js';
import { floatMaybe, FLOAT_REPR_PREC, formatFloat } from './float.js';
import { floatToInt, type Int } from './int.js';
import { NoneObj, PrintKind, PyFloat, PyTuple, Unary, type KwArgs, type PyObj } from './object.js';
import { checkQstr, keyError } from '../vm/runtime.js';

const LEFT = 1;
const SHOW_SIGN = 2;
const SPACE_SIGN = 4;
const SHOW_PREFIX = 8;
const PAD_AFTER_SIGN = 0x40;
const CENTER = 0x80;
const ADD_PERCENT = 0x100;
const SHOW_OCTAL_LETTER = 0x200;

const enc = new TextEncoder();
function byteLen(s: string): number {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(s) ? s.length : enc.encode(s).length;
}

/** mp_print_strn: pads to width with fill (width measured in bytes like upstream). */
function pad(s: string, flags: number, fill: string, width: number): string {
  const n = width - byteLen(s);
  if (n <= 0) return s;
  if (flags & LEFT) return s + fill.repeat(n);
  if (flags & CENTER) {
    const l = Math.floor(n / 2);
    return fill.repeat(l) + s + fill.repeat(n - l);
  }
  return fill.repeat(n) + s;
}

function withSign(body: string, neg: boolean, prefix: string, flags: number, fill: string, width: number): string {
  let sign = '';
  if (neg) sign = '-';
  else if (flags & SHOW_SIGN) sign = '+';
  else if (flags & SPACE_SIGN) sign = ' ';
  if (flags & PAD_AFTER_SIGN) {
    const head = sign + prefix;
    return head + pad(body, flags & ~(LEFT | CENTER), fill, width - head.length);
  }
  return pad(sign + prefix + body, flags, fill, width);
}

function groupDigits(s: string, sep: string, n = 3): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (i > 0 && (s.length - i) % n === 0) out += sep;
    out += s[i];
  }
  return out;
}

/** mp_print_mp_int */
function fmtInt(v: Int, base: number, upper: boolean, flags: number, fill: string, width: number, prec: number, sep = ''): string {
  const neg = v < 0;
  let digits = (neg ? -BigInt(v) : BigInt(v)).toString(base);
  if (upper) digits = digits.toUpperCase();
  if (prec > digits.length) digits = '0'.repeat(prec - digits.length) + digits;
  let prefix = '';
  if (flags & SHOW_PREFIX) {
    if (base === 16) prefix = upper ? '0X' : '0x';
    else if (base === 8) prefix = flags & SHOW_OCTAL_LETTER ? '0o' : '0';
    else if (base === 2) prefix = '0b';
  }
  if (sep) {
    const group = base === 10 ? 3 : 4;
    if (flags & PAD_AFTER_SIGN && fill === '0') {
      // zero padding is grouped too: add zeros until the grouped text fills the width
      const head = (neg || flags & (SHOW_SIGN | SPACE_SIGN) ? 1 : 0) + prefix.length;
      while (groupDigits(digits, sep, group).length + head < width) digits = '0' + digits;
    }
    digits = groupDigits(digits, sep, group);
  }
  return withSign(digits, neg, prefix, flags, fill, width);
}

/** mp_print_float */
function fmtFloat(v: number, fmt: string, flags: number, fill: string, width: number, prec: number): string {
  const sign = flags & SHOW_SIGN ? '+' : flags & SPACE_SIGN ? ' ' : '';
  let s = formatFloat(v, fmt, prec, sign);
  if (flags & ADD_PERCENT) s += '%';
  if (flags & PAD_AFTER_SIGN && (s[0] === '-' || s[0] === '+' || s[0] === ' ')) {
    return s[0] + pad(s.slice(1), flags & ~(LEFT | CENTER), fill, width - 1);
  }
  return pad(s, flags, fill, width);
}

function asIntForFormat(o: PyObj): Int | undefined {
  if (typeof o === 'number' || typeof o === 'bigint') return o;
  if (typeof o === 'boolean') return o ? 1 : 0;
  return undefined;
}
/** %d and friends accept objects with __int__ (upstream's mp_obj_get_int). */
function intForPercent(o: PyObj): Int | undefined {
  const i = asIntForFormat(o);
  if (i !== undefined || typeof o !== 'object' || !o.type.isUser) return i;
  const r = o.type.unary?.(Unary.INT, o);
  return r === undefined ? undefined : asIntForFormat(r);
}
function asFloat(o: PyObj): number {
  const v = floatMaybe(o);
  if (v === undefined) throw typeError(`can't convert ${typeName(o)} to float`);
  return v;
}

// ------------------------------------------------------------------ % formatting

export function strModulo(fmt: string, argsObj: PyObj, isBytes: boolean): PyObj {
  const args: PyObj[] = argsObj instanceof PyTuple ? argsObj.items : [argsObj];
  const dict = !(argsObj instanceof PyTuple) && typeof argsObj === 'object' && argsObj.type.name === 'dict' ? argsObj : undefined;
  let ai = 0;
  let out = '';
  const next = (): PyObj => {
    if (ai >= args.length) throw typeError('format string needs more arguments');
    return args[ai++] as PyObj;
  };
  let i = 0;
  while (i < fmt.length) {
    const c = fmt[i++] as string;
    if (c !== '%') {
      out += c;
      continue;
    }
    if (i >= fmt.length) throw valueError('incomplete format');
    if (fmt[i] === '%') {
      out += '%';
      i++;
      continue;
    }
    let arg: PyObj | undefined;
    if (fmt[i] === '(') {
      if (!dict) throw typeError('format needs a dict');
      ai = 1; // the single dict argument is used up: a later positional conversion has nothing left
      const close = fmt.indexOf(')', i);
      if (close < 0) throw valueError('incomplete format key');
      const key = checkQstr(fmt.slice(i + 1, close));
      i = close + 1;
      const v = (dict as unknown as { mpmap: { get(k: PyObj): PyObj | undefined } }).mpmap.get(key);
      if (v === undefined) throw keyError(key);
      arg = v;
    }
    let flags = 0;
    let fill = ' ';
    for (; i < fmt.length; i++) {
      const f = fmt[i];
      if (f === '-') flags |= LEFT;
      else if (f === '+') flags |= SHOW_SIGN;
      else if (f === ' ') flags |= SPACE_SIGN;
      else if (f === '#') flags |= SHOW_PREFIX;
      else if (f === '0') {
        flags |= PAD_AFTER_SIGN;
        fill = '0';
      } else break;
    }
    if (flags & LEFT) {
      // left adjustment wins over zero padding
      flags &= ~PAD_AFTER_SIGN;
      fill = ' ';
    }
    let width = 0;
    if (fmt[i] === '*') {
      width = Number(next());
      i++;
    } else while (i < fmt.length && /[0-9]/.test(fmt[i] as string)) width = width * 10 + Number(fmt[i++]);
    let prec = -1;
    if (fmt[i] === '.') {
      i++;
      if (fmt[i] === '*') {
        prec = Number(next());
        i++;
      } else {
        prec = 0;
        while (i < fmt.length && /[0-9]/.test(fmt[i] as string)) prec = prec * 10 + Number(fmt[i++]);
      }
    }
    if (i >= fmt.length) throw valueError('incomplete format');
    const conv = fmt[i++] as string;
    if (arg === undefined) arg = next();
    switch (conv) {
      case 'c': {
        if (typeof arg === 'string') {
          if ([...arg].length !== 1) throw typeError('%c needs int or char');
          out += pad(arg, flags, ' ', width);
        } else {
          const iv = asIntForFormat(arg);
          if (iv === undefined) throw typeError('integer needed');
          out += pad(String.fromCodePoint(Number(iv)), flags, ' ', width);
        }
        break;
      }
      case 'd': case 'i': case 'u': {
        let iv = intForPercent(arg);
        if (iv === undefined) {
          if (arg instanceof PyFloat) iv = floatToInt(arg.v);
          else throw typeError(`can't convert ${typeName(arg)} to int`);
        }
        out += fmtInt(iv, 10, false, flags, fill, width, prec);
        break;
      }
      case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
        out += fmtFloat(asFloat(arg), conv, flags, fill, width, prec);
        break;
      case 'o': case 'x': case 'X': {
        const iv = intForPercent(arg);
        if (iv === undefined) throw typeError(`can't convert ${typeName(arg)} to int`);
        out += fmtInt(iv, conv === 'o' ? 8 : 16, conv === 'X', conv === 'o' && flags & SHOW_PREFIX ? flags | SHOW_OCTAL_LETTER : flags, fill, width, prec);
        break;
      }
      case 'r': case 's': {
        const raw = isBytes && conv === 's' && typeof arg === 'object' ? arg.type.buffer?.(arg) : undefined;
        let s = conv === 'r' ? repr(arg) : raw ? String.fromCharCode(...raw) : toStr(arg);
        if (prec >= 0) s = [...s].slice(0, prec).join('');
        out += pad(s, flags, ' ', width);
        break;
      }
      default:
        throw valueError(`unsupported format character '${conv}' (0x${conv.charCodeAt(0).toString(16)}) at index ${i - 1}`);
    }
  }
  if (ai < args.length && !dict) throw typeError("format string didn't convert all arguments");
  return out;
}

// ------------------------------------------------------------------ str.format

function argLooksNumeric(o: PyObj): boolean {
  return typeof o === 'number' || typeof o === 'bigint' || typeof o === 'boolean' || o instanceof PyFloat ||
    (typeof o === 'object' && o.type.name === 'complex');
}

/** Formats one value by a format spec (the part after ':'). */
export function formatSpec(arg: PyObj, spec: string): string {
  let i = 0;
  let fill = '';
  let align = '';
  let flags = 0;
  let width = -1;
  let prec = -1;
  let type = '';
  let sep = '';
  const isAlign = (c: string | undefined): boolean => c === '<' || c === '>' || c === '=' || c === '^';
  if (isAlign(spec[i])) align = spec[i++] as string;
  else if (spec.length > 1 && isAlign(spec[i + 1])) {
    fill = spec[i++] as string;
    align = spec[i++] as string;
  }
  if (spec[i] === '+' || spec[i] === '-' || spec[i] === ' ') {
    if (spec[i] === '+') flags |= SHOW_SIGN;
    else if (spec[i] === ' ') flags |= SPACE_SIGN;
    i++;
  }
  if (spec[i] === '#') {
    flags |= SHOW_PREFIX;
    i++;
  }
  if (spec[i] === '0') {
    if (!align && argLooksNumeric(arg)) align = '=';
    if (!fill) fill = '0';
  }
  let w = '';
  while (i < spec.length && /[0-9]/.test(spec[i] as string)) w += spec[i++];
  if (w) width = Number(w);
  if (spec[i] === ',' || spec[i] === '_') sep = spec[i++] as string;
  if (spec[i] === '.') {
    i++;
    let p = '';
    while (i < spec.length && /[0-9]/.test(spec[i] as string)) p += spec[i++];
    prec = p ? Number(p) : 0;
  }
  if (i < spec.length && 'bcdeEfFgGnosxX%'.includes(spec[i] as string)) type = spec[i++] as string;
  if (i < spec.length) throw valueError('invalid format specifier');
  if (!align) align = argLooksNumeric(arg) ? '>' : '<';
  if (!fill) fill = ' ';
  if (flags & (SHOW_SIGN | SPACE_SIGN)) {
    if (type === 's') throw valueError('sign not allowed in string format specifier');
    if (type === 'c') throw valueError("sign not allowed with integer format specifier 'c'");
  }
  if (align === '<') flags |= LEFT;
  else if (align === '=') flags |= PAD_AFTER_SIGN;
  else if (align === '^') flags |= CENTER;
  const iv = asIntForFormat(arg);
  if (iv !== undefined) {
    switch (type) {
      case 'b': return fmtInt(iv, 2, false, flags, fill, width, 0, sep);
      case 'c': return pad(String.fromCodePoint(Number(iv)), flags, fill, width);
      case '': case 'n': case 'd': return fmtInt(iv, 10, false, flags, fill, width, 0, sep);
      case 'o': return fmtInt(iv, 8, false, flags & SHOW_PREFIX ? flags | SHOW_OCTAL_LETTER : flags, fill, width, 0, sep);
      case 'x': case 'X': return fmtInt(iv, 16, type === 'X', flags, fill, width, 0, sep);
      case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%': break;
      default: throw valueError(`unknown format code '${type}' for object of type '${typeName(arg)}'`);
    }
  }
  if (argLooksNumeric(arg)) {
    let t = type || 'g';
    if (t === 'n') t = 'g';
    switch (t) {
      case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
        return fmtFloat(asFloat(arg), t, flags, fill, width, prec);
      case '%':
        return fmtFloat(asFloat(arg) * 100, 'f', flags | ADD_PERCENT, fill, width, prec);
      default:
        throw valueError(`unknown format code '${t}' for object of type '${typeName(arg)}'`);
    }
  }
  if (align === '=') throw valueError("'=' alignment not allowed in string format specifier");
  if (type !== '' && type !== 's') throw valueError(`unknown format code '${type}' for object of type '${typeName(arg)}'`);
  if (typeof arg !== 'string') throw typeError(`can't convert '${typeName(arg)}' object to str implicitly`);
  let s = arg;
  if (prec >= 0) s = [...s].slice(0, prec).join('');
  return pad(s, flags, fill, width);
}

export function strFormat(fmt: string, args: PyObj[], kw: KwArgs | undefined): string {
  return formatHelper(fmt, args, kw, { i: 0 });
}

/** `counter.i` is upstream's arg_i: shared with nested replacement fields inside format specs. */
function formatHelper(fmt: string, args: PyObj[], kw: KwArgs | undefined, counter: { i: number }): string {
  let out = '';
  let i = 0;
  const n = fmt.length;
  while (i < n) {
    const c = fmt[i] as string;
    if (c === '}') {
      if (fmt[i + 1] !== '}') throw valueError("single '}' encountered in format string");
      out += '}';
      i += 2;
      continue;
    }
    if (c !== '{') {
      out += c;
      i++;
      continue;
    }
    if (fmt[i + 1] === '{') {
      out += '{';
      i += 2;
      continue;
    }
    i++;
    let field = '';
    while (i < n && fmt[i] !== '}' && fmt[i] !== '!' && fmt[i] !== ':') field += fmt[i++];
    let conversion = '';
    if (fmt[i] === '!') {
      i++;
      if (i >= n) throw valueError('end of format while looking for conversion specifier');
      conversion = fmt[i++] as string;
      if (conversion !== 'r' && conversion !== 's') throw valueError(`unknown conversion specifier ${conversion}`);
    }
    let spec: string | undefined;
    if (fmt[i] === ':') {
      i++;
      let nest = 1;
      const st = i;
      while (i < n) {
        if (fmt[i] === '{') nest++;
        else if (fmt[i] === '}' && --nest === 0) break;
        i++;
      }
      spec = fmt.slice(st, i);
      if (spec === '') spec = undefined;
    }
    if (i >= n) throw valueError("unmatched '{' in format");
    if (fmt[i] !== '}') throw valueError("expected ':' after format specifier");
    i++;
    let arg: PyObj;
    if (field !== '') {
      if (/^[0-9]/.test(field)) {
        if (counter.i > 0) throw valueError("can't switch from automatic field numbering to manual field specification");
        const m = /^[0-9]+/.exec(field) as RegExpExecArray;
        const idx = Number(m[0]);
        if (idx >= args.length) throw excMsg(IndexErrorType, 'tuple index out of range');
        arg = args[idx] as PyObj;
        counter.i = -1;
        if (m[0].length < field.length) throw excMsg(NotImplementedErrorType, 'attributes not supported');
      } else {
        const m = /^[^.[]*/.exec(field) as RegExpExecArray;
        const v = kw?.get(checkQstr(m[0]));
        if (v === undefined) throw keyError(m[0]);
        arg = v;
        if (m[0].length < field.length) throw excMsg(NotImplementedErrorType, 'attributes not supported');
      }
    } else {
      if (counter.i < 0) throw valueError("can't switch from manual field specification to automatic field numbering");
      if (counter.i >= args.length) throw excMsg(IndexErrorType, 'tuple index out of range');
      arg = args[counter.i++] as PyObj;
    }
    if (spec !== undefined && spec.includes('{')) spec = formatHelper(spec, args, kw, counter);
    if (spec === undefined && !conversion) conversion = 's';
    if (conversion) arg = conversion === 's' ? toStr(arg) : repr(arg);
    out += spec === undefined ? (arg as string) : formatSpec(arg, spec);
  }
  return out;
}

export { NoneObj, FLOAT_REPR_PREC };
