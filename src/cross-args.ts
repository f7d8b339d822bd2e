// mpy-cross's argument handling, browser-safe (so it lives outside src/cli): shared by `mpyts cross` and the
// `mpyts/mpy-cross` drop-in for @pybricks/mpy-cross-v6. Messages and exit codes are mpy-cross's.

export interface CrossCompileOptions {
  fileName: string;
  optimize: number;
  smallIntBits: number;
  emit: 'bytecode' | 'native' | 'viper';
  arch?: string;
  /** -march-flags as a number (rv32imc: bit 0 Zba, bit 1 Zcmp) */
  archFlags?: number;
}

/** The compiler, injected so only the wiring layers (CLI, mpy-cross drop-in) import src/compile. */
export type CrossCompile = (source: Uint8Array, options: CrossCompileOptions) => Uint8Array;

export interface CrossArgs {
  readonly optimize: number;
  readonly smallIntBits: number;
  readonly emit: CrossCompileOptions['emit'];
  readonly arch: string | undefined;
  readonly archFlags: number | undefined;
  readonly output: string | undefined;
  readonly sourceName: string | undefined;
  readonly outdir: string | undefined;
  readonly inputs: readonly string[];
}

/** Either parsed arguments, or what mpy-cross would print and its exit status. */
export type CrossParse = { readonly args: CrossArgs } | { readonly exit: number; readonly stdout?: string; readonly stderr?: string };

const ARCHES = ['x86', 'x64', 'armv6', 'armv6m', 'armv7m', 'armv7em', 'armv7emsp', 'armv7emdp', 'xtensa', 'xtensawin', 'rv32imc', 'rv64imc', 'debug', 'host'];

export const CROSS_VERSION = 'MicroPython v1.28.0 (mpyts 0.1.0, TypeScript); mpy-cross emitting mpy v6.3';

export const CROSS_USAGE = `usage: mpyts cross [<opts>] [-X <implopt>] [--] <input filename>...
Options:
--version : show version information
-o : output file for compiled bytecode (defaults to input filename with .mpy extension, or stdout if input is stdin)
-s : source filename to embed in the compiled bytecode (defaults to input file)
-v : verbose (trace various operations); can be multiple
-O[N] : apply bytecode optimizations of level N
--outdir DIR : write each output under DIR, keeping the input's relative path (mpyts extension)

Target specific options:
-msmall-int-bits=number : set the maximum bits used to encode a small-int
-march=<arch> : set architecture for native emitter;
                x86, x64, armv6, armv6m, armv7m, armv7em, armv7emsp,
                armv7emdp, xtensa, xtensawin, rv32imc, rv64imc, host, debug
-march-flags=<flags> : set architecture-specific flags (can be either a dec/hex/bin value or a comma-separated flags string)
                       supported flags for rv32imc: zba, zcmp

Implementation specific options:
  emit={bytecode,native,viper} -- set the default code emitter
  heapsize=<n> -- set the heap size for the GC (default 1048576)
`;

/** strtol(s, &end, 0) accepting the whole string: decimal, 0x hex, leading-0 octal. */
function strtol0(s: string): number | undefined {
  const neg = s.startsWith('-') ? -1 : 1;
  const t = s.replace(/^[-+]/, '');
  if (/^0[xX][0-9a-fA-F]+$/.test(t)) return neg * Number.parseInt(t.slice(2), 16);
  if (/^0[0-7]*$/.test(t)) return neg * Number.parseInt(t, 8);
  if (/^[1-9]\d*$/.test(t)) return neg * Number.parseInt(t, 10);
  return undefined;
}

/**
 * rv32imc -march-flags: a number (decimal, 0b..., 0x...) or a comma-separated list of zba/zcmp;
 * undefined when mpy-cross rejects it.
 */
function parseRv32Flags(text: string): number | undefined {
  let n: number | undefined;
  const t = text.trim();
  if (/^[+-]?\d+$/.test(t) && !(text.length > 2 && text[0] === '0')) n = Number.parseInt(t, 10);
  else if (/^0[bB][01]+$/.test(text)) n = Number.parseInt(text.slice(2), 2);
  else if (/^0[xX][0-9a-fA-F]+$/.test(text)) n = Number.parseInt(text.slice(2), 16);
  if (n === undefined) {
    // the flag names; an empty list is not valid
    n = 0;
    const names = text.split(',');
    // (one trailing comma ends the list, as mpy-cross's scan does)
    if (names.length > 1 && names[names.length - 1] === '') names.pop();
    for (const name of names) {
      if (name === 'zba') n |= 1;
      else if (name === 'zcmp') n |= 2;
      else return undefined;
    }
    if (n === 0) return undefined;
  }
  return (n & ~3) === 0 ? n : undefined;
}

