// random: MicroPython's Yasmarang generator (public-domain algorithm by Ilya Levin) with upstream's
// seeding, getrandbits, randrange/randint/choice (rejection sampling below a mask) and floats built
// from 52 random mantissa bits. No shuffle/sample/gauss in this build.
import { excMsg, IndexErrorType, valueError } from '../objects/exceptions.js';
import { checkFloatArg } from '../objects/float.js';
import { checkInt, normBig } from '../objects/int.js';
import { NoneObj, PyFloat, type PyObj } from '../objects/object.js';
import { len, subscr } from '../vm/runtime.js';
import { makeModule, registerNativeModule } from '../vm/modules.js';

class Yasmarang {
  pad = 0xeda4baba;
  n = 69;
  d = 233;
  dat = 0;
  seed(s: number): void {
    this.pad = s >>> 0;
    this.n = 69;
    this.d = 233;
    this.dat = 0;
  }
  next(): number {
    this.pad = (this.pad + this.dat + Math.imul(this.d, this.n)) >>> 0;
    this.pad = ((this.pad << 3) + (this.pad >>> 29)) >>> 0;
    this.n = (this.pad | 2) >>> 0;
    this.d = (this.d ^ (((this.pad << 31) + (this.pad >>> 1)) >>> 0)) >>> 0;
    this.dat = (this.dat ^ (this.pad & 0xff) ^ (this.d >>> 8) ^ 1) & 0xff;
    return (this.pad ^ (this.d << 5) ^ (this.pad >>> 18) ^ (this.dat << 1)) >>> 0;
  }
  below(n: number): number {
    let mask = 1;
    while ((n & mask) >>> 0 < n) mask = ((mask << 1) | 1) >>> 0;
    let r: number;
    do r = (this.next() & mask) >>> 0;
    while (r >= n);
    return r;
  }
  order: 'lohi' | 'hilo' = 'hilo';
  float(): number {
    // 52 mantissa bits from two draws; C leaves the evaluation order of the two calls unspecified,
    // `order` selects the one the x64 unix build uses.
    let hi: number;
    let lo: number;
    if (this.order === 'hilo') {
      hi = this.next();
      lo = this.next();
    } else {
      lo = this.next();
      hi = this.next();
    }
    const buf = new DataView(new ArrayBuffer(8));
    buf.setUint32(0, (0x3ff00000 | (hi & 0xfffff)) >>> 0);
    buf.setUint32(4, lo);
    return buf.getFloat64(0) - 1;
  }
}

registerNativeModule('random', () => {
  const g = new Yasmarang();
  const int = (o: PyObj | undefined): number => Number(checkInt(o as PyObj));
  return makeModule('random', {
    seed: (a) => {
      if (a.length === 0 || a[0] === NoneObj) g.seed(Date.now() >>> 0);
      else g.seed(Number(BigInt.asUintN(32, BigInt(checkInt(a[0] as PyObj)))));
      return NoneObj;
    },
    getrandbits: (a) => {
      const n = int(a[0]);
      if (n > 32 || n < 0) throw valueError('bits must be 32 or less');
      if (n === 0) return 0;
      const mask = 0xffffffff >>> (32 - n);
      return (g.next() & mask) >>> 0;
    },
    randrange: (a) => {
      const start = int(a[0]);
      if (a.length === 1) {
        if (start > 0) return g.below(start);
        throw excMsg(valueErrType());
      }
      const stop = int(a[1]);
      if (a.length === 2) {
        if (start < stop) return start + g.below(stop - start);
        throw excMsg(valueErrType());
      }
      const step = int(a[2]);
      let n: number;
      if (step > 0) n = Math.trunc((stop - start + step - 1) / step);
      else if (step < 0) n = Math.trunc((stop - start + step + 1) / step);
      else throw excMsg(valueErrType());
      if (n > 0) return start + step * g.below(n);
      throw excMsg(valueErrType());
    },
    randint: (a) => {
      const lo = int(a[0]);
      const hi = int(a[1]);
      if (lo <= hi) return lo + g.below(hi - lo + 1);
      throw excMsg(valueErrType());
    },
    choice: (a) => {
      const seq = a[0] as PyObj;
      const n = len(seq);
      if (n > 0) return subscr(seq, g.below(n), undefined);
      throw excMsg(IndexErrorType);
    },
    random: () => new PyFloat(g.float()),
    uniform: (a) => {
      const lo = checkFloatArg(a[0] as PyObj);
      const hi = checkFloatArg(a[1] as PyObj);
      return new PyFloat(lo + (hi - lo) * g.float());
    },
  });
});
import { ValueErrorType } from '../objects/exceptions.js';
function valueErrType(): typeof ValueErrorType {
  return ValueErrorType;
}
void normBig;
