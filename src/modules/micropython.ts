// micropython module: const, opt_level and the memory/heap helpers the unix port exposes.
import { dictFromMap } from '../objects/dict.js';
import { allocatedBytes, NoneObj, PyBuiltin, PyModule, setHeapLockDepth, type PyObj } from '../objects/object.js';
import { vmState } from '../vm/state.js';
import { rt } from '../vm/runtime.js';
import { excMsg, RuntimeErrorType } from '../objects/exceptions.js';
import { RingIOType } from './ringio.js';

export function makeMicropythonModule(): PyModule {
  const m = new Map<string, PyObj>([
    ['__name__', 'micropython'],
    ['const', new PyBuiltin('const', (a) => a[0] as PyObj)],
    ['opt_level', new PyBuiltin('opt_level', (a) => {
      if (a.length === 0) return vmState.optLevel;
      vmState.optLevel = Number(a[0]);
      return NoneObj;
    })],
    // MICROPY_MEM_STATS: figures of the allocation model in object.ts (docs/MODULES.md)
    ['mem_total', new PyBuiltin('mem_total', () => allocatedBytes()).arity(0)],
    ['mem_current', new PyBuiltin('mem_current', () => allocatedBytes()).arity(0)],
    ['mem_peak', new PyBuiltin('mem_peak', () => allocatedBytes()).arity(0)],
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
    ['mem_info', new PyBuiltin('mem_info', (a) => {
      rt.hooks.stdout(memInfoText(a.length > 0));
      return NoneObj;
    })],
    ['qstr_info', new PyBuiltin('qstr_info', (a) => {
      // qstr_pool_info's figures for the one dynamic pool: a qstr costs its bytes + NUL + hash/length
      const pool = [...vmState.qstrPool];
      const data = pool.reduce((n, q) => n + new TextEncoder().encode(q).length + 1, 0);
      rt.hooks.stdout(`qstr pool: n_pool=1, n_qstr=${pool.length}, n_str_data_bytes=${data}, n_total_bytes=${data + 4 * pool.length}\n`);
      if (a.length > 0) for (const q of pool) rt.hooks.stdout(`Q(${q})\n`);
      return NoneObj;
    })],
    ['stack_use', new PyBuiltin('stack_use', () => 0)],
    ['RingIO', RingIOType],
    ['schedule', new PyBuiltin('schedule', (a) => {
      // MICROPY_SCHEDULER_DEPTH (4 in the unix port)
      if (vmState.scheduled.length >= 4) throw excMsg(RuntimeErrorType, 'schedule queue full');
      vmState.scheduled.push([a[0] as PyObj, a[1] as PyObj]);
      return NoneObj;
    })],
  ]);
  const mod = new PyModule('micropython', dictFromMap(m));
  // modmicropython.c's table order: __name__, const, opt_level first
  mod.tableOrder = [...m.keys()];
  return mod;
}

/**
 * mp_micropython_mem_info's layout. The mem: line has the mem_total/current/peak model's figures; the VM
 * does not keep a GC heap, so the GC figures describe an empty heap of the emulated size (the format is
 * what programs and tests look at).
 */
export function memInfoText(verbose: boolean): string {
  const total = vmState.heapSize;
  const used = allocatedBytes();
  let s = `mem: total=${used}, current=${used}, peak=${used}\nstack: 0 out of 80000\n` +
    `GC: total: ${total}, used: 0, free: ${total}\n No. of 1-blocks: 0, 2-blocks: 0, max blk sz: 0, max free sz: ${total >> 5}\n`;
  if (verbose) s += 'GC memory layout; from 0:\n';
  return s;
}
