// math module (py/modmath.c): double-precision functions, ValueError "math domain error" on domain
// errors, floor/ceil/trunc returning ints. No hypot/gcd/comb/prod/isqrt in this build.
import { excMsg, typeError, valueError, OverflowErrorType } from '../objects/exceptions.js';
import { checkFloatArg } from '../objects/float.js';
import { checkInt, floatToInt, normBig } from '../objects/int.js';
import { NoneObj, PyFloat, PyTuple, type KwArgs, type PyObj } from '../objects/object.js';
import { isTrue } from '../vm/runtime.js';
import { makeModule, registerNativeModule } from '../vm/modules.js';

const F = (v: number): PyFloat => new PyFloat(v);
const num = (a: PyObj[], i = 0): number => checkFloatArg(a[i] as PyObj);
function domain(): never {
  throw valueError('math domain error');
}
/** Wraps a one-argument double function, checking its result like upstream's MATH_FUN_1. */
function fun1(f: (x: number) => number, check?: (x: number) => boolean) {
  return (a: PyObj[]): PyObj => {
    const x = num(a);
    if (check && !check(x)) domain();
    const r = f(x);
    if (Number.isNaN(r) && !Number.isNaN(x)) domain();
    if (!Number.isFinite(r) && Number.isFinite(x)) throw excMsg(OverflowErrorType, 'math range error');
    return F(r);
  };
}

