// range objects and their iterator (the interpreter's FOR_ITER inlines RangeIter).
import { repr } from '../vm/runtime.js';
import { excMsg, indexError, OverflowErrorType, typeError, valueError } from './exceptions.js';
import { checkInt, normBig, type Int } from './int.js';
import { Binary, ObjectType, PyObject, PyType, Unary, type PyObj } from './object.js';
import { PySlice, sliceIndices } from './slice.js';

export class PyRange extends PyObject {
  /** Exact bounds when one is beyond 2^53 (upstream's ranges span the whole 64-bit mp_int_t). */
  big: [bigint, bigint, bigint] | undefined;
  constructor(public start: number, public stop: number, public step: number) {
    super(RangeType);
  }
  get length(): number {
    const { start, stop, step } = this;
    if (step > 0) return stop > start ? Math.floor((stop - start + step - 1) / step) : 0;
    return start > stop ? Math.floor((start - stop - step - 1) / -step) : 0;
  }
}
export const RangeType = new PyType('range', [ObjectType]);
RangeType.baseable = false;

export class RangeIter extends PyObject {
  declare cur: number;
  declare stop: number;
  declare step: number;
  constructor(cur: number, stop: number, step: number) {
    super(RangeIterType);
    this.cur = cur;
    this.stop = stop;
    this.step = step;
  }
}
export const RangeIterType = new PyType('iterator', [ObjectType]);
RangeIterType.getiter = (o) => o;
RangeIterType.iternext = (o) => {
  if (o instanceof BigRangeIter) {
    const cur = o.cur;
    if (o.step > 0n ? cur < o.stop : cur > o.stop) {
      o.cur = cur + o.step;
      return normBig(cur);
    }
    return undefined;
  }
  const it = o as RangeIter;
  const cur = it.cur;
  if (it.step > 0 ? cur < it.stop : cur > it.stop) {
    it.cur = cur + it.step;
    return cur;
  }
  return undefined;
};

function num(o: PyObj): number {
  return Number(checkInt(o));
}

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;
/** mp_obj_get_int: an argument must fit a machine word. */
function word(o: PyObj): Int {
  const v = checkInt(o);
  if (typeof v === 'bigint' && (v < I64_MIN || v > I64_MAX)) throw excMsg(OverflowErrorType, 'overflow converting long int to machine word');
  return v;
}

function makeBig(start: bigint, stop: bigint, step: bigint): PyRange {
  const r = new PyRange(Number(start), Number(stop), Number(step));
  r.big = [start, stop, step];
  return r;
}
function newRange(start: Int, stop: Int, step: Int): PyRange {
  if (typeof start === 'number' && typeof stop === 'number' && typeof step === 'number') return new PyRange(start, stop, step);
  return makeBig(BigInt(start), BigInt(stop), BigInt(step));
}
function bigLen([start, stop, step]: [bigint, bigint, bigint]): bigint {
  if (step > 0n) return stop > start ? (stop - start + step - 1n) / step : 0n;
  return start > stop ? (start - stop - step - 1n) / -step : 0n;
}

/** Iterator over a range with 64-bit bounds (the interpreter's inlined RangeIter handles the rest). */
class BigRangeIter extends PyObject {
  constructor(public cur: bigint, public stop: bigint, public step: bigint) {
    super(RangeIterType);
  }
}

RangeType.make = (_c, args, kw) => {
  if (kw && kw.size) throw typeError("function doesn't take keyword arguments");
  if (args.length < 1 || args.length > 3) throw typeError(`function takes ${args.length < 1 ? 'at least 1' : 'at most 3'} arguments`);
  let start: Int = 0;
  let stop: Int;
  let step: Int = 1;
  if (args.length === 1) stop = word(args[0] as PyObj);
  else {
    start = word(args[0] as PyObj);
    stop = word(args[1] as PyObj);
    if (args.length === 3) {
      step = word(args[2] as PyObj);
      if (step === 0) throw valueError('zero step');
    }
  }
  return newRange(start, stop, step);
};
RangeType.print = (o) => {
  const r = o as PyRange;
  if (r.big) {
    const [a, b, c] = r.big;
    return c === 1n ? `range(${a}, ${b})` : `range(${a}, ${b}, ${c})`;
  }
  return r.step === 1 ? `range(${r.start}, ${r.stop})` : `range(${r.start}, ${r.stop}, ${r.step})`;
};
RangeType.getiter = (o) => {
  const r = o as PyRange;
  if (r.big) return new BigRangeIter(...r.big);
  return new RangeIter(r.start, r.stop, r.step);
};
RangeType.unary = (op, o) => {
  const r = o as PyRange;
  if (r.big) {
    if (op === Unary.LEN) return normBig(bigLen(r.big));
    if (op === Unary.BOOL) return bigLen(r.big) > 0n;
    return undefined;
  }
  if (op === Unary.LEN) return r.length;
  if (op === Unary.BOOL) return r.length > 0;
  return undefined;
};
RangeType.binary = (op, a, b) => {
  if (op === Binary.EQ) return a === b; // MicroPython compares ranges by identity
  if (op === Binary.CONTAINS) {
    const r = a as PyRange;
    if (r.big) {
      if (typeof b !== 'number' && typeof b !== 'bigint') return false;
      const [start, stop, step] = r.big;
      const x = BigInt(b);
      if (step > 0n ? x < start || x >= stop : x > start || x <= stop) return false;
      return (x - start) % step === 0n;
    }
    if (typeof b !== 'number') return false;
    if (r.step > 0 ? b < r.start || b >= r.stop : b > r.start || b <= r.stop) return false;
    return (b - r.start) % r.step === 0;
  }
  return undefined;
};
RangeType.subscr = (o, index, value) => {
  if (value !== undefined) return undefined;
  const r = o as PyRange;
  if (r.big) {
    const [bs, , bstep] = r.big;
    const blen = bigLen(r.big);
    if (index instanceof PySlice) {
      const [start, stop, step] = sliceIndices(index, Number(blen));
      return newRange(normBig(bs + BigInt(start) * bstep), normBig(bs + BigInt(stop) * bstep), normBig(bstep * BigInt(step)));
    }
    let i = BigInt(checkInt(index));
    if (i < 0n) i += blen;
    if (i < 0n || i >= blen) throw indexError('range index out of range');
    return normBig(bs + i * bstep);
  }
  const len = r.length;
  if (index instanceof PySlice) {
    const [start, stop, step] = sliceIndices(index, len);
    return new PyRange(r.start + start * r.step, r.start + stop * r.step, r.step * step);
  }
  let i = num(index);
  if (i < 0) i += len;
  if (i < 0 || i >= len) throw indexError('range index out of range');
  return r.start + i * r.step;
};
RangeType.attr = (o, name) => {
  const r = o as PyRange;
  if (r.big) {
    const [start, stop, step] = r.big;
    if (name === 'start') return normBig(start);
    if (name === 'stop') return normBig(stop);
    if (name === 'step') return normBig(step);
    return undefined;
  }
  if (name === 'start') return r.start;
  if (name === 'stop') return r.stop;
  if (name === 'step') return r.step;
  return undefined;
};
void repr;
