// Function-like objects: bytecode functions/closures, bound methods, cells, property, and the
// descriptors staticmethod/classmethod (their classes live in object.ts).
import type { Code } from '../vm/code.js';
import type { PyDict } from './dict.js';
import {
  ClassMethodType, ObjectType, PyObject, PyType, StaticMethodType, type PyObj,
} from './object.js';

export class PyFunction extends PyObject {
  /** Positional defaults (upstream extra_args) and keyword-only defaults dict. */
  constructor(
    public code: Code,
    public globals: PyDict,
    public defaults: PyObj[] | undefined,
    public kwDefaults: PyDict | undefined,
    public closure: PyObj[] | undefined,
  ) {
    super(closure ? ClosureType : code.scopeFlags & 1 ? GenFunctionType : FunctionType);
  }
}
export const FunctionType = new PyType('function', [ObjectType]);
export const ClosureType = new PyType('closure', [ObjectType]);
export const GenFunctionType = new PyType('generator', [ObjectType]);
for (const t of [FunctionType, ClosureType, GenFunctionType]) t.baseable = false;

export class PyBoundMethod extends PyObject {
  constructor(public self: PyObj, public fn: PyObj) {
    super(BoundMethodType);
  }
}
export const BoundMethodType = new PyType('bound_method', [ObjectType]);
BoundMethodType.baseable = false;

export class PyCell extends PyObject {
  constructor(public v: PyObj | undefined) {
    super(CellType);
  }
}
export const CellType = new PyType('cell', [ObjectType]);

export class PyProperty extends PyObject {
  constructor(public fget: PyObj, public fset: PyObj, public fdel: PyObj) {
    super(PropertyType);
  }
}
export const PropertyType = new PyType('property', [ObjectType]);

export { ClassMethodType, StaticMethodType };
