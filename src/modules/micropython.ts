// micropython module: const, opt_level and the memory/heap helpers the unix port exposes.
import { dictFromMap } from '../objects/dict.js';
import { NoneObj, PyBuiltin, PyModule, type PyObj } from '../objects/object.js';

export function makeMicropythonModule(): PyModule {
  let optLevel = 0;
  let heapLocked = 0;
  const m = new Map<string, PyObj>([
    ['__name__', 'micropython'],
    ['const', new PyBuiltin('const', (a) => a[0] as PyObj)],
    ['opt_level', new PyBuiltin('opt_level', (a) => {
      if (a.length === 0) return optLevel;
      optLevel = Number(a[0]);
      return NoneObj;
    })],
    ['heap_lock', new PyBuiltin('heap_lock', () => {
      heapLocked++;
      return NoneObj;
    })],
    ['heap_unlock', new PyBuiltin('heap_unlock', () => {
      heapLocked = Math.max(0, heapLocked - 1);
      return heapLocked;
    })],
    ['mem_info', new PyBuiltin('mem_info', () => NoneObj)],
    ['qstr_info', new PyBuiltin('qstr_info', () => NoneObj)],
    ['stack_use', new PyBuiltin('stack_use', () => 0)],
    ['schedule', new PyBuiltin('schedule', () => NoneObj)],
  ]);
  return new PyModule('micropython', dictFromMap(m));
}
