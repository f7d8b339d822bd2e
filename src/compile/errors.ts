// The error the compiler front-end and back-end raise for bad source, shaped like the MicroPython
// exception that mpy-cross prints. mpy-cross prints an uncaught compile error with
// mp_obj_print_exception: a traceback header and one entry `  File "<name>", line <n>` (followed by
// `, in <block>` when the raiser knew the scope: compile.c does, the lexer/parser do not), then
// `<Type>: <message>`. Errors raised without traceback info (e.g. the lexer's NotImplementedError for
// \N{...} escapes) print only the last line. format() reproduces that text byte for byte (mpy-cross
// exits with status 1 after printing it).
//
// API stable for compile.ts: only additions, never renames.

import { MpytsError } from '../core/errors.js';

/** Exception types the compiler can raise (upstream's mp_type_xxx names). */
export type CompileExcType =
  | 'SyntaxError'
  | 'IndentationError'
  | 'NotImplementedError'
  | 'MemoryError'
  | 'OverflowError'
  | 'RuntimeError'
  | 'ValueError'
  | 'ViperTypeError';

export class CompileError extends MpytsError {
  override name = 'CompileError';
  readonly excType: CompileExcType;
  /** source name as given to the compiler; undefined when the exception has no traceback */
  readonly fileName: string | undefined;
  /** 1-based source line of the traceback entry; undefined when there is no traceback */
  readonly line: number | undefined;
  /** scope name for the `, in <block>` suffix (compile-stage errors); undefined for lexer/parser errors */
  readonly block: string | undefined;

  constructor(
    excType: CompileExcType,
    message: string,
    fileName: string | undefined,
    line: number | undefined,
    block?: string,
  ) {
    // `message` is the exception's own message, e.g. "invalid syntax" (upstream's MP_ERROR_TEXT wording)
    super(message);
    this.excType = excType;
    this.fileName = fileName;
    this.line = line;
    this.block = block;
  }

  /** The text mpy-cross writes to stderr for this error, including the final newline. */
  format(): string {
    let s = '';
    if (this.fileName !== undefined && this.line !== undefined) {
      s += 'Traceback (most recent call last):\n';
      s += `  File "${this.fileName}", line ${this.line}`;
      if (this.block !== undefined) s += `, in ${this.block}`;
      s += '\n';
    }
    s += this.message === '' ? `${this.excType}\n` : `${this.excType}: ${this.message}\n`;
    return s;
  }
}

/** Convenience type guard. */
export function isCompileError(e: unknown): e is CompileError {
  return e instanceof CompileError;
}
