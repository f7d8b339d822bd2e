// compile(): Python source → .mpy bytes, identical to what MicroPython v1.28.0's mpy-cross writes.
import { writeMpy } from '../mpy/writer.js';
import { NATIVE_ARCH_NAMES } from '../mpy/types.js';
import { compileTree } from './compile.js';
import { CompileError } from './errors.js';
import { parse } from './parser.js';
import { EmitOpt } from './scope.js';

export { CompileError } from './errors.js';

export interface CompileOptions {
  /** source-file name stored in the .mpy (mpy-cross stores the path as given); default "<stdin>" */
  fileName?: string;
  /** -O level, 0..3: 1+ drops asserts and makes __debug__ False, 3 drops line numbers */
  optimize?: number;
  /** -msmall-int-bits (default 31) */
  smallIntBits?: number;
  /** -X emit=...; only 'bytecode' is supported so far */
  emit?: 'bytecode' | 'native' | 'viper';
  /** -march=... (needed by @micropython.native/viper/asm_* decorators) */
  arch?: string;
}

/** Number of an architecture name as -march spells it (x64, armv7m, ...), or 0 when none is given. */
function archNumber(arch: string | undefined): number {
  if (arch === undefined) return 0;
  const i = NATIVE_ARCH_NAMES.indexOf(arch.toUpperCase() as (typeof NATIVE_ARCH_NAMES)[number]);
  if (i <= 0) throw new CompileError('ValueError', `unknown architecture '${arch}'`, undefined, undefined);
  return i;
}

/** Compiles Python source to a .mpy; throws CompileError with mpy-cross's message for bad source. */
export function compile(source: string | Uint8Array, options: CompileOptions = {}): Uint8Array {
  const fileName = options.fileName ?? '<stdin>';
  const optimize = options.optimize ?? 0;
  const smallIntBits = options.smallIntBits ?? 31;
  const nativeArch = archNumber(options.arch);
  if (options.emit === 'native' || options.emit === 'viper') {
    throw new CompileError('NotImplementedError', `emit=${options.emit} is not supported yet`, undefined, undefined);
  }
  try {
    const { root } = parse(source, fileName, 'file', { optimize, smallIntBits });
    const file = compileTree(root, { fileName, optimize, smallIntBits, emitOpt: EmitOpt.None, nativeArch });
    return writeMpy(file);
  } catch (e) {
    // The tree walk recurses per nesting level, as upstream's compile.c does; where the JS stack runs
    // out first, report what mpy-cross's stack check reports instead of a host RangeError.
    if (e instanceof RangeError) throw new CompileError('RuntimeError', 'maximum recursion depth exceeded', undefined, undefined);
    throw e;
  }
}
