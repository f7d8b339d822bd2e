// compile(): Python source → .mpy bytes, identical to what MicroPython v1.28.0's mpy-cross writes.
import { writeMpy } from '../mpy/writer.js';
import { NATIVE_ARCH_NAMES, type MpyFile } from '../mpy/types.js';
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
  /** -X emit=...; native and viper need an architecture with a native back-end (x86 .. rv32imc) */
  emit?: 'bytecode' | 'native' | 'viper';
  /** -march=... (needed by @micropython.native/viper/asm_* decorators) */
  arch?: string;
  /** -march-flags=... as a number: rv32imc only, bit 0 Zba, bit 1 Zcmp (recorded in the header) */
  archFlags?: number;
}

/** Number of an architecture name as -march spells it (x64, armv7m, ...), or 0 when none is given. */
function archNumber(arch: string | undefined): number {
  if (arch === undefined) return 0;
  const i = NATIVE_ARCH_NAMES.indexOf(arch.toUpperCase() as (typeof NATIVE_ARCH_NAMES)[number]);
  if (i <= 0) throw new CompileError('ValueError', `unknown architecture '${arch}'`, undefined, undefined);
  return i;
}

/** Options of the runtime compiler (exec/eval/REPL in the VM) on top of mpy-cross's. */
export interface ModuleCompileOptions extends CompileOptions {
  /** what the source is: a file (default), one REPL input, or an eval() expression */
  mode?: 'file' | 'single' | 'eval';
  /** print module-level expression statements (default: mode === 'single', as upstream) */
  isRepl?: boolean;
  /** the unix port's OrderedDict({...}) shortcut (MICROPY_COMP_CONST_LITERAL + ORDEREDDICT) */
  orderedDictLiteral?: boolean;
  /** extra line entries of MICROPY_PY_SYS_SETTRACE builds */
  settrace?: boolean;
  /**
   * Compile for the mpyts VM rather than a .mpy file: @micropython.native scopes (and `emit: 'native'`)
   * become bytecode, @micropython.viper scopes the VM's JS tier (see src/compile/js/).
   */
  forVm?: boolean;
}

/** Compiles Python source to the in-memory form of a .mpy (for the VM and tools). */
export function compileModule(source: string | Uint8Array, options: ModuleCompileOptions = {}): MpyFile {
  const fileName = options.fileName ?? '<stdin>';
  const optimize = options.optimize ?? 0;
  const smallIntBits = options.smallIntBits ?? 31;
  const nativeArch = archNumber(options.arch);
  const archFlags = options.archFlags ?? 0;
  // as mpy-cross: flags only for rv32imc, and only the extensions it knows
  if (archFlags !== 0 && (options.arch !== 'rv32imc' || (archFlags & ~3) !== 0)) {
    throw new CompileError('ValueError', 'unrecognised arch flags', undefined, undefined);
  }
  const mode = options.mode ?? 'file';
  try {
    const { root } = parse(source, fileName, mode, { optimize, smallIntBits });
    return compileTree(root, {
      fileName,
      optimize,
      smallIntBits,
      emitOpt: options.emit === 'native' ? EmitOpt.NativePython : options.emit === 'viper' ? EmitOpt.Viper : EmitOpt.None,
      nativeArch,
      archFlags,
      isRepl: options.isRepl ?? mode === 'single',
      orderedDictLiteral: options.orderedDictLiteral ?? false,
      settrace: options.settrace ?? false,
      forVm: options.forVm ?? false,
    });
  } catch (e) {
    // The tree walk recurses per nesting level, as upstream's compile.c does; where the JS stack runs
    // out first, report what mpy-cross's stack check reports instead of a host RangeError.
    if (e instanceof RangeError) throw new CompileError('RuntimeError', 'maximum recursion depth exceeded', undefined, undefined);
    throw e;
  }
}

/** Compiles Python source to a .mpy; throws CompileError with mpy-cross's message for bad source. */
export function compile(source: string | Uint8Array, options: CompileOptions = {}): Uint8Array {
  return writeMpy(compileModule(source, options));
}
