// float: arithmetic and MicroPython's own float-to-text algorithm (py/formatfloat.c, "exact" variant as
// the unix port builds it). The decimal mantissa is computed with exact BigInt arithmetic, which is
// what the long-double computation upstream achieves for all but pathological inputs; rounding is
// half-up on the exact binary value ("%.0f" % 0.5 -> "1").
import { excMsg, typeError, valueError, ZeroDivisionErrorType } from './exceptions.js';
import { Binary, FloatType, PrintKind, PyFloat, PyTuple, Unary, type PyObj } from './object.js';

const FMT_MODE_E = 1;
const FMT_MODE_G = 2;
const FMT_MODE_F = 4;
const MAX_MANTISSA_DIGITS = 19;
const SAFE_MANTISSA_DIGITS = 16;
export const FLOAT_REPR_PREC = 99;

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** Unbiased binary exponent as upstream's fp_expval (subnormals report -1023). */
function binaryExponent(x: number): number {
  f64[0] = x;
  return (((u32[1] as number) >>> 20) & 0x7ff) - 1023;
}

function pow10(n: number): number {
  return Number(`1e${n}`);
}

/** Exact floor(f * 10^decexp + 1/2) for finite f >= 0. */
function scaledMantissa(f: number, decexp: number): bigint {
  if (f === 0) return 0n;
  // f = m * 2^k exactly.
  f64[0] = f;
  const hi = u32[1] as number;
  const lo = u32[0] as number;
  const expBits = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let k: number;
  if (expBits === 0) k = -1074;
  else {
    m |= 1n << 52n;
    k = expBits - 1075;
  }
  // value = m * 2^k * 10^decexp; compute num/den then floor(num/den + 1/2) = floor((2num + den) / 2den)
  let num = m;
  let den = 1n;
  if (k >= 0) num <<= BigInt(k);
  else den <<= BigInt(-k);
  if (decexp >= 0) num *= 10n ** BigInt(decexp);
  else den *= 10n ** BigInt(-decexp);
  return (2n * num + den) / (2n * den);
}

function formatMantissa(
  mantissaIn: bigint, cap: bigint, prefix: string, numDigitsIn: number, maxExpZeros: number,
  trailingZerosIn: number, decIn: number, eIn: number, flags: number, eChar: string,
): string {
  let mantissa = mantissaIn;
  let numDigits = numDigitsIn;
  let dec = decIn;
  let e = eIn;
  let trailingZeros = trailingZerosIn;
  let pre = prefix;
  if (mantissa !== 0n && mantissa >= cap) {
    if (flags & FMT_MODE_F) {
      numDigits++;
      dec++;
    } else {
      mantissa /= 10n;
      e++;
    }
  }
  if (flags & FMT_MODE_G && e !== 0) {
    if (e >= 0) {
      if (e < maxExpZeros) {
        dec += e;
        if (dec >= numDigits) trailingZeros = dec - (numDigits - 1);
        e = 0;
      }
    } else if (e >= -4) {
      let cnt = 0;
      while (e < 0 && mantissa % 10n === 0n) {
        mantissa /= 10n;
        cnt++;
        e++;
      }
      numDigits -= cnt;
      pre += '0.' + '0'.repeat(Math.max(0, cnt - e - 1));
      dec = 255;
      e = 0;
    }
  }
  let digits = mantissa.toString();
  if (digits.length < numDigits) digits = '0'.repeat(numDigits - digits.length) + digits;
  else if (digits.length > numDigits) digits = digits.slice(digits.length - numDigits);
  let s = pre;
  let dot = dec >= 255;
  if (dec + 1 < numDigits) {
    dot = true;
    s += digits.slice(0, dec + 1) + '.' + digits.slice(dec + 1);
  } else s += digits;
  if (trailingZeros > 0) {
    let d = dec - (numDigits - 1);
    while (trailingZeros-- > 0) {
      if (d-- === 0) {
        s += '.';
        dot = true;
      }
      s += '0';
    }
  }
  if (flags & FMT_MODE_G && dot) {
    let end = s.length;
    while (end > 0 && s[end - 1] === '0') end--;
    if (end > 0 && s[end - 1] === '.') end--;
    s = s.slice(0, end);
  }
  if ((e !== 0 || flags & FMT_MODE_E) && !(flags & FMT_MODE_F)) {
    s += eChar;
    if (e >= 0) s += '+';
    else {
      s += '-';
      e = -e;
    }
    s += e < 10 ? '0' + e : String(e);
  }
  return s;
}