export function parseCrossArgs(argv: readonly string[]): CrossParse {
  let optimize = 0;
  let smallIntBits = 31;
  let emit: CrossCompileOptions['emit'] = 'bytecode';
  let arch: string | undefined;
  let output: string | undefined;
  let sourceName: string | undefined;
  let outdir: string | undefined;
  let archFlagsText: string | undefined;
  const inputs: string[] = [];
  let options = true;
  const usage = { exit: 1, stdout: CROSS_USAGE };
  for (let a = 0; a < argv.length; a++) {
    const arg = argv[a] as string;
    if (!options || arg[0] !== '-' || arg === '-') {
      inputs.push(arg.replace(/\\/g, '/'));
      continue;
    }
    if (arg === '-X') {
      const opt = argv[++a] ?? '';
      const e = opt.startsWith('emit=') ? opt.slice(5) : undefined;
      if (e === 'bytecode' || e === 'native' || e === 'viper') emit = e;
      // heapsize= and unknown implementation options are accepted and ignored, as mpy-cross does.
    } else if (arg === '--version') {
      return { exit: 0, stdout: CROSS_VERSION + '\n' };
    } else if (arg === '-v') {
      // Verbose tracing is accepted; mpyts has no trace output.
    } else if (arg.startsWith('-O')) {
      const d = arg[2];
      if (d !== undefined && d >= '0' && d <= '9') optimize = Number(d) & 0xf;
      else {
        optimize = 0;
        for (let i = 1; arg[i] === 'O'; i++) optimize++;
      }
    } else if (arg === '-o' || arg === '-s' || arg === '--outdir') {
      const v = argv[++a];
      if (v === undefined) return usage;
      if (arg === '-o') output = v;
      else if (arg === '-s') sourceName = v.replace(/\\/g, '/');
      else outdir = v;
    } else if (arg.startsWith('-msmall-int-bits=')) {
      const n = strtol0(arg.slice('-msmall-int-bits='.length));
      if (n === undefined) return usage;
      smallIntBits = n;
    } else if (arg.startsWith('-march=')) {
      const v = arg.slice('-march='.length);
      if (!ARCHES.includes(v)) return usage;
      arch = v === 'host' ? 'x64' : v;
    } else if (arg.startsWith('-march-flags=')) {
      archFlagsText = arg.slice('-march-flags='.length);
    } else if (arg === '--') {
      options = false;
    } else return usage;
  }
  let archFlags: number | undefined;
  if (archFlagsText !== undefined && arch !== undefined) {
    archFlags = arch === 'rv32imc' ? parseRv32Flags(archFlagsText) : undefined;
    if (archFlags === undefined) return { exit: 1, stderr: 'unrecognised arch flags\n' };
  }
  if (emit !== 'bytecode' && arch === undefined) return { exit: 1, stderr: 'arch not specified\n' };
  if (inputs.length === 0) return { exit: 1, stderr: 'no input file\n' };
  if (inputs.length > 1 && (output !== undefined || sourceName !== undefined)) return { exit: 1, stderr: 'multiple input files\n' };
  return { args: { optimize, smallIntBits, emit, arch, archFlags, output, sourceName, outdir, inputs } };
}

/** The compile options for one input file. */
export function crossOptions(args: CrossArgs, file: string): CrossCompileOptions {
  return {
    fileName: args.sourceName ?? (file === '-' ? '<stdin>' : file),
    optimize: args.optimize,
    smallIntBits: args.smallIntBits,
    emit: args.emit,
    ...(args.arch !== undefined ? { arch: args.arch } : {}),
    ...(args.archFlags !== undefined ? { archFlags: args.archFlags } : {}),
  };
}

/** An error that knows the exact text mpy-cross prints for it (CompileError does). */
export function formatCompileFailure(e: unknown): string | undefined {
  if (typeof e === 'object' && e !== null && typeof (e as { format?: unknown }).format === 'function') {
    return (e as { format(): string }).format();
  }
  return undefined;
}
