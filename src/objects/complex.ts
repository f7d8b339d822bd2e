// complex numbers (objcomplex.c): arithmetic including upstream's polar-form power, repr via formatFloat.
import { excMsg, typeError, valueError, ZeroDivisionErrorType } from './exceptions.js';
import { checkFloatArg, floatMaybe, FLOAT_REPR_PREC, formatFloat, parseFloat as parseFloatText } from './float.js';
import { Binary, ObjectType, PyFloat, PyObject, PyType, Unary, type PyObj } from './object.js';
import { setComplexPow, typeName } from '../vm/runtime.js';

export class PyComplex extends PyObject {
  constructor(public re: number, public im: number) {
    super(ComplexType);
  }
}
export const ComplexType = new PyType('complex', [ObjectType]);

export function newComplex(re: number, im: number): PyComplex {
  return new PyComplex(re, im);
}

function parts(o: PyObj): [number, number] | undefined {
  if (o instanceof PyComplex) return [o.re, o.im];
  if (o instanceof PyFloat) return [o.v, 0];
  if (typeof o === 'number') return [o, 0];
  if (typeof o === 'bigint') return [Number(o), 0];
  if (typeof o === 'boolean') return [o ? 1 : 0, 0];
  return undefined;
}

ComplexType.print = (o) => {
  const c = o as PyComplex;
  if (c.re !== 0) return '(' + formatFloat(c.re, 'g', FLOAT_REPR_PREC) + formatFloat(c.im, 'g', FLOAT_REPR_PREC, '+') + 'j)';
  return formatFloat(c.im, 'g', FLOAT_REPR_PREC) + 'j';
};

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';

/** mp_parse_float_internal's scan: digits, one '.', an exponent, underscores; returns [value, end]. */
function scanDecimal(s: string, from: number): [number, number] | undefined {
  let i = from;
  let text = '';
  let inExp = false;
  let seenDot = false;
  while (i < s.length) {
    const c = s[i] as string;
    if (c >= '0' && c <= '9') text += c;
    else if (c === '_') { /* skipped */ } else if (c === '.' && !seenDot && !inExp) {
      seenDot = true;
      text += c;
    } else if ((c === 'e' || c === 'E') && !inExp) {
      inExp = true;
      text += 'e';
      if (s[i + 1] === '+' || s[i + 1] === '-') text += s[++i] as string;
      if (i + 1 >= s.length) return undefined;
    } else break;
    i++;
  }
  // missing digits count as zero, as upstream's accumulator starts at 0
  const [mant = '', exp] = text.split('e');
  const m = mant === '' || mant === '.' ? '0' : mant;
  const e = exp === undefined ? '' : /\d/.test(exp) ? 'e' + exp : '';
  return [Number(m + e), i];
}

/** complex(str): mp_parse_num_decimal with force_complex (a real part, then an optional imaginary one). */
function parseComplexText(s: string): PyComplex {
  const bad = (): never => {
    throw valueError('invalid syntax for number');
  };
  let i = 0;
  let real = 0;
  let haveReal = false;
  for (;;) {
    while (isSpace(s[i])) i++;
    let neg = false;
    if (s[i] === '+') i++;
    else if (s[i] === '-') {
      i++;
      neg = true;
    }
    const valStart = i;
    let v: number;
    const word = s.slice(i, i + 8).toLowerCase();
    if (word.startsWith('inf') && i + 2 < s.length) {
      v = Infinity;
      i += word.startsWith('infinity') && i + 7 < s.length ? 8 : 3;
    } else if (word.startsWith('nan') && i + 2 < s.length) {
      v = NaN;
      i += 3;
    } else {
      const r = scanDecimal(s, i);
      if (r === undefined) return bad();
      [v, i] = r;
    }
    let imag = false;
    if (s[i] === 'j' || s[i] === 'J') {
      if (i === valStart) v = 1;
      i++;
      imag = true;
    }
    if (neg) v = -v;
    if (i === valStart) return bad();
    while (isSpace(s[i])) i++;
    if (i !== s.length) {
      if (!haveReal && !imag) {
        real = v;
        haveReal = true;
        continue;
      }
      return bad();
    }
    if (haveReal && !imag) return bad();
    return imag ? new PyComplex(real, v) : new PyComplex(v, 0);
  }
}

/** mp_obj_get_complex_maybe: a number, a complex, or an object whose __complex__ returns a complex. */
function complexMaybe(o: PyObj): [number, number] | undefined {
  const f = floatMaybe(o);
  if (f !== undefined) return [f, 0];
  if (o instanceof PyComplex) return [o.re, o.im];
  if (typeof o !== 'object' || !o.type.unary) return undefined;
  const r = o.type.unary(Unary.COMPLEX, o);
  return r instanceof PyComplex ? [r.re, r.im] : undefined;
}

