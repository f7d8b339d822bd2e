// MicroPython's repr of numbers, as mpy-cross stores int/float/complex constants in a .mpy (it saves
// them as the text mp_obj_print_helper(..., PRINT_REPR) produces and re-parses them when loading).
//
// Floats: MicroPython 1.28 on a host with an 80-bit long double uses its "exact" formatter: it scales
// the double by a power of ten in long-double arithmetic, rounds to 16 significant digits, and keeps
// them if MicroPython's own parser reads them back as the same double, else tries 17, 18, 19 digits;
// trailing zeros are dropped. Output is %g style: exponent form when the decimal exponent is >= 16 or
// < -4, two-digit minimum exponent, ".0" added to integral values. So 68.4 prints as
// 68.40000000000001 (unlike CPython), and the rare scaling that rounds differently from exact
// arithmetic (670.055 prints as 670.0549999999999) is reproduced by emulating the long double below.

import { parseDecimalLiteral } from './lexer.js';

// ---- just enough x87 extended precision: m * 2^e with 2^63 <= m < 2^64 (positive values only) ---

interface Ext {
  readonly m: bigint;
  readonly e: number;
}

const TWO63 = 1n << 63n;

function bitLength(x: bigint): number {
  return x.toString(2).length;
}

/** Rounds x * 2^e (x > 0) to 64 significant bits, nearest-even; `sticky` = nonzero bits already dropped. */
function extRound(x: bigint, e: number, sticky = false): Ext {
  const len = bitLength(x);
  if (len <= 64) return { m: x << BigInt(64 - len), e: e - (64 - len) };
  const shift = BigInt(len - 64);
  const rem = x & ((1n << shift) - 1n);
  const half = 1n << (shift - 1n);
  let m = x >> shift;
  let exp = e + (len - 64);
  if (rem > half || (rem === half && (sticky || (m & 1n) === 1n))) {
    m += 1n;
    if (bitLength(m) > 64) {
      m >>= 1n;
      exp += 1;
    }
  }
  return { m, e: exp };
}

function extMul(a: Ext, b: Ext): Ext {
  return extRound(a.m * b.m, a.e + b.e);
}

function extDiv(a: Ext, b: Ext): Ext {
  const num = a.m << 66n;
  return extRound(num / b.m, a.e - b.e - 66, num % b.m !== 0n);
}

function extAdd(a: Ext, b: Ext): Ext {
  const e = Math.min(a.e, b.e);
  // operands far apart: the smaller only matters as a sticky bit
  if (a.e - e > 200) return extRound((a.m << 2n) | 1n, a.e - 2);
  if (b.e - e > 200) return extRound((b.m << 2n) | 1n, b.e - 2);
  return extRound((a.m << BigInt(a.e - e)) + (b.m << BigInt(b.e - e)), e);
}

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

function extFromDouble(f: number): Ext {
  f64[0] = f;
  const bits = u64[0] as bigint;
  const biased = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & ((1n << 52n) - 1n);
  if (biased === 0) return extRound(frac, -1074);
  return extRound(frac | (1n << 52n), biased - 1075);
}

function extToDouble(a: Ext): number {
  const top = a.e + 63;
  if (top > 1023) return Infinity;
  if (top < -1022) {
    // subnormal: round to a multiple of 2^-1074
    const shift = -1074 - a.e;
    if (shift > 64) return 0;
    const b = BigInt(shift);
    const rem = a.m & ((1n << b) - 1n);
    const half = 1n << (b - 1n);
    let q = a.m >> b;
    if (rem > half || (rem === half && (q & 1n) === 1n)) q += 1n;
    return Number(q) * 2 ** -1074;
  }
  const r = extRound53(a.m, a.e);
  return Number(r.m) * 2 ** r.e;
}

function extRound53(m: bigint, e: number): { m: bigint; e: number } {
  const rem = m & 0x7ffn;
  let q = m >> 11n;
  let exp = e + 11;
  if (rem > 0x400n || (rem === 0x400n && (q & 1n) === 1n)) {
    q += 1n;
    if (q === 1n << 53n) {
      q >>= 1n;
      exp += 1;
    }
  }
  return { m: q, e: exp };
}

const EXT_ONE: Ext = { m: TWO63, e: -63 };
const EXT_TEN: Ext = { m: 10n << 60n, e: -60 };
const EXT_HALF: Ext = { m: TWO63, e: -64 };

