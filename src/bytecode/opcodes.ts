// THE opcode table of MicroPython 1.28 bytecode (.mpy 6.3). Every other part of mpyts (compiler
// emitter, disassembler, VM dispatch, .mpy writer, freezer) derives opcode numbers, names and operand
// layouts from this file; no other file may restate them.
//
// `Op` is a const enum so that `case Op.LOAD_FAST_N:` compiles to an integer literal (V8 then builds a
// jump table for the VM's switch). With `preserveConstEnums` the enum object also exists at run time,
// which is where the mnemonic names below come from: one list, two views.
import * as self from './opcodes.js';

export const enum Op {
  // Operand format of an opcode is given by its high nibble, see `opcodeFormat`.
  BASE_RESERVED = 0x00,
  BASE_QSTR_O = 0x10,
  BASE_VINT_E = 0x20,
  BASE_VINT_O = 0x30,
  BASE_JUMP_E = 0x40,
  BASE_BYTE_O = 0x50,
  BASE_BYTE_E = 0x60,

  LOAD_CONST_FALSE = 0x50,
  LOAD_CONST_NONE = 0x51,
  LOAD_CONST_TRUE = 0x52,
  LOAD_CONST_SMALL_INT = 0x22, // signed var-int
  LOAD_CONST_STRING = 0x10, // qstr
  LOAD_CONST_OBJ = 0x23, // index into the constant table
  LOAD_NULL = 0x53,

  LOAD_FAST_N = 0x24,
  LOAD_DEREF = 0x25,
  LOAD_NAME = 0x11,
  LOAD_GLOBAL = 0x12,
  LOAD_ATTR = 0x13,
  LOAD_METHOD = 0x14,
  LOAD_SUPER_METHOD = 0x15,
  LOAD_BUILD_CLASS = 0x54,
  LOAD_SUBSCR = 0x55,

  STORE_FAST_N = 0x26,
  STORE_DEREF = 0x27,
  STORE_NAME = 0x16,
  STORE_GLOBAL = 0x17,
  STORE_ATTR = 0x18,
  STORE_SUBSCR = 0x56,

  DELETE_FAST = 0x28,
  DELETE_DEREF = 0x29,
  DELETE_NAME = 0x19,
  DELETE_GLOBAL = 0x1a,

  DUP_TOP = 0x57,
  DUP_TOP_TWO = 0x58,
  POP_TOP = 0x59,
  ROT_TWO = 0x5a,
  ROT_THREE = 0x5b,

  UNWIND_JUMP = 0x40, // signed offset, then a byte
  JUMP = 0x42, // signed offset
  POP_JUMP_IF_TRUE = 0x43, // signed offset
  POP_JUMP_IF_FALSE = 0x44, // signed offset
  JUMP_IF_TRUE_OR_POP = 0x45, // unsigned offset
  JUMP_IF_FALSE_OR_POP = 0x46,
  SETUP_WITH = 0x47,
  SETUP_EXCEPT = 0x48,
  SETUP_FINALLY = 0x49,
  POP_EXCEPT_JUMP = 0x4a,
  FOR_ITER = 0x4b,
  WITH_CLEANUP = 0x5c,
  END_FINALLY = 0x5d,
  GET_ITER = 0x5e,
  GET_ITER_STACK = 0x5f,

  BUILD_TUPLE = 0x2a,
  BUILD_LIST = 0x2b,
  BUILD_MAP = 0x2c,
  STORE_MAP = 0x62,
  BUILD_SET = 0x2d,
  BUILD_SLICE = 0x2e,
  STORE_COMP = 0x2f,
  UNPACK_SEQUENCE = 0x30,
  UNPACK_EX = 0x31,

  RETURN_VALUE = 0x63,
  RAISE_LAST = 0x64,
  RAISE_OBJ = 0x65,
  RAISE_FROM = 0x66,
  YIELD_VALUE = 0x67,
  YIELD_FROM = 0x68,

  MAKE_FUNCTION = 0x32, // child index
  MAKE_FUNCTION_DEFARGS = 0x33,
  MAKE_CLOSURE = 0x20, // child index, then a byte (number of closed-over cells)
  MAKE_CLOSURE_DEFARGS = 0x21,
  CALL_FUNCTION = 0x34,
  CALL_FUNCTION_VAR_KW = 0x35,
  CALL_METHOD = 0x36,
  CALL_METHOD_VAR_KW = 0x37,

  IMPORT_NAME = 0x1b,
  IMPORT_FROM = 0x1c,
  IMPORT_STAR = 0x69,

  // Ranges of one-byte opcodes that carry their argument in the opcode itself.
  LOAD_CONST_SMALL_INT_MULTI = 0x70, // 64 values: -16..47
  LOAD_FAST_MULTI = 0xb0, // 16 locals
  STORE_FAST_MULTI = 0xc0, // 16 locals
  UNARY_OP_MULTI = 0xd0, // 4 unary ops
  BINARY_OP_MULTI = 0xd7, // 35 binary ops
}