/** mp_format_float: fmt is one of e/E/f/F/g/G; sign is '', '+' or ' '. */
export function formatFloat(value: number, fmt: string, precIn: number, signIn = ''): string {
  let f = value;
  let sign = signIn;
  let bufSize = 33;
  if ((value < 0 || Object.is(value, -0)) && !Number.isNaN(value)) {
    f = -value;
    sign = '-';
  }
  if (sign) bufSize--;
  const lower = fmt === fmt.toLowerCase();
  if (!Number.isFinite(f)) {
    const t = Number.isNaN(f) ? 'nan' : 'inf';
    return sign + (lower ? t : t.toUpperCase());
  }
  const lofmt = fmt.toLowerCase();
  let flags = lofmt === 'f' ? FMT_MODE_F : lofmt === 'g' ? FMT_MODE_G : FMT_MODE_E;
  const eChar = lower ? 'e' : 'E';
  let prec = precIn < 0 ? 6 : precIn;
  let maxExpZeros = prec < bufSize - 3 ? prec : bufSize - 3;
  if (prec === FLOAT_REPR_PREC) {
    prec = MAX_MANTISSA_DIGITS;
    maxExpZeros = 16;
  }
  let e = 0;
  if (f !== 0) {
    e = Math.trunc(binaryExponent(f) * 0.3010299956639812);
    const positive = f >= 1;
    let uBase = pow10(e + (positive ? 1 : 0));
    while (f >= uBase === positive) {
      e += positive ? 1 : -1;
      uBase = pow10(e + (positive ? 1 : 0));
    }
  }
  if (flags & FMT_MODE_F && e > 0 && e + prec + 2 > bufSize) {
    flags = FMT_MODE_G;
    prec++;
  }
  let maxDigits = prec;
  let leadZeros = 0;
  let trailZeros = 0;
  if (flags & FMT_MODE_F) {
    if (maxDigits > bufSize - 3) maxDigits = bufSize - 3;
    if (e < 0) {
      if (maxDigits > 2 && e < -2) {
        leadZeros = (-e < maxDigits ? -e : maxDigits) - 2;
        maxDigits -= leadZeros;
      } else maxDigits++;
    } else maxDigits += e + 1;
  } else if (!(flags & FMT_MODE_G) || maxDigits === 0) maxDigits++;
  if (maxDigits > MAX_MANTISSA_DIGITS) {
    trailZeros = maxDigits - MAX_MANTISSA_DIGITS;
    maxDigits = MAX_MANTISSA_DIGITS;
  }
  const overhead = flags & FMT_MODE_F ? 3 : 8;
  if (trailZeros > bufSize - maxDigits - overhead) trailZeros = bufSize - maxDigits - overhead;
  let numDigits = SAFE_MANTISSA_DIGITS < maxDigits ? SAFE_MANTISSA_DIGITS : maxDigits;
  for (;;) {
    let prefix = '';
    const extraZeros = trailZeros + (maxDigits - numDigits);
    let decexp: number;
    let dec = 0;
    if (f === 0) decexp = 0;
    else if (flags & FMT_MODE_F) {
      decexp = numDigits - 1;
      if (e < 0) {
        if (leadZeros > 0) {
          prefix = '0.' + '0'.repeat(leadZeros);
          decexp += leadZeros + 1;
          dec = 255;
        } else dec = 0;
      } else {
        decexp -= e;
        dec = e;
      }
    } else decexp = numDigits - e - 1;
    const cap = 10n ** BigInt(numDigits);
    const mantissa = scaledMantissa(f, decexp);
    const text = formatMantissa(mantissa, cap, prefix, numDigits, maxExpZeros, extraZeros, dec, e, flags, eChar);
    if (numDigits < maxDigits && Number(text) !== f) {
      numDigits++;
      continue;
    }
    return sign + text;
  }
}

/** repr()/str() of a float, as float_print does. */
export function floatRepr(v: number): string {
  const s = formatFloat(v, 'g', FLOAT_REPR_PREC);
  if (s.includes('.') || s.includes('e') || s.includes('n')) return s;
  return s + '.0';
}

export function newFloat(v: number): PyFloat {
  return new PyFloat(v);
}

/** Python's float divmod as upstream computes it. */
export function floatDivmod(x: number, y: number): [number, number] {
  let mod = x % y;
  let div = (x - mod) / y;
  if (mod !== 0) {
    if (y < 0 !== mod < 0) {
      mod += y;
      div -= 1;
    }
  } else mod = Math.sign(y) < 0 || Object.is(y, -0) ? -0 : 0;
  let floordiv: number;
  if (div !== 0) {
    floordiv = Math.floor(div);
    if (div - floordiv > 0.5) floordiv += 1;
  } else floordiv = x / y < 0 || Object.is(x / y, -0) ? -0 : 0;
  return [floordiv, mod];
}

function zeroDiv(): never {
  throw excMsg(ZeroDivisionErrorType, 'divide by zero');
}

