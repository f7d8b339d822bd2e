// `mpyts run [options] [-c CMD | -m MODULE | FILE] [args...]`: the unix port's `micropython` command
// (ports/unix/main.c): option pre-pass (-h, --version, -X ...), then -i/-c/-m/-v/-O/FILE in order,
// sys.argv and sys.path as unix sets them, a program from stdin when it is not a terminal, the REPL
// (when there is no program, or with -i / MICROPYINSPECT), sys.atexit, `-v` statistics, exit codes.
// .py sources need the compiler injected with setCompiler (the VM itself never imports it).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tty from 'node:tty';
import { createVM, FORCED_EXIT, type CompileFn, type EmitKind, type VM } from '../vm/index.js';
import { createNodeHost, FdReader, writeFd } from './node-host.js';
import { BANNER, friendlyRepl, type Terminal } from './repl.js';
import { showBytecode } from './showbc.js';

let injectedCompile: CompileFn | undefined;
/** The wiring layer injects the compiler here. */
export function setCompiler(compile: CompileFn | undefined): void {
  injectedCompile = compile;
}

const DEFAULT_PATH = '.frozen:~/.micropython/lib:/usr/lib/micropython';
const DEFAULT_HEAP = 2 * 1024 * 1024;

export interface RunOptions {
  /** Interrupt flag (shared with the thread that receives SIGINT). */
  interruptBuffer?: Int32Array;
  /** Name printed in "can't open file" messages (upstream prints argv[0]). */
  argv0?: string;
}

const HELP = `usage: micropython [<opts>] [-X <implopt>] [-c <command> | -m <module> | <filename>]
Options:
--version : show version information
-h : print this help message
-i : enable inspection via REPL after running command/module/file
-v : verbose (trace various operations); can be multiple
-O[N] : apply bytecode optimizations of level N

Implementation specific options (-X):
  compile-only                 -- parse and compile only
  emit={bytecode,native,viper} -- set the default code emitter
  heapsize=<n>[w][K|M] -- set the heap size for the GC (default ${DEFAULT_HEAP})
`;

/** -X heapsize=N[w][K|M], N as strtol(base 0) reads it; undefined when invalid or below 700 bytes. */
function parseHeapSize(v: string): number | undefined {
  const m = /^([+-]?(?:0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*))([wW]?)([kKmM]?)$/.exec(v);
  if (!m) return undefined;
  const t = m[1] as string;
  const neg = t.startsWith('-');
  const body = t.replace(/^[+-]/, '');
  let n = /^0[xX]/.test(body) ? parseInt(body.slice(2), 16) : /^0./.test(body) ? parseInt(body, 8) : Number(body);
  if (neg) n = -n;
  const unit = (m[3] ?? '').toLowerCase();
  if (unit === 'k') n *= 1024;
  else if (unit === 'm') n *= 1024 * 1024;
  if (m[2]) n = (n * 8) / 4; // 'w': words of 64-bit objects, relative to a 32-bit baseline
  return n < 700 ? undefined : n;
}

function invalidArgs(): number {
  writeFd(2, 'Invalid command line arguments. Use -h option for help.\n');
  return 1;
}

/**
 * Terminal over descriptors 0/1. Raw mode through a tty.ReadStream that is never read from: it only
 * issues the termios calls (instantly, unlike spawning stty, so keys typed right after a prompt are
 * never echoed by the line discipline). Libuv reopens the tty non-blocking for it; FdReader waits on EAGAIN.
 */
function nodeTerminal(reader: FdReader): Terminal {
  let ts: tty.ReadStream | undefined;
  let raw = false;
  return {
    readByte: () => reader.readByte(),
    write: (s) => writeFd(1, s),
    setRaw(on) {
      // Raw mode stays on while REPL input runs (switching back and forth would let keys typed during a
      // slow first compile be echoed by the line discipline); what unix's mode switch flushes is dropped.
      if (!tty.isatty(0)) return;
      if (on && !raw) {
        ts ??= new tty.ReadStream(0);
        ts.setRawMode(true);
        raw = true;
      } else if (!on && raw) reader.dropPendingNewline();
    },
    restore() {
      if (raw) ts?.setRawMode(false);
      raw = false;
    },
  };
}

