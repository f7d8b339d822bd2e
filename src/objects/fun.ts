// Function-like objects: bytecode functions/closures, bound methods, cells, property, and the
// descriptors staticmethod/classmethod (their classes live in object.ts).
import type { Code } from '../vm/code.js';
import type { PyDict } from './dict.js';
import {
  ClassMethodType, ObjectType, objectId, PyObject, PyType, StaticMethodType, type PyObj,
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
for (const t of [FunctionType, ClosureType, GenFunctionType]) {
  t.baseable = false;
  t.attr = (o, name) => {
    const f = o as PyFunction;
    if (name === '__name__') return f.code.name;
    if (name === '__globals__') return f.globals;
    return undefined;
  };
}
FunctionType.print = (o) => `<function ${(o as PyFunction).code.name} at 0x${objectId(o).toString(16)}>`;
ClosureType.print = (o) => `<closure ${(o as PyFunction).code.name} at 0x${objectId(o).toString(16)}>`;
GenFunctionType.print = (o) => `<generator ${(o as PyFunction).code.name} at 0x${objectId(o).toString(16)}>`;

export class PyBoundMethod extends PyObject {
  constructor(public self: PyObj, public fn: PyObj) {
    super(BoundMethodType);
  }
}
export const BoundMethodType = new PyType('bound_method', [ObjectType]);
BoundMethodType.baseable = false;
BoundMethodType.attr = (o, name) => {
  const m = o as PyBoundMethod;
  if (name === '__self__') return m.self;
  if (name === '__func__') return m.fn;
  if (name === '__name__' && m.fn instanceof PyFunction) return m.fn.code.name;
  return undefined;
};

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
