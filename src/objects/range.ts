// range objects and their iterator (the interpreter's FOR_ITER inlines RangeIter).
import { repr } from '../vm/runtime.js';
import { indexError, typeError, valueError } from './exceptions.js';
import { checkInt } from './int.js';
import { Binary, ObjectType, PyObject, PyType, Unary, type PyObj } from './object.js';
import { PySlice, sliceIndices } from './slice.js';

export class PyRange extends PyObject {
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

RangeType.make = (_c, args, kw) => {
  if (kw && kw.size) throw typeError("function doesn't take keyword arguments");
  if (args.length < 1 || args.length > 3) throw typeError(`function takes ${args.length < 1 ? 'at least 1' : 'at most 3'} arguments`);
  let start = 0;
  let stop: number;
  let step = 1;
  if (args.length === 1) stop = num(args[0] as PyObj);
  else {
    start = num(args[0] as PyObj);
    stop = num(args[1] as PyObj);
    if (args.length === 3) {
      step = num(args[2] as PyObj);
      if (step === 0) throw valueError('zero step');
    }
  }
  return new PyRange(start, stop, step);
};
RangeType.print = (o) => {
  const r = o as PyRange;
  return r.step === 1 ? `range(${r.start}, ${r.stop})` : `range(${r.start}, ${r.stop}, ${r.step})`;
};
RangeType.getiter = (o) => {
  const r = o as PyRange;
  return new RangeIter(r.start, r.stop, r.step);
};
RangeType.unary = (op, o) => {
  const r = o as PyRange;
  if (op === Unary.LEN) return r.length;
  if (op === Unary.BOOL) return r.length > 0;
  return undefined;
};
RangeType.binary = (op, a, b) => {
  if (op === Binary.EQ) return a === b; // MicroPython compares ranges by identity
  if (op === Binary.CONTAINS) {
    const r = a as PyRange;
    if (typeof b !== 'number') return false;
    if (r.step > 0 ? b < r.start || b >= r.stop : b > r.start || b <= r.stop) return false;
    return (b - r.start) % r.step === 0;
  }
  return undefined;
};
RangeType.subscr = (o, index, value) => {
  if (value !== undefined) return undefined;
  const r = o as PyRange;
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
  if (name === 'start') return r.start;
  if (name === 'stop') return r.stop;
  if (name === 'step') return r.step;
  return undefined;
};
void repr;
