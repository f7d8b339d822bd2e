// Per-VM mutable state the interpreter reaches without threading it through every call: the builtins
// namespace and the import machinery. The VM instance that is running installs its values here.
import type { PyDict } from '../objects/dict.js';
import type { PyObj } from '../objects/object.js';
import type { VfsTable } from './vfs.js';

export interface VmState {
  /** The exception being handled (sys.exc_info), cleared when its handler block is popped. */
  curExc: PyObj | undefined;
  /** micropython.heap_lock() depth: allocations raise MemoryError while > 0. */
  heapLocked: number;
  /** Heap size being emulated: a single allocation larger than this raises MemoryError. */
  heapSize: number;
  /** micropython.schedule() queue, run at the next backward jump / branch. */
  scheduled: [PyObj, PyObj][];
  /** True while scheduled callbacks run (mp_sched_lock). */
  schedLocked: boolean;
  /**
   * Pending keyboard interrupt: element 0 is set non-zero by the host (SIGINT handler, AbortSignal, or
   * another thread when the buffer is shared) and polled where upstream polls pending exceptions.
   */
  interrupt: Int32Array;
  /** micropython.opt_level(): optimisation level of source compiled at run time. */
  optLevel: number;
  /** `-X emit=`: the default code emitter for source compiled at run time. */
  emit: EmitKind;
  builtins: PyDict;
  /** The running VM's mount table (native VFS constructors reach their host through it). */
  vfs: VfsTable | undefined;
  buildClass: PyObj;
  /**
   * Names the program interned that the firmware does not already hold (upstream's dynamic qstr pool,
   * approximated by loaded code's inline qstrs that name no builtin), in interning order.
   */
  qstrPool: Set<string>;
  /** Whether the unix firmware has a name among its own qstrs (builtins and builtin module contents). */
  isFirmwareName(name: string): boolean;
  importName(name: string, fromList: PyObj, level: PyObj, globals: PyDict): PyObj;
  importFrom(module: PyObj, name: string): PyObj;
  importStar(module: PyObj, into: PyDict): void;
}

/** The unix port's `-X emit=` choices. */
export type EmitKind = 'bytecode' | 'native' | 'viper';

export const vmState: VmState = {
  curExc: undefined,
  heapLocked: 0,
  heapSize: 2 * 1024 * 1024,
  scheduled: [],
  schedLocked: false,
  interrupt: new Int32Array(1),
  optLevel: 0,
  emit: 'bytecode',
  builtins: undefined as unknown as PyDict,
  vfs: undefined,
  buildClass: undefined as unknown as PyObj,
  qstrPool: new Set(),
  isFirmwareName: () => false,
  importName: () => {
    throw new Error('no VM');
  },
  importFrom: () => {
    throw new Error('no VM');
  },
  importStar: () => undefined,
};
