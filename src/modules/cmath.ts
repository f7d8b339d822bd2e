// cmath module (py/modcmath.c), with upstream's formulas (e.g. sqrt via pow(|z|^2, 0.25) and
// half-angle, hence cmath.sqrt(-1) == (6.123233995736766e-17+1j)).
import { typeError } from '../objects/exceptions.js';
import { PyComplex } from '../objects/complex.js';
import { PyFloat, PyTuple, typeOf, type PyObj } from '../objects/object.js';
import { loadAttrMaybe } from '../vm/attr.js';
import { call } from '../vm/runtime.js';
import { floatArg } from './_util.js';
import { makeModule, registerNativeModule } from '../vm/modules.js';

function parts(o: PyObj): [number, number] {
  if (o instanceof PyComplex) return [o.re, o.im];
  if (o instanceof PyFloat) return [o.v, 0];
  if (typeof o === 'number') return [o, 0];
  if (typeof o === 'bigint') return [Number(o), 0];
  if (typeof o === 'boolean') return [o ? 1 : 0, 0];
  // mp_obj_get_complex: Python classes may offer __complex__ (or __float__)
  const t = typeOf(o);
  if (t.isUser) {
    const m = loadAttrMaybe(o, '__complex__');
    if (m !== undefined) {
      const r = call(m, []);
      if (r instanceof PyComplex) return [r.re, r.im];
    } else if (loadAttrMaybe(o, '__float__') !== undefined) return [floatArg(o), 0];
  }
  throw typeError(`can't convert ${t.name} to complex`);
}
const C = (re: number, im: number): PyComplex => new PyComplex(re, im);
type CF = (re: number, im: number) => PyObj;
const wrap = (f: CF) => (a: PyObj[]): PyObj => {
  const [re, im] = parts(a[0] as PyObj);
  return f(re, im);
};

registerNativeModule('cmath', () => makeModule('cmath', {
  e: new PyFloat(Math.E),
  pi: new PyFloat(Math.PI),
  phase: wrap((re, im) => new PyFloat(Math.atan2(im, re))),
  polar: wrap((re, im) => new PyTuple([new PyFloat(Math.sqrt(re * re + im * im)), new PyFloat(Math.atan2(im, re))])),
  rect: (a) => {
    const r = parts(a[0] as PyObj)[0];
    const phi = parts(a[1] as PyObj)[0];
    return C(r * Math.cos(phi), r * Math.sin(phi));
  },
  exp: wrap((re, im) => {
    const e = Math.exp(re);
    return C(e * Math.cos(im), e * Math.sin(im));
  }),
  log: wrap((re, im) => C(0.5 * Math.log(re * re + im * im), Math.atan2(im, re))),
  log10: wrap((re, im) => C(0.5 * Math.log10(re * re + im * im), 0.4342944819032518 * Math.atan2(im, re))),
  sqrt: wrap((re, im) => {
    const s = Math.pow(re * re + im * im, 0.25);
    const t = 0.5 * Math.atan2(im, re);
    return C(s * Math.cos(t), s * Math.sin(t));
  }),
  cos: wrap((re, im) => C(Math.cos(re) * Math.cosh(im), -Math.sin(re) * Math.sinh(im))),
  sin: wrap((re, im) => C(Math.sin(re) * Math.cosh(im), Math.cos(re) * Math.sinh(im))),
}));
