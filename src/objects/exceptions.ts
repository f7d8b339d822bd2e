// The exception hierarchy of the unix port and helpers to build exception instances. Messages passed
// here are upstream's MP_ERROR_TEXT strings (with MICROPY_ERROR_REPORTING_DETAILED, the unix default).
import {
  EMPTY_TUPLE, excArgsTuple, heapIsLocked, ObjectType, PyObject, PyTuple, PyType, setArgError, setHeapError, type KwArgs, type PyObj,
} from './object.js';

/** One traceback entry: source file, line, block name (upstream stores them as qstr triples). */
export interface TbEntry {
  file: string;
  line: number;
  /** Absent for errors raised where upstream records no block name (lexer/parser errors). */
  block: string | undefined;
}

export class PyException extends PyObject {
  traceback: TbEntry[] | undefined;
  dict: Map<string, PyObj> | undefined;
  constructor(type: PyType, public args: PyTuple = EMPTY_TUPLE) {
    super(type);
  }
}

function makeExc(cls: PyType, args: PyObj[], kw: KwArgs | undefined): PyObj {
  if (kw !== undefined && kw.size > 0) throw excMsg(TypeErrorType, 'function does not take keyword arguments');
  // with the heap locked the args go to the 256-byte emergency buffer after room for two traceback
  // entries: at most 24 of them fit (16-byte tuple header, 8 bytes per item), else the args are dropped
  const fits = args.length > 0 && (!heapIsLocked() || 48 + 16 + 8 * args.length <= 256);
  const e = new PyException(cls, fits ? excArgsTuple(args.slice()) : EMPTY_TUPLE);
  if (cls.isUser) e.dict = new Map();
  return e;
}

const excTypes = new Map<string, PyType>();
function defExc(name: string, base: PyType | undefined): PyType {
  const t = new PyType(name, base ? [base] : [ObjectType], { make: makeExc });
  t.heapExempt = true;
  if (!base) t.native = t;
  excTypes.set(name, t);
  return t;
}

export const BaseExceptionType = defExc('BaseException', undefined);
export const SystemExitType = defExc('SystemExit', BaseExceptionType);
export const KeyboardInterruptType = defExc('KeyboardInterrupt', BaseExceptionType);
export const GeneratorExitType = defExc('GeneratorExit', BaseExceptionType);
export const ExceptionType = defExc('Exception', BaseExceptionType);
export const StopAsyncIterationType = defExc('StopAsyncIteration', ExceptionType);
export const StopIterationType = defExc('StopIteration', ExceptionType);
export const ArithmeticErrorType = defExc('ArithmeticError', ExceptionType);
export const OverflowErrorType = defExc('OverflowError', ArithmeticErrorType);
export const ZeroDivisionErrorType = defExc('ZeroDivisionError', ArithmeticErrorType);
export const AssertionErrorType = defExc('AssertionError', ExceptionType);
export const AttributeErrorType = defExc('AttributeError', ExceptionType);
export const EOFErrorType = defExc('EOFError', ExceptionType);
export const ImportErrorType = defExc('ImportError', ExceptionType);
export const LookupErrorType = defExc('LookupError', ExceptionType);
export const IndexErrorType = defExc('IndexError', LookupErrorType);
export const KeyErrorType = defExc('KeyError', LookupErrorType);
export const MemoryErrorType = defExc('MemoryError', ExceptionType);
export const NameErrorType = defExc('NameError', ExceptionType);
export const OSErrorType = defExc('OSError', ExceptionType);
export const RuntimeErrorType = defExc('RuntimeError', ExceptionType);
export const NotImplementedErrorType = defExc('NotImplementedError', RuntimeErrorType);
export const SyntaxErrorType = defExc('SyntaxError', ExceptionType);
export const IndentationErrorType = defExc('IndentationError', SyntaxErrorType);
export const TypeErrorType = defExc('TypeError', ExceptionType);
export const ValueErrorType = defExc('ValueError', ExceptionType);
export const UnicodeErrorType = defExc('UnicodeError', ValueErrorType);
// raised by the viper compiler (MICROPY_EMIT_NATIVE builds, as the unix port)
export const ViperTypeErrorType = defExc('ViperTypeError', TypeErrorType);

/** Exception classes exposed as builtins, by name. */
export const BUILTIN_EXCEPTIONS: ReadonlyMap<string, PyType> = excTypes;

export function excMsg(type: PyType, msg?: string): PyException {
  return new PyException(type, msg === undefined ? EMPTY_TUPLE : excArgsTuple([msg]));
}
export function excArgs(type: PyType, args: PyObj[]): PyException {
  return new PyException(type, new PyTuple(args));
}

export const typeError = (msg: string): PyException => excMsg(TypeErrorType, msg);
export const valueError = (msg: string): PyException => excMsg(ValueErrorType, msg);
export const indexError = (msg: string): PyException => excMsg(IndexErrorType, msg);
export const attributeError = (msg: string): PyException => excMsg(AttributeErrorType, msg);
export const runtimeError = (msg: string): PyException => excMsg(RuntimeErrorType, msg);
export const notImplemented = (msg: string): PyException => excMsg(NotImplementedErrorType, msg);
export const zeroDivision = (msg: string): PyException => excMsg(ZeroDivisionErrorType, msg);
export const overflowError = (msg: string): PyException => excMsg(OverflowErrorType, msg);

setArgError((msg) => typeError(msg));
setHeapError(() => excMsg(MemoryErrorType, 'memory allocation failed, heap is locked'));

export function isExceptionType(t: PyObj): t is PyType {
  return t instanceof PyType && t.isSubclassOf(BaseExceptionType);
}
