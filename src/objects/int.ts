// int: arbitrary precision with a fast path. Values that are safe JS integers are stored as numbers,
// larger ones as bigint; `normBig` keeps that canonical so equality of representation = equality of
// value. MicroPython's own small-int/mpz boundary (2^62 on x64) is invisible to Python code except in
// hash(), which int_hash reproduces.
import { excMsg, typeError, valueError, ZeroDivisionErrorType } from './exceptions.js';
import { floatBinary } from './float.js';
import { Binary, PyFloat, PyTuple, Unary, type PyObj } from './object.js';

export type Int = number | bigint;

export function normBig(b: bigint): Int {
  return b >= -9007199254740991n && b <= 9007199254740991n ? Number(b) : b;
}

export function isInt(o: PyObj): o is Int {
  return typeof o === 'number' || typeof o === 'bigint';
}

function zeroDiv(): never {
  throw excMsg(ZeroDivisionErrorType, 'divide by zero');
}

// MicroPython's small-int range on 64-bit ports (63-bit tagged values).
const SMALL_MAX = (1n << 62n) - 1n;
const SMALL_MIN = -(1n << 62n);

function bigFloorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}
function bigFloorMod(a: bigint, b: bigint): bigint {
  const m = a % b;
  return m !== 0n && (m < 0n) !== (b < 0n) ? m + b : m;
}

/** Integer true division rounded as upstream does (convert both to float). */
function intTrueDiv(a: Int, b: Int): PyFloat {
  if (b === 0 || b === 0n) zeroDiv();
  if (typeof a === 'bigint' || typeof b === 'bigint') {
    // Keep precision for big operands when the quotient is representable.
    const ab = BigInt(a);
    const bb = BigInt(b);
    const q = Number(ab) / Number(bb);
    if (Number.isFinite(q)) return new PyFloat(q);
    return new PyFloat(Number(ab / bb));
  }
  return new PyFloat(a / b);
}

function intPow(a: Int, b: Int): PyObj {
  if (typeof b === 'number' ? b < 0 : b < 0n) {
    return floatBinary(Binary.POW, Number(a), Number(b)) as PyObj;
  }
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a ** b;
    if (Number.isSafeInteger(r)) return r;
  }
  return normBig(BigInt(a) ** BigInt(b));
}

function shiftCount(b: Int): number {
  if (typeof b === 'bigint' ? b < 0n : b < 0) throw valueError('negative shift count');
  if (typeof b === 'bigint') {
    if (b > 1000000n) throw excMsg(ZeroDivisionErrorType, 'overflow'); // unreachable in practice
    return Number(b);
  }
  return b;
}

/** Binary op on two ints; undefined when unsupported. */
export function intBinary(op: Binary, a: Int, b: Int): PyObj | undefined {
  if (typeof a === 'number' && typeof b === 'number') {
    switch (op) {
      case Binary.ADD: case Binary.IADD: {
        const r = a + b;
        return Number.isSafeInteger(r) ? r : normBig(BigInt(a) + BigInt(b));
      }
      case Binary.SUB: case Binary.ISUB: {
        const r = a - b;
        return Number.isSafeInteger(r) ? r : normBig(BigInt(a) - BigInt(b));
      }
      case Binary.MUL: case Binary.IMUL: {
        const r = a * b;
        return Number.isSafeInteger(r) ? (r === 0 ? 0 : r) : normBig(BigInt(a) * BigInt(b));
      }
      case Binary.FLOORDIV: case Binary.IFLOORDIV: {
        if (b === 0) zeroDiv();
        const m = a % b;
        const q = (a - m) / b; // exact: a - m is a multiple of b
        return (m !== 0 && (m < 0) !== (b < 0) ? q - 1 : q) || 0;
      }
      case Binary.MOD: case Binary.IMOD: {
        if (b === 0) zeroDiv();
        const m = a % b;
        return m !== 0 && (m < 0) !== (b < 0) ? m + b : m || 0;
      }
      case Binary.LT: return a < b;
      case Binary.GT: return a > b;
      case Binary.LE: return a <= b;
      case Binary.GE: return a >= b;
      case Binary.EQ: return a === b;
      case Binary.NE: return a !== b;
      case Binary.AND: case Binary.IAND:
        if ((a | 0) === a && (b | 0) === b) return a & b;
        break;
      case Binary.OR: case Binary.IOR:
        if ((a | 0) === a && (b | 0) === b) return a | b;
        break;
      case Binary.XOR: case Binary.IXOR:
        if ((a | 0) === a && (b | 0) === b) return a ^ b;
        break;
      case Binary.LSHIFT: case Binary.ILSHIFT:
        // a * 2**b is exact (only the exponent changes); beyond 2**53 the BigInt path takes over
        if (b >= 0 && b < 64) {
          const r = a * 2 ** b;
          if (Number.isSafeInteger(r)) return r;
        }
        break;
      case Binary.RSHIFT: case Binary.IRSHIFT:
        // floor division by a power of two is exact in doubles; |a| < 2**53 so b < 64 covers -1/0
        if (b >= 0 && b < 64) return Math.floor(a / 2 ** b) || 0;
        break;
      default:
        break;
    }
  }
  const x = BigInt(a);
  const y = BigInt(b);
  switch (op) {
    case Binary.ADD: case Binary.IADD: return normBig(x + y);
    case Binary.SUB: case Binary.ISUB: return normBig(x - y);
    case Binary.MUL: case Binary.IMUL: return normBig(x * y);
    case Binary.FLOORDIV: case Binary.IFLOORDIV:
      if (y === 0n) zeroDiv();
      return normBig(bigFloorDiv(x, y));
    case Binary.MOD: case Binary.IMOD:
      if (y === 0n) zeroDiv();
      return normBig(bigFloorMod(x, y));
    case Binary.DIVMOD:
      if (y === 0n) zeroDiv();
      return new PyTuple([normBig(bigFloorDiv(x, y)), normBig(bigFloorMod(x, y))]);
    case Binary.TRUEDIV: case Binary.ITRUEDIV: return intTrueDiv(a, b);
    case Binary.POW: case Binary.IPOW: return intPow(a, b);
    case Binary.AND: case Binary.IAND: return normBig(x & y);
    case Binary.OR: case Binary.IOR: return normBig(x | y);
    case Binary.XOR: case Binary.IXOR: return normBig(x ^ y);
    case Binary.LSHIFT: case Binary.ILSHIFT: return normBig(x << BigInt(shiftCount(b)));
    case Binary.RSHIFT: case Binary.IRSHIFT: return normBig(x >> BigInt(shiftCount(b)));
    case Binary.LT: return x < y;
    case Binary.GT: return x > y;
    case Binary.LE: return x <= y;
    case Binary.GE: return x >= y;
    case Binary.EQ: return x === y;
    case Binary.NE: return x !== y;
    default: return undefined;
  }
}

