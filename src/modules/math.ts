// math module (py/modmath.c) on the unix port: double-precision functions over libm. Errors follow
// upstream's one rule: a NaN result from non-NaN arguments, or an infinite result from finite ones, is
// ValueError('math domain error') (so exp(1000) is a domain error, not an OverflowError); a NaN
// argument just gives NaN. ceil/floor/trunc go through a double and back to int. ldexp takes the low
// 32 bits of its exponent (a C int), as upstream does. JavaScript's Math and libm agree for the
// elementary functions; erf/erfc/gamma/lgamma are our own approximations (see docs/MODULES.md).
import { excMsg, ValueErrorType, ZeroDivisionErrorType } from '../objects/exceptions.js';
import { floatToInt, normBig } from '../objects/int.js';
import { PyFloat, PyTuple, type KwArgs, type PyObj } from '../objects/object.js';
import { makeModule, registerNativeModule } from '../vm/modules.js';
import { checkArgs, fixed, floatArg, parseArgs, wordBig, wordInt } from './_util.js';

const F = (v: number): PyFloat => new PyFloat(v);
const arg = (a: PyObj[], i = 0): number => floatArg(a[i] as PyObj);

function domain(): never {
  throw excMsg(ValueErrorType, 'math domain error');
}

/** math_generic_1 */
function fun1(f: (x: number) => number) {
  return fixed(1, 1, (a) => {
    const x = arg(a);
    const r = f(x);
    if ((Number.isNaN(r) && !Number.isNaN(x)) || (isInf(r) && !isInf(x))) domain();
    return F(r);
  });
}

/** math_generic_2 */
function fun2(f: (x: number, y: number) => number) {
  return fixed(2, 2, (a) => {
    const x = arg(a, 0);
    const y = arg(a, 1);
    const r = f(x, y);
    if ((Number.isNaN(r) && !Number.isNaN(x) && !Number.isNaN(y)) || (isInf(r) && !isInf(x) && !isInf(y))) domain();
    return F(r);
  });
}

const isInf = (x: number): boolean => x === Infinity || x === -Infinity;

/** C's pow where it differs from Math.pow: 1**y and x**0 are 1 even for NaN, (-1)**±inf is 1. */
function cpow(x: number, y: number): number {
  if (x === 1 || y === 0) return 1;
  if (x === -1 && isInf(y)) return 1;
  return Math.pow(x, y);
}

/** C's fmod: the remainder with the sign of x (JS % is exactly that). */
const fmod = (x: number, y: number): number => x % y;

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0; // index of the high word

/** frexp: mantissa in [0.5, 1) and exponent, exactly (subnormals included). */
function frexp(x: number): [number, number] {
  if (x === 0 || !Number.isFinite(x)) return [x, 0];
  f64[0] = x;
  let e = ((u32[HI] as number) >>> 20) & 0x7ff;
  let shift = 0;
  if (e === 0) {
    // subnormal: normalise first
    f64[0] = x * 2 ** 64;
    e = ((u32[HI] as number) >>> 20) & 0x7ff;
    shift = 64;
  }
  u32[HI] = ((u32[HI] as number) & 0x800fffff) | (1022 << 20);
  return [f64[0] as number, e - 1022 - shift];
}

/** ldexp as one exact scaling with a single rounding (subnormal results included). */
function ldexp(x: number, e: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const [m, ex] = frexp(x);
  const t = ex + e;
  if (t > 1024) return x > 0 ? Infinity : -Infinity;
  if (t === 1024) return m * 2 * 2 ** 1023;
  if (t < -1074) return x > 0 ? 0 : -0;
  return m * 2 ** t;
}

function modf(x: number): [number, number] {
  if (Number.isNaN(x)) return [x, x];
  if (isInf(x)) return [x < 0 ? -0 : 0, x];
  const i = Math.trunc(x);
  const f = x - i;
  // libm gives the fractional part the sign of x, zero included (modf(-2.0) == (-0.0, -2.0))
  return [f === 0 ? (x < 0 || Object.is(x, -0) ? -0 : 0) : f, i];
}

// ---- special functions: erf/erfc by series and continued fraction, gamma by Lanczos ----

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
function lanczosSum(z: number): number {
  let s = LANCZOS[0] as number;
  for (let i = 1; i < 9; i++) s += (LANCZOS[i] as number) / (z + i);
  return s;
}
/** (n-1)! for small positive integers, exactly. */
function intGamma(x: number): number | undefined {
  if (x >= 1 && x <= 171 && Number.isInteger(x)) {
    let r = 1;
    for (let i = 2; i < x; i++) r *= i;
    return r;
  }
  return undefined;
}
function tgamma(x: number): number {
  if (Number.isNaN(x)) return x;
  if (x === Infinity) return x;
  if (x === -Infinity) return NaN;
  if (x === 0) return Object.is(x, -0) ? -Infinity : Infinity;
  if (x < 0 && Number.isInteger(x)) return NaN;
  const n = intGamma(x);
  if (n !== undefined) return n;
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * tgamma(1 - x));
  if (x > 171.7) return Infinity;
  const z = x - 1;
  const t = z + 7.5;
  // split the power so large x does not overflow before the exponential shrinks it
  const p = Math.pow(t, (z + 0.5) / 2);
  return Math.sqrt(2 * Math.PI) * p * (Math.exp(-t) * p) * lanczosSum(z);
}
function lgamma(x: number): number {
  if (Number.isNaN(x)) return x;
  if (isInf(x)) return Infinity;
  if (x <= 0 && Number.isInteger(x)) return Infinity;
  if (x === 1 || x === 2) return 0;
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
  const z = x - 1;
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(lanczosSum(z));
}
function erf(x: number): number {
  if (Number.isNaN(x)) return x;
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
  let f = 0;
  for (let n = 60; n >= 1; n--) f = n / 2 / (x + f);
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / (x + f);
}
function erfc(x: number): number {
  if (Number.isNaN(x)) return x;
  return x > 3 ? erfcLarge(x) : 1 - erf(x);
}