/** Float arithmetic with rhs already a JS number; undefined when unsupported. */
export function floatBinary(op: Binary, a: number, b: number): PyObj | undefined {
  switch (op) {
    case Binary.ADD: case Binary.IADD: return new PyFloat(a + b);
    case Binary.SUB: case Binary.ISUB: return new PyFloat(a - b);
    case Binary.MUL: case Binary.IMUL: return new PyFloat(a * b);
    case Binary.FLOORDIV: case Binary.IFLOORDIV:
      if (b === 0) zeroDiv();
      return new PyFloat(floatDivmod(a, b)[0]);
    case Binary.TRUEDIV: case Binary.ITRUEDIV:
      if (b === 0) zeroDiv();
      return new PyFloat(a / b);
    case Binary.MOD: case Binary.IMOD: {
      if (b === 0) zeroDiv();
      let m = a % b;
      if (m === 0) m = b < 0 || Object.is(b, -0) ? -0 : 0;
      else if (m < 0 !== b < 0) m += b;
      return new PyFloat(m);
    }
    case Binary.POW: case Binary.IPOW:
      if (a === 0 && b < 0 && Number.isFinite(b)) zeroDiv();
      if (a < 0 && b !== Math.floor(b) && !Number.isNaN(b)) return undefined; // complex handles it
      // C's pow: 1 ** anything, anything ** 0 and (-1) ** ±inf are all 1 (JS gives NaN for the last)
      if (a === 1 || b === 0 || (a === -1 && (b === Infinity || b === -Infinity))) return new PyFloat(1);
      return new PyFloat(Math.pow(a, b));
    case Binary.DIVMOD: {
      if (b === 0) zeroDiv();
      const [d, m] = floatDivmod(a, b);
      return new PyTuple([new PyFloat(d), new PyFloat(m)]);
    }
    case Binary.LT: return a < b;
    case Binary.GT: return a > b;
    case Binary.LE: return a <= b;
    case Binary.GE: return a >= b;
    case Binary.EQ: return a === b;
    case Binary.NE: return a !== b;
    default: return undefined;
  }
}

/** upstream's mp_float_hash, reduced to a JS number (exact for values that matter to dict order). */
export function floatHash(v: number): number | bigint {
  if (Number.isInteger(v) && Math.abs(v) < 2 ** 53) return v;
  f64[0] = v;
  const hi = u32[1] as number;
  const lo = u32[0] as number;
  const bits = (BigInt(hi) << 32n) | BigInt(lo);
  const exp = ((hi >>> 20) & 0x7ff) - 1023;
  let val: bigint;
  if (exp < 0) val = BigInt.asIntN(64, bits);
  else {
    const frc = (bits & ((1n << 52n) - 1n)) | (1n << 52n);
    if (exp <= 52) val = (frc >> BigInt(52 - exp)) ^ (frc & ((1n << BigInt(52 - exp)) - 1n));
    else if (exp < 63) val = BigInt.asIntN(64, frc << BigInt(exp - 52));
    else val = frc;
  }
  if (hi >>> 31) val = BigInt.asIntN(64, -val);
  return val;
}

export function floatUnary(op: Unary, v: number): PyObj | undefined {
  switch (op) {
    case Unary.BOOL: return v !== 0;
    case Unary.POS: return new PyFloat(v);
    case Unary.NEG: return new PyFloat(-v);
    case Unary.ABS: return new PyFloat(Math.abs(v));
    case Unary.HASH: return floatHash(v);
    default: return undefined;
  }
}

const FLOAT_TEXT = /^[+-]?(?:(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:e[+-]?\d+)?|inf|infinity|nan)$/i;

/** float(str) parsing (mp_parse_num_float); raises ValueError like upstream. */
export function parseFloat(text: string): number {
  // underscores are skipped wherever they appear among the characters of the number
  const low = text.trim().toLowerCase().replace(/_/g, '');
  if (!FLOAT_TEXT.test(low)) throw valueError(`invalid syntax for number`);
  if (low.endsWith('inf') || low.endsWith('infinity')) return low.startsWith('-') ? -Infinity : Infinity;
  if (low.endsWith('nan')) return NaN;
  return Number(low);
}

FloatType.print = (o: PyObj, _k: PrintKind): string => floatRepr((o as PyFloat).v);
FloatType.unary = (op, o) => floatUnary(op, (o as PyFloat).v);

/** mp_obj_get_float_maybe: bool, int, float, or an object whose __float__ returns a float. */
export function floatMaybe(o: PyObj): number | undefined {
  if (o instanceof PyFloat) return o.v;
  if (typeof o === 'number') return o;
  if (typeof o === 'bigint') return Number(o);
  if (typeof o === 'boolean') return o ? 1 : 0;
  if (typeof o === 'string' || !o.type.unary) return undefined;
  const r = o.type.unary(Unary.FLOAT, o);
  return r instanceof PyFloat ? r.v : undefined;
}

export function checkFloatArg(o: PyObj): number {
  const v = floatMaybe(o);
  if (v === undefined) throw typeError(`can't convert ${typeof o === 'object' ? o.type.name : 'str'} to float`);
  return v;
}
FloatType.eqChecksOther = true;