export const LOAD_CONST_SMALL_INT_MULTI_NUM = 64;
export const LOAD_CONST_SMALL_INT_MULTI_EXCESS = 16;
export const LOAD_FAST_MULTI_NUM = 16;
export const STORE_FAST_MULTI_NUM = 16;

/** Unary operators in bytecode order (index = UNARY_OP_MULTI offset); names as upstream prints them. */
export const UNARY_OP_NAMES = ['__pos__', '__neg__', '__invert__', '<not>'] as const;
/** Binary operators in bytecode order (index = BINARY_OP_MULTI offset). */
export const BINARY_OP_NAMES = [
  '__lt__', '__gt__', '__eq__', '__le__', '__ge__', '__ne__', '<in>', '<is>', '<exception match>',
  '__ior__', '__ixor__', '__iand__', '__ilshift__', '__irshift__', '__iadd__', '__isub__', '__imul__',
  '__imatmul__', '__ifloordiv__', '__itruediv__', '__imod__', '__ipow__',
  '__or__', '__xor__', '__and__', '__lshift__', '__rshift__', '__add__', '__sub__', '__mul__',
  '__matmul__', '__floordiv__', '__truediv__', '__mod__', '__pow__',
] as const;
export const UNARY_OP_MULTI_NUM = UNARY_OP_NAMES.length;
export const BINARY_OP_MULTI_NUM = BINARY_OP_NAMES.length;

/** How the operand of an opcode is encoded. */
export const enum Format {
  Byte = 0, // no operand (maybe an extra byte)
  Qstr = 1, // var-uint qstr index
  VarUint = 2, // var-uint (LOAD_CONST_SMALL_INT: signed var-int)
  Offset = 3, // jump offset: 1 or 2 bytes
}

/** The operand format of an opcode byte, from upstream's packed nibble table. */
export function opcodeFormat(op: number): Format {
  return ((0x000003a4 >>> (2 * (op >> 4))) & 3) as Format;
}

/** Opcodes followed by one extra raw byte (UNWIND_JUMP's unwind count, MAKE_CLOSURE's cell count). */
export function hasExtraByte(op: number): boolean {
  return (op & 0x9e) === 0;
}

/** Jump opcodes whose offset is signed (backward jumps allowed). */
export function isSignedJump(op: number): boolean {
  return op === Op.UNWIND_JUMP || op === Op.JUMP || op === Op.POP_JUMP_IF_TRUE || op === Op.POP_JUMP_IF_FALSE;
}

/** MAKE_FUNCTION family: the operand indexes the raw code's children. */
export function isMakeFunction(op: number): boolean {
  return op === Op.MAKE_FUNCTION || op === Op.MAKE_FUNCTION_DEFARGS || op === Op.MAKE_CLOSURE || op === Op.MAKE_CLOSURE_DEFARGS;
}