/** MATH_FUN_1_TO_INT: the argument as a double, the C function, then int (errors for inf/NaN). */
const toInt = (f: (x: number) => number) => fixed(1, 1, (a) => floatToInt(f(arg(a))));
const toBool = (f: (x: number) => boolean) => fixed(1, 1, (a) => f(arg(a)));

/** Marks an isclose() rel_tol that was not given (None is an error there, as upstream). */
const UNSET = new PyFloat(NaN);

function isclose(a: PyObj[], kw: KwArgs | undefined): PyObj {
  checkArgs(a, undefined, 2, Infinity, true);
  const [relIn, absIn] = parseArgs(a.slice(2), kw, [{ name: 'rel_tol', kwOnly: true, def: UNSET }, { name: 'abs_tol', kwOnly: true, def: 0 }]);
  const x = arg(a, 0);
  const y = arg(a, 1);
  const rel = relIn === UNSET ? 1e-9 : floatArg(relIn as PyObj);
  const abs = floatArg(absIn as PyObj);
  if (rel < 0 || abs < 0) domain();
  if (x === y) return true;
  const d = Math.abs(x - y);
  if (isInf(d)) return false;
  return d <= abs || d <= Math.abs(rel * x) || d <= Math.abs(rel * y);
}

registerNativeModule('math', () => makeModule('math', {
  e: F(Math.E),
  pi: F(Math.PI),
  tau: F(2 * Math.PI),
  inf: F(Infinity),
  nan: F(NaN),
  sqrt: fun1(Math.sqrt),
  pow: fun2(cpow),
  exp: fun1(Math.exp),
  expm1: fun1(Math.expm1),
  log: fixed(1, 2, (a) => {
    const x = arg(a, 0);
    if (x <= 0) domain();
    const l = Math.log(x);
    if (a.length === 1) return F(l);
    const b = arg(a, 1);
    if (b <= 0) domain();
    if (b === 1) throw excMsg(ZeroDivisionErrorType, 'divide by zero');
    return F(l / Math.log(b));
  }),
  log2: fun1(Math.log2),
  log10: fun1(Math.log10),
  cosh: fun1(Math.cosh),
  sinh: fun1(Math.sinh),
  tanh: fun1(Math.tanh),
  acosh: fun1(Math.acosh),
  asinh: fun1(Math.asinh),
  atanh: fun1(Math.atanh),
  cos: fun1(Math.cos),
  sin: fun1(Math.sin),
  tan: fun1(Math.tan),
  acos: fun1(Math.acos),
  asin: fun1(Math.asin),
  atan: fun1(Math.atan),
  atan2: fun2(Math.atan2),
  ceil: toInt(Math.ceil),
  copysign: fun2((x, y) => (y < 0 || Object.is(y, -0) ? -Math.abs(x) : Math.abs(x))),
  fabs: fun1(Math.abs),
  floor: toInt(Math.floor),
  fmod: fun2(fmod),
  frexp: fixed(1, 1, (a) => {
    const [m, e] = frexp(arg(a));
    return new PyTuple([F(m), e]);
  }),
  // the exponent is mp_obj_get_int'ed, then passed as a C int (its low 32 bits)
  ldexp: fixed(2, 2, (a) => F(ldexp(arg(a, 0), Number(BigInt.asIntN(32, wordBig(a[1] as PyObj)))))),
  modf: fixed(1, 1, (a) => {
    const [f, i] = modf(arg(a));
    return new PyTuple([F(f), F(i)]);
  }),
  isfinite: toBool(Number.isFinite),
  isinf: toBool(isInf),
  isnan: toBool(Number.isNaN),
  isclose,
  trunc: toInt(Math.trunc),
  radians: fixed(1, 1, (a) => F(arg(a) * (Math.PI / 180))),
  degrees: fixed(1, 1, (a) => F(arg(a) * (180 / Math.PI))),
  factorial: fixed(1, 1, (a) => {
    const n = wordInt(a[0] as PyObj);
    if (n < 0) throw excMsg(ValueErrorType, 'negative factorial');
    let r = 1n;
    for (let i = 2n; i <= BigInt(n); i++) r *= i;
    return normBig(r);
  }),
  erf: fun1(erf),
  erfc: fun1(erfc),
  gamma: fun1(tgamma),
  lgamma: fun1(lgamma),
}));