/** Lanczos approximation (g=7, n=9) of the gamma function. */
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
function gamma(x: number): number {
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * gamma(1 - x));
  const z = x - 1;
  let a = LANCZOS[0] as number;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += (LANCZOS[i] as number) / (z + i);
  return Math.sqrt(2 * Math.PI) * Math.pow(t, z + 0.5) * Math.exp(-t) * a;
}
function lgamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0] as number;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += (LANCZOS[i] as number) / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}
/** erf by its Maclaurin series (small |x|) or the continued fraction of erfc (large |x|). */
function erf(x: number): number {
  const ax = Math.abs(x);
  if (ax > 3) return Math.sign(x) * (1 - erfcLarge(ax));
  let sum = x;
  let term = x;
  for (let n = 1; n < 200; n++) {
    term *= (-x * x) / n;
    const d = term / (2 * n + 1);
    sum += d;
    if (Math.abs(d) < 1e-17 * Math.abs(sum)) break;
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}
function erfcLarge(x: number): number {
  // Lentz continued fraction for erfc(x), x > 0
  let f = 0;
  for (let n = 60; n >= 1; n--) f = (n / 2) / (x + f);
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / (x + f);
}
function erfc(x: number): number {
  return x > 3 ? erfcLarge(x) : 1 - erf(x);
}

function isclose(a: PyObj[], kw: KwArgs | undefined): PyObj {
  const x = num(a, 0);
  const y = num(a, 1);
  const rel = kw?.get('rel_tol') !== undefined ? checkFloatArg(kw.get('rel_tol') as PyObj) : 1e-9;
  const abs = kw?.get('abs_tol') !== undefined ? checkFloatArg(kw.get('abs_tol') as PyObj) : 0;
  if (rel < 0 || abs < 0) throw valueError('tolerances must be non-negative');
  if (x === y) return true;
  if (!Number.isFinite(x) || !Number.isFinite(y)) return false;
  const d = Math.abs(x - y);
  return d <= Math.abs(rel * y) || d <= Math.abs(rel * x) || d <= abs;
}

registerNativeModule('math', () => makeModule('math', {
  e: F(Math.E), pi: F(Math.PI), tau: F(2 * Math.PI), inf: F(Infinity), nan: F(NaN),
  sqrt: fun1(Math.sqrt, (x) => !(x < 0)),
  pow: (a) => {
    const x = num(a, 0);
    const y = num(a, 1);
    if (x === 1 || y === 0) return F(1);
    if (x < 0 && y !== Math.floor(y)) domain();
    if (x === 0 && y < 0) domain();
    return F(Math.pow(x, y));
  },
  exp: fun1(Math.exp), expm1: fun1(Math.expm1),
  log: (a) => {
    const x = num(a, 0);
    if (x <= 0) domain();
    if (a.length > 1) {
      const b = num(a, 1);
      if (b <= 0) domain();
      if (b === 1) throw excMsg(zeroDivType(), 'divide by zero');
      return F(Math.log(x) / Math.log(b));
    }
    return F(Math.log(x));
  },
  log2: fun1(Math.log2, (x) => x > 0), log10: fun1(Math.log10, (x) => x > 0),
  cosh: fun1(Math.cosh), sinh: fun1(Math.sinh), tanh: fun1(Math.tanh),
  acosh: fun1(Math.acosh), asinh: fun1(Math.asinh), atanh: fun1(Math.atanh),
  cos: fun1(Math.cos, Number.isFinite), sin: fun1(Math.sin, Number.isFinite), tan: fun1(Math.tan, Number.isFinite),
  acos: fun1(Math.acos), asin: fun1(Math.asin), atan: fun1(Math.atan),
  atan2: (a) => F(Math.atan2(num(a, 0), num(a, 1))),
  ceil: (a) => floatOrInt(a[0] as PyObj, Math.ceil),
  floor: (a) => floatOrInt(a[0] as PyObj, Math.floor),
  trunc: (a) => floatOrInt(a[0] as PyObj, Math.trunc),
  copysign: (a) => {
    const x = Math.abs(num(a, 0));
    const y = num(a, 1);
    return F(y < 0 || Object.is(y, -0) ? -x : x);
  },
  fabs: (a) => F(Math.abs(num(a))),
  fmod: (a) => {
    const x = num(a, 0);
    const y = num(a, 1);
    if (!Number.isFinite(x) || y === 0) domain();
    return F(x % y);
  },
  frexp: (a) => {
    const x = num(a);
    if (x === 0 || !Number.isFinite(x)) return new PyTuple([F(x), 0]);
    let e = Math.max(-1073, Math.floor(Math.log2(Math.abs(x))) + 1);
    let m = x * Math.pow(2, -e);
    while (Math.abs(m) < 0.5) {
      m *= 2;
      e--;
    }
    while (Math.abs(m) >= 1) {
      m /= 2;
      e++;
    }
    return new PyTuple([F(m), e]);
  },
  ldexp: (a) => F(num(a, 0) * Math.pow(2, Number(checkInt(a[1] as PyObj)))),
  modf: (a) => {
    const x = num(a);
    const i = Math.trunc(x);
    return new PyTuple([F(x - i), F(i)]);
  },
  isfinite: (a) => Number.isFinite(num(a)),
  isinf: (a) => {
    const x = num(a);
    return !Number.isFinite(x) && !Number.isNaN(x);
  },
  isnan: (a) => Number.isNaN(num(a)),
  isclose,
  radians: (a) => F(num(a) * (Math.PI / 180)),
  degrees: (a) => F(num(a) * (180 / Math.PI)),
  factorial: (a) => {
    const n = checkInt(a[0] as PyObj);
    if (n < 0) throw valueError('negative factorial');
    let r = 1n;
    for (let i = 2n; i <= BigInt(n); i++) r *= i;
    return normBig(r);
  },
  erf: fun1(erf), erfc: fun1(erfc),
  gamma: fun1(gamma, (x) => !(x <= 0 && x === Math.floor(x))),
  lgamma: fun1(lgamma, (x) => !(x <= 0 && x === Math.floor(x))),
}));

function floatOrInt(o: PyObj, f: (x: number) => number): PyObj {
  if (typeof o === 'number' || typeof o === 'bigint') return o;
  if (typeof o === 'boolean') return o ? 1 : 0;
  return floatToInt(f(checkFloatArg(o)));
}
import { ZeroDivisionErrorType } from '../objects/exceptions.js';
function zeroDivType(): typeof ZeroDivisionErrorType {
  return ZeroDivisionErrorType;
}
void typeError;
void NoneObj;
void isTrue;