/** hash() of an int: the value for small ints, upstream's mpz hash beyond the small-int range. */
export function intHash(v: Int): Int {
  if (typeof v === 'number') return v;
  if (v >= SMALL_MIN && v <= SMALL_MAX) return v;
  // mpz_hash: the low machine word of the magnitude, negated for negatives, then stored as a small
  // int (which keeps 63 bits).
  const mag = v < 0n ? -v : v;
  let h = BigInt.asUintN(64, mag);
  if (v < 0n) h = BigInt.asUintN(64, -h);
  return normBig(BigInt.asIntN(63, h));
}

export function intUnary(op: Unary, v: Int): PyObj | undefined {
  switch (op) {
    case Unary.BOOL: return v !== 0 && v !== 0n;
    case Unary.POS: case Unary.INT: return v;
    case Unary.NEG: return typeof v === 'number' ? (v === 0 ? 0 : -v) : normBig(-v);
    case Unary.INVERT: return typeof v === 'number' ? (Number.isSafeInteger(-v - 1) ? -v - 1 : normBig(-BigInt(v) - 1n)) : normBig(~v);
    case Unary.ABS: return typeof v === 'number' ? Math.abs(v) : normBig(v < 0n ? -v : v);
    case Unary.HASH: return intHash(v);
    case Unary.FLOAT: return new PyFloat(Number(v));
    default: return undefined;
  }
}

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';

/** int(text, base) as upstream's mp_parse_num_integer (message quotes the text after sign/prefix). */
export function parseInt(text: string, baseIn: number): Int {
  let base = baseIn;
  if ((base !== 0 && base < 2) || base > 36) throw valueError('int() arg 2 must be >= 2 and <= 36');
  const baseParam = base;
  void baseParam;
  const isWs = (c: string | undefined): boolean => c !== undefined && /[ \t\n\r\v\f]/.test(c);
  let i = 0;
  const n = text.length;
  while (i < n && isWs(text[i])) i++;
  let neg = false;
  if (text[i] === '+') i++;
  else if (text[i] === '-') {
    neg = true;
    i++;
  }
  // mp_parse_num_base
  const c0 = text[i];
  const c1 = (text[i + 1] ?? '').toLowerCase();
  if (c0 === '0' && ((c1 === 'x' && (base === 0 || base === 16)) || (c1 === 'o' && (base === 0 || base === 8)) || (c1 === 'b' && (base === 0 || base === 2)))) {
    base = c1 === 'x' ? 16 : c1 === 'o' ? 8 : 2;
    i += 2;
  } else if (base === 0) {
    // base 0 with a leading zero allows only zeros (upstream parses it as "base 1")
    base = c0 === '0' && n - i > 1 ? 1 : 10;
  }
  const start = i;
  let val = 0n;
  for (; i < n; i++) {
    const c = text[i] as string;
    if (c === '_') continue;
    const d = DIGITS.indexOf(c.toLowerCase());
    if (d < 0 || d >= base) break;
    val = val * BigInt(base) + BigInt(d);
  }
  const bad = i === start || (() => {
    while (i < n && isWs(text[i])) i++;
    return i !== n;
  })();
  if (bad) throw valueError(`invalid syntax for integer with base ${base === 1 ? 0 : base}: ${pyReprStrShort(text.slice(start))}`);
  return normBig(neg ? -val : val);
}

function pyReprStrShort(s: string): string {
  // The message quotes the text with Python's repr (single quotes unless it holds one).
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  return q + s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t') + q;
}

/** int(x) of a float: truncation towards zero, errors as upstream. */
export function floatToInt(v: number): Int {
  if (Number.isNaN(v)) throw valueError("can't convert NaN to int");
  if (!Number.isFinite(v)) throw excMsg(overflowType(), "can't convert inf to int");
  const t = Math.trunc(v);
  return Number.isSafeInteger(t) ? t || 0 : normBig(BigInt(t));
}

import { OverflowErrorType } from './exceptions.js';
function overflowType(): typeof OverflowErrorType {
  return OverflowErrorType;
}

export function intToStr(v: Int, base = 10): string {
  return v.toString(base);
}

export function checkInt(o: PyObj, what = 'int'): Int {
  if (typeof o === 'number' || typeof o === 'bigint') return o;
  if (typeof o === 'boolean') return o ? 1 : 0;
  throw typeError(`can't convert ${typeof o === 'string' ? 'str' : o.type.name} to ${what}`);
}