/** What the operand of an opcode means, finer than its encoding `Format`. */
export type OperandKind =
  | 'none'
  | 'qstr'
  | 'uint'
  | 'int' // LOAD_CONST_SMALL_INT
  | 'const' // LOAD_CONST_OBJ
  | 'child' // MAKE_FUNCTION*
  | 'jump' // signed offset
  | 'ujump'; // unsigned (forward) offset

export interface OpcodeInfo {
  readonly code: number;
  /** Mnemonic as tools/mpy-tool.py prints it (multi-opcodes include their implicit argument). */
  readonly name: string;
  readonly format: Format;
  readonly operand: OperandKind;
  readonly extraByte: boolean;
  /**
   * Net stack effect as the bytecode emitter accounts it, or a function of the operand (and extra byte)
   * where it depends on them. `undefined` for unused opcode bytes.
   */
  readonly stack: number | ((arg: number, extra: number) => number) | undefined;
}

const runtimeOp = (self as unknown as { Op: Record<string, number | string> }).Op;

function stackEffect(name: string): OpcodeInfo['stack'] {
  switch (name) {
    case 'LOAD_CONST_FALSE': case 'LOAD_CONST_NONE': case 'LOAD_CONST_TRUE': case 'LOAD_CONST_SMALL_INT':
    case 'LOAD_CONST_STRING': case 'LOAD_CONST_OBJ': case 'LOAD_NULL': case 'LOAD_FAST_N': case 'LOAD_DEREF':
    case 'LOAD_NAME': case 'LOAD_GLOBAL': case 'LOAD_BUILD_CLASS': case 'DUP_TOP': case 'FOR_ITER':
    case 'LOAD_METHOD': case 'MAKE_FUNCTION': case 'IMPORT_FROM':
      return 1;
    case 'DUP_TOP_TWO':
      return 2;
    case 'LOAD_ATTR': case 'DELETE_FAST': case 'DELETE_DEREF': case 'DELETE_NAME': case 'DELETE_GLOBAL':
    case 'ROT_TWO': case 'ROT_THREE': case 'JUMP': case 'UNWIND_JUMP': case 'POP_EXCEPT_JUMP':
    case 'GET_ITER': case 'YIELD_VALUE':
      return 0;
    case 'LOAD_SUPER_METHOD': case 'LOAD_SUBSCR': case 'STORE_FAST_N': case 'STORE_DEREF': case 'STORE_NAME':
    case 'STORE_GLOBAL': case 'POP_TOP': case 'POP_JUMP_IF_TRUE': case 'POP_JUMP_IF_FALSE':
    case 'JUMP_IF_TRUE_OR_POP': case 'JUMP_IF_FALSE_OR_POP': case 'END_FINALLY': case 'RETURN_VALUE':
    case 'MAKE_FUNCTION_DEFARGS': case 'IMPORT_NAME': case 'IMPORT_STAR': case 'YIELD_FROM': case 'RAISE_OBJ':
      return -1;
    case 'STORE_ATTR': case 'STORE_MAP': case 'RAISE_FROM':
      return -2;
    case 'STORE_SUBSCR':
      return -3;
    case 'RAISE_LAST':
      return 0;
    case 'SETUP_WITH':
      return 2; // pops the context manager, pushes __exit__, the manager and the as-value
    case 'SETUP_EXCEPT': case 'SETUP_FINALLY':
      return 0;
    case 'WITH_CLEANUP':
      return -2; // +2 while it runs, -4 after: net as the emitter accounts it
    case 'GET_ITER_STACK':
      return 3; // iterator buffer (4 slots) replaces the iterable
    case 'BUILD_TUPLE': case 'BUILD_LIST': case 'BUILD_SET': case 'BUILD_SLICE':
      return (n) => 1 - n;
    case 'BUILD_MAP':
      return 1;
    case 'STORE_COMP':
      return (arg) => -1 - ((arg & 3) === 1 ? 1 : 0); // dict comprehensions (type 1) consume key and value
    case 'UNPACK_SEQUENCE':
      return (n) => n - 1;
    case 'UNPACK_EX':
      return (n) => (n & 0xff) + (n >> 8) + 1 - 1;
    case 'MAKE_CLOSURE':
      return (_n, ncells) => 1 - ncells;
    case 'MAKE_CLOSURE_DEFARGS':
      return (_n, ncells) => -1 - ncells;
    case 'CALL_FUNCTION':
      return (n) => -((n & 0xff) + 2 * (n >> 8));
    case 'CALL_FUNCTION_VAR_KW':
      return (n) => -((n & 0xff) + 2 * (n >> 8)) - 1;
    case 'CALL_METHOD':
      return (n) => -((n & 0xff) + 2 * (n >> 8)) - 1;
    case 'CALL_METHOD_VAR_KW':
      return (n) => -((n & 0xff) + 2 * (n >> 8)) - 2;
    default:
      return undefined;
  }
}

