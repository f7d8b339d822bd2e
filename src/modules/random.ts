// random module (extmod/modrandom.c): the Yasmarang generator, so a seeded sequence matches the unix
// port number for number. The unix port seeds itself from the OS on import; so do we (crypto or
// Math.random), which is why unseeded values are not reproducible there either.
import { excMsg, IndexErrorType, valueError, ValueErrorType } from '../objects/exceptions.js';
import { normBig } from '../objects/int.js';
import { NoneObj, PyFloat, type PyObj } from '../objects/object.js';
import { len, subscr } from '../vm/runtime.js';
import { makeModule, registerNativeModule, type ModuleHost } from '../vm/modules.js';
import { fixed, floatArg, truncatedU64, wordBig } from './_util.js';

/** Yasmarang state: four words, all arithmetic modulo 2^32 (dat is a byte). */
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
    // Math.imul keeps the 32-bit product exact where a float multiply would round.
    let pad = (this.pad + this.dat + Math.imul(this.d, this.n)) >>> 0;
    pad = ((pad << 3) | (pad >>> 29)) >>> 0;
    this.pad = pad;
    this.n = (pad | 2) >>> 0;
    this.d = (this.d ^ ((pad << 31) + (pad >>> 1))) >>> 0;
    // (char)pad: only the low byte survives into the uint8 dat.
    this.dat = (this.dat ^ (pad & 0xff) ^ (this.d >>> 8) ^ 1) & 0xff;
    return (pad ^ (this.d << 5) ^ (pad >>> 18) ^ (this.dat << 1)) >>> 0;
  }

  /** An unsigned value below n (n > 0, < 2^32): mask-and-retry, as upstream. */
  below(n: number): number {
    let mask = 1;
    while ((n & mask) >>> 0 < n) mask = ((mask << 1) | 1) >>> 0;
    let r: number;
    do r = (this.next() & mask) >>> 0;
    while (r >= n);
    return r;
  }

  /** [0, 1): 52 fraction bits from two draws (the first supplies the high 32, of which 20 survive). */
  float(): number {
    const hi = this.next();
    const lo = this.next();
    // The 64-bit (hi << 32 | lo) is truncated to the 52-bit mantissa field: keep hi's low 20 bits.
    const frac = (hi & 0xfffff) * 4294967296 + lo;
    return 1 + frac / 2 ** 52 - 1;
  }
}

function osSeed(): number {
  const c = (globalThis as { crypto?: { getRandomValues?(a: Uint32Array): Uint32Array } }).crypto;
  if (c?.getRandomValues) return (c.getRandomValues(new Uint32Array(1))[0] ?? 0) >>> 0;
  return Math.floor(Math.random() * 2 ** 32) >>> 0;
}

/** A uint32 cast of a machine-word difference, as `(uint32_t)(stop - start)` does in C. */
function u32(v: bigint): number {
  return Number(BigInt.asUintN(32, v));
}

// `random` and `urandom` are one module upstream (one generator): share state per VM host.
const states = new WeakMap<object, Yasmarang>();

function make(host: ModuleHost) {
  let g = states.get(host);
  if (!g) {
    g = new Yasmarang();
    g.seed(osSeed());
    states.set(host, g);
  }
  const y = g;
  return makeModule('random', {
    // Upstream seeds on first import through __init__; ours already did above, so it is a no-op.
    __init__: fixed(0, 0, () => NoneObj),
    getrandbits: fixed(1, 1, (a) => {
      const n = wordBig(a[0] as PyObj);
      if (n > 32n || n < 0n) throw valueError('bits must be 32 or less');
      if (n === 0n) return 0;
      return (y.next() & (0xffffffff >>> (32 - Number(n)))) >>> 0;
    }),
    seed: fixed(0, 1, (a) => {
      const s = a[0];
      y.seed(s === undefined || s === NoneObj ? osSeed() : Number(truncatedU64(s) & 0xffffffffn));
      return NoneObj;
    }),
    randrange: fixed(1, 3, (a) => {
      const start = wordBig(a[0] as PyObj);
      if (a.length === 1) {
        if (start > 0n) return y.below(u32(start));
        throw excMsg(ValueErrorType);
      }
      const stop = wordBig(a[1] as PyObj);
      if (a.length === 2) {
        if (start < stop) return normBig(start + BigInt(y.below(u32(stop - start))));
        throw excMsg(ValueErrorType);
      }
      const step = wordBig(a[2] as PyObj);
      let n: bigint;
      // C division truncates toward zero, as bigint division does.
      if (step > 0n) n = (stop - start + step - 1n) / step;
      else if (step < 0n) n = (stop - start + step + 1n) / step;
      else throw excMsg(ValueErrorType);
      if (n <= 0n) throw excMsg(ValueErrorType);
      return normBig(start + step * BigInt(y.below(u32(n))));
    }),
    randint: fixed(2, 2, (a) => {
      const lo = wordBig(a[0] as PyObj);
      const hi = wordBig(a[1] as PyObj);
      if (lo > hi) throw excMsg(ValueErrorType);
      return normBig(lo + BigInt(y.below(u32(hi - lo + 1n))));
    }),
    choice: fixed(1, 1, (a) => {
      const seq = a[0] as PyObj;
      const n = len(seq);
      if (n <= 0) throw excMsg(IndexErrorType);
      return subscr(seq, y.below(n), undefined);
    }),
    random: fixed(0, 0, () => new PyFloat(y.float())),
    uniform: fixed(2, 2, (a) => {
      const lo = floatArg(a[0] as PyObj);
      const hi = floatArg(a[1] as PyObj);
      return new PyFloat(lo + (hi - lo) * y.float());
    }),
  });
}

registerNativeModule('random', make);
