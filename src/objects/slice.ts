// slice objects (cannot be constructed from Python in MicroPython: "can't create 'slice' instances").
import { typeError, valueError } from './exceptions.js';
import { NoneObj, ObjectType, offHeap, PyBuiltin, PyObject, PyTuple, PyType, type PyObj } from './object.js';
import { PyBoundMethod } from './fun.js';
import { checkInt } from './int.js';
import { repr } from '../vm/runtime.js';

export class PySlice extends PyObject {
  constructor(public start: PyObj, public stop: PyObj, public step: PyObj) {
    super(SliceType);
  }
}
export const SliceType = new PyType('slice', [ObjectType]);
SliceType.baseable = false;
SliceType.unhashable = true;

/**
 * BUILD_SLICE while the heap is locked: upstream builds the slice on the C stack when a subscript of a
 * bytearray or memoryview follows (MP_TYPE_FLAG_SUBSCR_ALLOWS_STACK_SLICE), else it needs the heap.
 */
export function lockedSlice(start: PyObj, stop: PyObj, step: PyObj, subscrFollows: boolean, target: PyObj): PySlice {
  const onStack = subscrFollows && typeof target === 'object' && !target.type.isUser &&
    (target.type.name === 'bytearray' || target.type.name === 'memoryview');
  return onStack ? offHeap(() => new PySlice(start, stop, step)) : new PySlice(start, stop, step);
}
SliceType.print = (o) => {
  const s = o as PySlice;
  return `slice(${repr(s.start)}, ${repr(s.stop)}, ${repr(s.step)})`;
};
SliceType.attr = (o, name) => {
  const s = o as PySlice;
  if (name === 'start') return s.start;
  if (name === 'stop') return s.stop;
  if (name === 'step') return s.step;
  if (name === 'indices') return new PyBoundMethod(s, sliceIndicesFn);
  return undefined;
};

/** slice.indices(length): the bounds the slice selects in a sequence of that length, as a 3-tuple. */
const sliceIndicesFn = new PyBuiltin('indices', (a) => {
  // mp_obj_get_int on the length, then on each non-None member (its TypeError names the type)
  const len = wordLength(a[1] as PyObj);
  const s = a[0] as PySlice;
  for (const m of [s.step, s.start, s.stop]) if (m !== NoneObj) checkInt(m);
  return new PyTuple(sliceIndices(s, len));
}).arity(2);
sliceIndicesFn.isMethod = true;

function wordLength(o: PyObj): number {
  const v = checkInt(o);
  if (typeof v === 'bigint' && (v < -(2n ** 63n) || v >= 2n ** 63n)) throw excMsg(OverflowErrorType, 'overflow converting long int to machine word');
  return Number(v);
}
SliceType.make = () => {
  throw typeError("can't create 'slice' instances");
};

function toIdx(o: PyObj): number {
  if (typeof o === 'number') return o;
  if (typeof o === 'boolean') return o ? 1 : 0;
  if (typeof o === 'bigint') return Number(o);
  throw typeError('slice indices must be integers or None or have an __index__ method');
}

/** CPython-style slice.indices(len): [start, stop, step]. */
export function sliceIndices(s: PySlice, len: number): [number, number, number] {
  const step = s.step === NoneObj ? 1 : toIdx(s.step);
  if (step === 0) throw valueError("slice step can't be zero");
  let start: number;
  let stop: number;
  if (step > 0) {
    start = s.start === NoneObj ? 0 : toIdx(s.start);
    stop = s.stop === NoneObj ? len : toIdx(s.stop);
    if (start < 0) start = Math.max(0, start + len);
    else start = Math.min(start, len);
    if (stop < 0) stop = Math.max(0, stop + len);
    else stop = Math.min(stop, len);
  } else {
    start = s.start === NoneObj ? len - 1 : toIdx(s.start);
    stop = s.stop === NoneObj ? -1 : toIdx(s.stop);
    if (start < 0) start = Math.max(-1, start + len);
    else start = Math.min(start, len - 1);
    if (s.stop !== NoneObj) {
      if (stop < 0) stop = Math.max(-1, stop + len);
      else stop = Math.min(stop, len - 1);
    }
  }
  return [start, stop, step];
}

/** Indices selected by a slice. */
export function sliceRange(s: PySlice, len: number): number[] {
  const [start, stop, step] = sliceIndices(s, len);
  const out: number[] = [];
  if (step > 0) for (let i = start; i < stop; i += step) out.push(i);
  else for (let i = start; i > stop; i += step) out.push(i);
  return out;
}

/** For types that only support step 1 (str, bytes, tuple, ...): [start, stop] or raise. */
export function sliceStep1(s: PySlice, len: number): [number, number] {
  // the indices are computed first, so a zero step is a ValueError before the step-1 restriction
  const [start, stop, step] = sliceIndices(s, len);
  if (step !== 1) throw notImpl();
  return [start, Math.max(start, stop)];
}
import { excMsg, NotImplementedErrorType, OverflowErrorType } from './exceptions.js';
function notImpl(): PyObject {
  return excMsg(NotImplementedErrorType, 'only slices with step=1 (aka None) are supported');
}
export { PyTuple };
