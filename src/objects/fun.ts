// Function-like objects: bytecode functions/closures, bound methods, cells, property, and the
// descriptors staticmethod/classmethod (their classes live in object.ts).
import type { Code } from '../vm/code.js';
import type { PyDict } from './dict.js';
import {
  Binary, ClassMethodType, ObjectType, objectId, Unary, PyObject, PyType, StaticMethodType, type PyObj,
} from './object.js';

export class PyFunction extends PyObject {
  declare code: Code;
  declare globals: PyDict;
  /** Positional defaults (upstream extra_args). */
  declare defaults: PyObj[] | undefined;
  declare kwDefaults: PyDict | undefined;
  declare closure: PyObj[] | undefined;
  constructor(code: Code, globals: PyDict, defaults: PyObj[] | undefined, kwDefaults: PyDict | undefined, closure: PyObj[] | undefined) {
    super(closure ? ClosureType : code.scopeFlags & 1 ? GenFunctionType : FunctionType);
    this.code = code;
    this.globals = globals;
    this.defaults = defaults;
    this.kwDefaults = kwDefaults;
    this.closure = closure;
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
  declare self: PyObj;
  declare fn: PyObj;
  constructor(self: PyObj, fn: PyObj) {
    super(BoundMethodType);
    this.self = self;
    this.fn = fn;
  }
}
export const BoundMethodType = new PyType('bound_method', [ObjectType]);
BoundMethodType.baseable = false;
BoundMethodType.binary = (op, a, b) => {
  if (op !== Binary.EQ) return undefined;
  const x = a as PyBoundMethod;
  return b instanceof PyBoundMethod && x.self === b.self && x.fn === b.fn;
};
BoundMethodType.unary = (op, o) => {
  if (op !== Unary.HASH) return undefined;
  const m = o as PyBoundMethod;
  return objectId(m.fn) + (typeof m.self === 'object' ? objectId(m.self) : 0);
};
BoundMethodType.attr = (o, name) => {
  const m = o as PyBoundMethod;
  if (name === '__self__') return m.self;
  if (name === '__func__') return m.fn;
  if (name === '__name__' && m.fn instanceof PyFunction) return m.fn.code.name;
  return undefined;
};

export class PyCell extends PyObject {
  declare v: PyObj | undefined;
  constructor(v: PyObj | undefined) {
    super(CellType);
    this.v = v;
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