function operandKind(code: number, format: Format): OperandKind {
  switch (format) {
    case Format.Byte: return 'none';
    case Format.Qstr: return 'qstr';
    case Format.Offset: return isSignedJump(code) ? 'jump' : 'ujump';
    case Format.VarUint:
      if (code === Op.LOAD_CONST_SMALL_INT) return 'int';
      if (code === Op.LOAD_CONST_OBJ) return 'const';
      if (isMakeFunction(code)) return 'child';
      return 'uint';
  }
}

function buildTable(): OpcodeInfo[] {
  const names: string[] = new Array<string>(256).fill('unknown');
  for (const [name, value] of Object.entries(runtimeOp)) {
    if (typeof value !== 'number' || name.startsWith('BASE_') || name.endsWith('_MULTI')) continue;
    names[value] = name;
  }
  for (let i = 0; i < LOAD_CONST_SMALL_INT_MULTI_NUM; i++) {
    names[Op.LOAD_CONST_SMALL_INT_MULTI + i] = `LOAD_CONST_SMALL_INT ${i - LOAD_CONST_SMALL_INT_MULTI_EXCESS}`;
  }
  for (let i = 0; i < LOAD_FAST_MULTI_NUM; i++) names[Op.LOAD_FAST_MULTI + i] = `LOAD_FAST ${i}`;
  for (let i = 0; i < STORE_FAST_MULTI_NUM; i++) names[Op.STORE_FAST_MULTI + i] = `STORE_FAST ${i}`;
  UNARY_OP_NAMES.forEach((n, i) => (names[Op.UNARY_OP_MULTI + i] = `UNARY_OP ${i} ${n}`));
  BINARY_OP_NAMES.forEach((n, i) => (names[Op.BINARY_OP_MULTI + i] = `BINARY_OP ${i} ${n}`));

  const table: OpcodeInfo[] = [];
  for (let code = 0; code < 256; code++) {
    const name = names[code] ?? 'unknown';
    const format = opcodeFormat(code);
    let stack: OpcodeInfo['stack'];
    if (code >= Op.LOAD_CONST_SMALL_INT_MULTI && code < Op.LOAD_FAST_MULTI) stack = 1;
    else if (code >= Op.LOAD_FAST_MULTI && code < Op.STORE_FAST_MULTI) stack = 1;
    else if (code >= Op.STORE_FAST_MULTI && code < Op.UNARY_OP_MULTI) stack = -1;
    else if (code >= Op.UNARY_OP_MULTI && code < Op.BINARY_OP_MULTI) stack = 0;
    else if (code >= Op.BINARY_OP_MULTI && code < Op.BINARY_OP_MULTI + BINARY_OP_MULTI_NUM) stack = -1;
    else stack = stackEffect(name);
    table.push({ code, name, format, operand: operandKind(code, format), extraByte: hasExtraByte(code), stack });
  }
  return table;
}

/** Metadata for each of the 256 opcode bytes; unused bytes are named "unknown" as upstream does. */
export const OPCODES: readonly OpcodeInfo[] = buildTable();

export function opcodeName(op: number): string {
  return OPCODES[op]?.name ?? 'unknown';
}