ComplexType.make = (_c, args) => {
  if (args.length === 0) return new PyComplex(0, 0);
  const a = args[0] as PyObj;
  if (args.length === 1 && typeof a !== 'string') {
    const p = complexMaybe(a);
    if (!p) throw typeError(`can't convert ${typeName(a)} to complex`);
    return new PyComplex(p[0], p[1]);
  }
  if (args.length === 2) {
    // two arguments: each a complex or something float() accepts
    const b = args[1] as PyObj;
    const p: [number, number] = a instanceof PyComplex ? [a.re, a.im] : [checkFloatArg(a), 0];
    const q: [number, number] = b instanceof PyComplex ? [b.re, b.im] : [checkFloatArg(b), 0];
    return new PyComplex(p[0] - q[1], p[1] + q[0]);
  }
  if (typeof a === 'string') return parseComplexText(a);
  const p = parts(a);
  if (!p) throw typeError("can't convert to complex");
  return new PyComplex(p[0], p[1]);
};

export function complexBinary(op: Binary, ar: number, ai: number, b: PyObj): PyObj | undefined {
  const q = parts(b);
  if (!q) return undefined;
  let [br, bi] = q;
  switch (op) {
    case Binary.ADD: case Binary.IADD: return new PyComplex(ar + br, ai + bi);
    case Binary.SUB: case Binary.ISUB: return new PyComplex(ar - br, ai - bi);
    case Binary.MUL: case Binary.IMUL: return new PyComplex(ar * br - ai * bi, ar * bi + ai * br);
    case Binary.TRUEDIV: case Binary.ITRUEDIV: {
      if (bi === 0) {
        if (br === 0) throw excMsg(ZeroDivisionErrorType, 'complex divide by zero');
        return new PyComplex(ar / br, ai / br);
      }
      if (br === 0) return new PyComplex(ai / bi, -ar / bi);
      const l = br * br + bi * bi;
      br /= l;
      bi /= -l;
      return new PyComplex(ar * br - ai * bi, ar * bi + ai * br);
    }
    case Binary.POW: case Binary.IPOW: {
      const abs1 = Math.sqrt(ar * ar + ai * ai);
      if (abs1 === 0) {
        if (bi === 0 && br >= 0) return new PyComplex(br === 0 ? 1 : 0, 0);
        throw excMsg(ZeroDivisionErrorType, '0.0 to a complex power');
      }
      const ln1 = Math.log(abs1);
      const arg1 = Math.atan2(ai, ar);
      const x3 = br * ln1 - bi * arg1;
      const y3 = bi * ln1 + br * arg1;
      const e = Math.exp(x3);
      return new PyComplex(e * Math.cos(y3), e * Math.sin(y3));
    }
    case Binary.EQ: return ar === br && ai === bi;
    case Binary.NE: return !(ar === br && ai === bi);
    default: return undefined;
  }
}

ComplexType.binary = (op, a, b) => {
  const c = a as PyComplex;
  if (op >= 100) {
    const p = parts(b);
    if (!p) return undefined;
    return complexBinary((op - 100) as Binary, p[0], p[1], c);
  }
  return complexBinary(op, c.re, c.im, b);
};
ComplexType.unary = (op, o) => {
  const c = o as PyComplex;
  switch (op) {
    case Unary.BOOL: return c.re !== 0 || c.im !== 0;
    case Unary.POS: return c;
    case Unary.NEG: return new PyComplex(-c.re, -c.im);
    case Unary.ABS: return new PyFloat(Math.sqrt(c.re * c.re + c.im * c.im));
    case Unary.HASH: return Math.trunc(c.re) + Math.trunc(c.im) * 1000003;
    default: return undefined;
  }
};
ComplexType.attr = (o, name) => {
  const c = o as PyComplex;
  if (name === 'real') return new PyFloat(c.re);
  if (name === 'imag') return new PyFloat(c.im);
  return undefined;
};

// float ** fractional with negative base, and int/float op complex, go through complex.
setComplexPow((a, b) => {
  const p = parts(a) as [number, number];
  return complexBinary(Binary.POW, p[0], p[1], b) as PyObj;
});

// float's binary slot lives here because mixed float/complex arithmetic needs both types.
import { FloatType } from './object.js';
import { floatBinary } from './float.js';
FloatType.binary = (op, a, b) => {
  const x = (a as PyFloat).v;
  if (op < 100) {
    // common cases without allocating a parts() pair
    if (b instanceof PyFloat) {
      const r = floatBinary(op, x, b.v);
      if (r !== undefined || (op !== Binary.POW && op !== Binary.IPOW)) return r;
    } else if (typeof b === 'number') {
      const r = floatBinary(op, x, b);
      if (r !== undefined || (op !== Binary.POW && op !== Binary.IPOW)) return r;
    }
  }
  if (op >= 100) {
    const p = parts(b);
    if (!p || b instanceof PyComplex) return undefined;
    const r = floatBinary((op - 100) as Binary, p[0], x);
    if (r === undefined && (op - 100 === Binary.POW)) return complexBinary(Binary.POW, p[0], 0, a);
    return r;
  }
  if (b instanceof PyComplex) return complexBinary(op, x, 0, b);
  const p = parts(b);
  if (!p) return undefined;
  const r = floatBinary(op, x, p[0]);
  if (r === undefined && (op === Binary.POW || op === Binary.IPOW)) return complexBinary(Binary.POW, x, 0, b);
  return r;
};
ComplexType.eqChecksOther = true;
