// Runtime view of one raw code (function body) of a loaded .mpy: everything the interpreter needs,
// decoded once at load time. `bc` is the funData view on the original buffer: bytecode executes in place.
import type { PyDict } from '../objects/dict.js';
import type { PyObj } from '../objects/object.js';

export const SCOPE_GENERATOR = 0x01;
export const SCOPE_VARKEYWORDS = 0x02;
export const SCOPE_VARARGS = 0x04;
export const SCOPE_DEFKWARGS = 0x08;

/** Per-module constants shared by all its functions. */
export interface ModuleContext {
  readonly qstrs: readonly string[];
  readonly consts: readonly PyObj[];
  /** Source file name (qstr 0), used in tracebacks. */
  readonly file: string;
}

export interface Code {
  readonly bc: Uint8Array;
  readonly ctx: ModuleContext;
  readonly children: readonly Code[];
  readonly name: string;
  readonly nState: number;
  readonly nExcStack: number;
  readonly scopeFlags: number;
  /** Includes closed-over variables, which are passed as leading positional arguments. */
  readonly nPosArgs: number;
  readonly nKwonlyArgs: number;
  readonly nDefPosArgs: number;
  readonly argNames: readonly string[];
  /** Offset of the first opcode in bc. */
  readonly codeStart: number;
  readonly lineInfoStart: number;
  readonly lineInfoEnd: number;
  /** Local numbers that become cells on entry. */
  readonly cellLocals: readonly number[];
  /** Per-opcode-offset inline caches (allocated lazily by the interpreter). */
  cache: unknown[] | undefined;
  /** @micropython.native code the VM's compiler emitted as bytecode (no traceback entries, no tracing). */
  readonly native?: boolean;
  /** Viper code compiled to JavaScript (src/vm/jstier.ts): makes the function object, never a frame. */
  readonly jsTier?: (globals: PyDict, closed: PyObj[] | undefined) => PyObj;
}
