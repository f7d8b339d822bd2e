// gc module (py/modgc.c). JavaScript owns the heap, so collect() cannot free anything itself; the
// functions keep upstream's signatures, the enable flag and threshold() round-trip (in 16-byte GC
// blocks, as upstream stores it) so programs that tune or query the collector run unchanged.
import { NoneObj, type PyObj } from '../objects/object.js';
import { makeModule, registerNativeModule } from '../vm/modules.js';
import { fixed, wordInt } from './_util.js';

const BYTES_PER_BLOCK = 16;
/** mem_free() + mem_alloc() on the 64-bit unix port: its default 2 MiB heap less the block table. */
const HEAP_BYTES = 2072832;

registerNativeModule('gc', () => {
  let enabled = true;
  let threshold = -1; // in blocks; -1 = no threshold (size_t)-1 upstream
  return makeModule('gc', {
    // upstream returns how many blocks the collection freed (MICROPY_PY_GC_COLLECT_RETVAL)
    collect: fixed(0, 0, () => 0),
    disable: fixed(0, 0, () => {
      enabled = false;
      return NoneObj;
    }),
    enable: fixed(0, 0, () => {
      enabled = true;
      return NoneObj;
    }),
    isenabled: fixed(0, 0, () => enabled),
    mem_free: fixed(0, 0, () => HEAP_BYTES - memAlloc()),
    mem_alloc: fixed(0, 0, () => memAlloc()),
    threshold: fixed(0, 1, (a) => {
      if (a.length === 0) return threshold < 0 ? -1 : threshold * BYTES_PER_BLOCK;
      const v = wordInt(a[0] as PyObj);
      threshold = v < 0 ? -1 : Math.floor(v / BYTES_PER_BLOCK);
      return NoneObj;
    }),
  });
});

/** A stable, plausible "used" figure: the VM does not track its objects' sizes. */
function memAlloc(): number {
  return 3840;
}