export async function runCommand(argv: string[], runOpts: RunOptions = {}): Promise<number> {
  let heapSize: number | undefined;
  let compileOnly = false;
  let emit: EmitKind = 'bytecode';
  // Pre-pass (pre_process_options): stops at -c/-m or the first non-option.
  for (let a = 0; a < argv.length; a++) {
    const arg = argv[a] as string;
    if (!arg.startsWith('-')) break;
    if (arg === '-c' || arg === '-m') break;
    if (arg === '-h') {
      writeFd(1, HELP);
      return 0;
    }
    if (arg === '--version') {
      writeFd(1, BANNER + '\n');
      return 0;
    }
    if (arg === '-X') {
      const opt = argv[a + 1];
      if (opt === undefined) return invalidArgs();
      if (opt === 'compile-only') compileOnly = true;
      else if (opt === 'emit=bytecode' || opt === 'emit=native' || opt === 'emit=viper') {
        emit = opt.slice(5) as EmitKind;
      } else if (opt.startsWith('heapsize=')) {
        heapSize = parseHeapSize(opt.slice(9));
        if (heapSize === undefined) return invalidArgs();
      } else return invalidArgs();
      a++;
    }
  }

  const reader = new FdReader(0);
  const host = createNodeHost({ stdinReader: reader });
  const sysPath: string[] = [''];
  let envPath = process.env.MICROPYPATH ?? DEFAULT_PATH;
  if (envPath.startsWith(':')) envPath = envPath.slice(1); // "" is already first
  if (envPath !== '') {
    for (const p of envPath.split(':')) {
      const home = process.env.HOME;
      sysPath.push(p.startsWith('~/') && home !== undefined ? home + p.slice(1) : p);
    }
  }
  let verbose = 0;
  let optimize = 0;
  const argvList: string[] = [];
  let vm: VM | undefined;
  const getVM = (): VM => {
    vm ??= createVM({
      host, compile: injectedCompile, argv: argvList, path: sysPath, heapSize: heapSize ?? DEFAULT_HEAP, optimize, emit,
      ...(runOpts.interruptBuffer ? { interruptBuffer: runOpts.interruptBuffer } : {}),
    });
    return vm;
  };
  const onCompiled = (mpy: Uint8Array): void => {
    if (verbose >= 2) showBytecode(mpy, (s) => writeFd(1, s));
  };

  const NOTHING = -2;
  let ret = NOTHING;
  let inspect = false;
  for (let a = 0; a < argv.length; a++) {
    const arg = argv[a] as string;
    if (arg.startsWith('-')) {
      if (arg === '-i') inspect = true;
      else if (arg === '-c') {
        const cmd = argv[a + 1];
        if (cmd === undefined) return invalidArgs();
        argvList.push('-c', ...argv.slice(a + 2)); // -c is sys.argv[0], as in CPython
        ret = getVM().exec(cmd, '<stdin>', { mode: 'exec', compileOnly, onCompiled });
        break;
      } else if (arg === '-m') {
        const mod = argv[a + 1];
        if (mod === undefined) return invalidArgs();
        argvList.push(...argv.slice(a + 1));
        ret = getVM().runModule(mod);
        break;
      } else if (arg === '-X') a++;
      else if (arg === '-v') verbose++;
      else if (arg.startsWith('-O')) {
        const d = arg[2];
        if (d !== undefined && d >= '0' && d <= '9') optimize = d.charCodeAt(0) & 0xf;
        else {
          optimize = 0;
          for (let p = 1; arg[p] === 'O'; p++) optimize++;
        }
      } else return invalidArgs();
    } else {
      let real: string;
      try {
        real = fs.realpathSync(arg);
        fs.accessSync(arg, fs.constants.R_OK);
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        const errno = err.code === 'EACCES' ? 13 : 2;
        const msg = errno === 13 ? 'Permission denied' : 'No such file or directory';
        writeFd(2, `${runOpts.argv0 ?? 'micropython'}: can't open file '${arg}': [Errno ${errno}] ${msg}\n`);
        ret = 2;
        break;
      }
      sysPath[0] = path.dirname(real);
      argvList.push(...argv.slice(a));
      let data: Uint8Array;
      try {
        data = new Uint8Array(fs.readFileSync(arg));
      } catch {
        writeFd(2, `${runOpts.argv0 ?? 'micropython'}: can't open file '${arg}': [Errno 21] Is a directory\n`);
        ret = 2;
        break;
      }
      // pyexec_file: a compiled .mpy runs as is, anything else is source
      const isMpy = data[0] === 0x4d && arg.endsWith('.mpy');
      ret = getVM().exec(isMpy ? data : new TextDecoder().decode(data), arg, { mode: 'exec', compileOnly, onCompiled });
      break;
    }
  }
  const inspectEnv = process.env.MICROPYINSPECT;
  if (inspectEnv !== undefined && inspectEnv !== '') inspect = true;
  if (ret === NOTHING || inspect) {
    if (tty.isatty(0) || inspect) ret = friendlyRepl(getVM(), nodeTerminal(reader));
    else {
      // a program piped in: execute_from_lexer(LEX_SRC_STDIN), tracebacks on stderr
      const src = new TextDecoder().decode(reader.readAll());
      ret = getVM().exec(src, '<stdin>', { mode: 'exec', compileOnly, onCompiled, style: 'lexer' });
    }
  }
  const v = getVM();
  const atexit = v.runAtexit();
  if (atexit !== 0 && !(ret & FORCED_EXIT)) ret = atexit;
  if (verbose > 0) writeFd(1, v.memInfo());
  return ret & 255;
}