/** mp_decimal_exp: num * 10^decExp by square-and-multiply in long double, as upstream computes it. */
function decimalExp(num: Ext, decExp: number): Ext {
  if (decExp === 0) return num;
  const neg = decExp < 0;
  let k = Math.abs(decExp);
  let res = num;
  let expo = EXT_TEN;
  while (k) {
    if (k & 1) res = neg ? extDiv(res, expo) : extMul(res, expo);
    k >>= 1;
    if (k) expo = extMul(expo, expo);
  }
  return res;
}

function extTrunc(a: Ext): bigint {
  return a.e >= 0 ? a.m << BigInt(a.e) : a.m >> BigInt(-a.e);
}

// ---- the formatter ---------------------------------------------------------------------------

const ascii = new TextEncoder();

/** The double MicroPython's parser makes of a decimal string. */
function mpParseFloat(s: string): number {
  const r = parseDecimalLiteral(ascii.encode(s), false);
  return r.ok && r.type === 'float' ? r.value : NaN;
}

/** %g layout of significant digits (trailing zeros already stripped) with decimal exponent `exp`. */
function layoutG(digits: string, exp: number): string {
  if (exp >= 16 || exp < -4) {
    const mant = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
    const e = Math.abs(exp);
    return mant + 'e' + (exp < 0 ? '-' : '+') + (e < 10 ? '0' + e : String(e));
  }
  if (exp < 0) return '0.' + '0'.repeat(-exp - 1) + digits;
  if (digits.length <= exp + 1) return digits + '0'.repeat(exp + 1 - digits.length);
  return digits.slice(0, exp + 1) + '.' + digits.slice(exp + 1);
}

/** mp_format_float(f, 'g', MP_FLOAT_REPR_PREC) of a finite positive double, without sign. */
function formatPositive(f: number): string {
  const x = extFromDouble(f);
  // decimal exponent: estimated from the binary one, then corrected against powers of ten
  f64[0] = f;
  const expval = Number(((u64[0] as bigint) >> 52n) & 0x7ffn) - 1023;
  let e = Math.trunc(expval * 0.3010299956639812);
  const positiveExp = f >= 1 ? 1 : 0;
  for (;;) {
    const uBase = extToDouble(decimalExp(EXT_ONE, e + positiveExp));
    if ((f >= uBase ? 1 : 0) !== positiveExp) break;
    e += positiveExp ? 1 : -1;
  }

  let out = '';
  for (let numDigits = 16; numDigits <= 19; numDigits++) {
    const cap = 10n ** BigInt(numDigits);
    let mantissa = extTrunc(extAdd(decimalExp(x, numDigits - e - 1), EXT_HALF));
    let exp = e;
    // rounding may have carried into an extra digit
    if (mantissa >= cap) {
      mantissa /= 10n;
      exp++;
    }
    const digits = mantissa.toString().padStart(numDigits, '0').replace(/(.)0+$/, '$1');
    out = layoutG(digits, exp);
    if (mpParseFloat(out) === f) break;
  }
  return out;
}

/**
 * mp_format_float(f, 'g', MP_FLOAT_REPR_PREC), with a '+' for non-negative values when the complex
 * printer asks for one.
 */
function formatFloatG(f: number, plusSign: boolean): string {
  let sign = plusSign ? '+' : '';
  if (Number.isNaN(f)) return sign + 'nan';
  if (f < 0 || Object.is(f, -0)) {
    sign = '-';
    f = -f;
  }
  if (f === Infinity) return sign + 'inf';
  if (f === 0) return sign + '0';
  return sign + formatPositive(f);
}

/** repr() of a float as MicroPython prints it, e.g. "1.0", "1e+16", "-0.0", "inf", "nan". */
export function floatRepr(f: number): string {
  const s = formatFloatG(f, false);
  // PF_FLAG_ALWAYS_DECIMAL: integral values get ".0" unless exponent form or inf/nan
  if (!/[.en]/.test(s)) return s + '.0';
  return s;
}

/** repr() of a complex number: "2j", "(1+2j)", "(1-2j)". */
export function complexRepr(real: number, imag: number): string {
  if (real !== 0) return '(' + formatFloatG(real, false) + formatFloatG(imag, true) + 'j)';
  return formatFloatG(imag, false) + 'j';
}

/** repr() of an int. */
export function intRepr(v: bigint): string {
  return v.toString();
}
