// micropython module: const, opt_level and the memory/heap helpers the unix port exposes.
import { dictFromMap } from '../objects/dict.js';
import { NoneObj, PyBuiltin, PyModule, setHeapLockDepth, type PyObj } from '../objects/object.js';
import { vmState } from '../vm/state.js';

export function makeMicropythonModule(): PyModule {
  let optLevel = 0;
  const m = new Map<string, PyObj>([
    ['__name__', 'micropython'],
    ['const', new PyBuiltin('const', (a) => a[0] as PyObj)],
    ['opt_level', new PyBuiltin('opt_level', (a) => {
      if (a.length === 0) return optLevel;
      optLevel = Number(a[0]);
      return NoneObj;
    })],
    ['heap_lock', new PyBuiltin('heap_lock', () => {
      vmState.heapLocked++;
      setHeapLockDepth(vmState.heapLocked);
      return NoneObj;
    })],
    ['heap_unlock', new PyBuiltin('heap_unlock', () => {
      vmState.heapLocked = Math.max(0, vmState.heapLocked - 1);
      setHeapLockDepth(vmState.heapLocked);
      return vmState.heapLocked;
    })],
    ['heap_locked', new PyBuiltin('heap_locked', () => vmState.heapLocked)],
    ['kbd_intr', new PyBuiltin('kbd_intr', () => NoneObj)],
    ['mem_info', new PyBuiltin('mem_info', () => NoneObj)],
    ['qstr_info', new PyBuiltin('qstr_info', () => NoneObj)],
    ['stack_use', new PyBuiltin('stack_use', () => 0)],
    ['schedule', new PyBuiltin('schedule', (a) => {
      vmState.scheduled.push([a[0] as PyObj, a[1] as PyObj]);
      return NoneObj;
    })],
  ]);
  return new PyModule('micropython', dictFromMap(m));
}
