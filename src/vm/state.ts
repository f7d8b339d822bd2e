// Per-VM mutable state the interpreter reaches without threading it through every call: the builtins
// namespace and the import machinery. The VM instance that is running installs its values here.
import type { PyDict } from '../objects/dict.js';
import type { PyObj } from '../objects/object.js';

export interface VmState {
  builtins: PyDict;
  buildClass: PyObj;
  importName(name: string, fromList: PyObj, level: PyObj, globals: PyDict): PyObj;
  importFrom(module: PyObj, name: string): PyObj;
  importStar(module: PyObj, into: PyDict): void;
}

export const vmState: VmState = {
  builtins: undefined as unknown as PyDict,
  buildClass: undefined as unknown as PyObj,
  importName: () => {
    throw new Error('no VM');
  },
  importFrom: () => {
    throw new Error('no VM');
  },
  importStar: () => undefined,
};
