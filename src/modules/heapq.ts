// heapq module: heappush/heappop/heapify on lists (upstream's moduheapq.c sift algorithms).
import { excMsg, IndexErrorType, typeError } from '../objects/exceptions.js';
import { NoneObj, PyList, type PyObj } from '../objects/object.js';
import { lessThan } from '../vm/runtime.js';
import { makeModule, registerNativeModule } from '../vm/modules.js';
import { fixed } from './_util.js';

function heap(o: PyObj | undefined): PyObj[] {
  if (o instanceof PyList) return o.items;
  throw typeError('heap must be a list');
}
function siftDown(h: PyObj[], start: number, posIn: number): void {
  let pos = posIn;
  const item = h[pos] as PyObj;
  while (pos > start) {
    const parent = (pos - 1) >> 1;
    const p = h[parent] as PyObj;
    if (lessThan(item, p)) {
      h[pos] = p;
      pos = parent;
    } else break;
  }
  h[pos] = item;
}
function siftUp(h: PyObj[], posIn: number): void {
  let pos = posIn;
  const start = pos;
  const end = h.length;
  const item = h[pos] as PyObj;
  let child = 2 * pos + 1;
  while (child < end) {
    const right = child + 1;
    if (right < end && !lessThan(h[child] as PyObj, h[right] as PyObj)) child = right;
    h[pos] = h[child] as PyObj;
    pos = child;
    child = 2 * pos + 1;
  }
  h[pos] = item;
  siftDown(h, start, pos);
}

registerNativeModule('heapq', () => makeModule('heapq', {
  heappush: fixed(2, 2, (a) => {
    const h = heap(a[0]);
    h.push(a[1] as PyObj);
    siftDown(h, 0, h.length - 1);
    return NoneObj;
  }),
  heappop: fixed(1, 1, (a) => {
    const h = heap(a[0]);
    if (h.length === 0) throw excMsg(IndexErrorType, 'empty heap');
    const last = h.pop() as PyObj;
    if (h.length === 0) return last;
    const r = h[0] as PyObj;
    h[0] = last;
    siftUp(h, 0);
    return r;
  }),
  heapify: fixed(1, 1, (a) => {
    const h = heap(a[0]);
    for (let i = (h.length >> 1) - 1; i >= 0; i--) siftUp(h, i);
    return NoneObj;
  }),
}));
