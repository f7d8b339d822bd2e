// `mpyts run [options] FILE|-m MODULE|-c CMD [args...]`: runs programs like the unix port's
// `micropython` command (ports/unix/main.c): sys.argv, sys.path (script dir, then MICROPYPATH or the
// default path), -X heapsize=, -X emit=bytecode, -O, exit codes. .mpy files run in place; .py files
// need the compiler injected with setCompiler (the VM itself never imports it).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createVM, type CompileFn } from '../vm/index.js';
import { createNodeHost } from './node-host.js';

let injectedCompile: CompileFn | undefined;
/** The wiring layer injects the compiler here. */
export function setCompiler(compile: CompileFn | undefined): void {
  injectedCompile = compile;
}

const DEFAULT_PATH = '.frozen:~/.micropython/lib:/usr/lib/micropython';

/** -X heapsize=N[kKmM] */
function parseHeapSize(v: string): number | undefined {
  const m = /^(\d+)([kKmM]?)$/.exec(v);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = (m[2] ?? '').toLowerCase();
  return unit === 'k' ? n * 1024 : unit === 'm' ? n * 1024 * 1024 : n;
}

function invalidArgs(): number {
  process.stderr.write('Invalid command line arguments. Use -h option for help.\n');
  return 1;
}

export async function runCommand(argv: string[]): Promise<number> {
  let heapSize: number | undefined;
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '-X') {
      const opt = argv[++i];
      if (opt === undefined) return invalidArgs();
      if (opt.startsWith('heapsize=')) {
        heapSize = parseHeapSize(opt.slice(9));
        if (heapSize === undefined) return invalidArgs();
      } else if (opt === 'emit=native' || opt === 'emit=viper') {
        // no native emitter in this VM: reject like a unix build without one
        return invalidArgs();
      } else if (opt !== 'emit=bytecode' && opt !== 'realtime') return invalidArgs();
    } else if (/^-O\d*$/.test(a) || a === '-v') {
      // optimisation level / verbosity: accepted (bytecode comes precompiled or from the compiler)
    } else break;
  }
  const rest = argv.slice(i);
  const host = createNodeHost();
  const micropyPath = (process.env.MICROPYPATH ?? DEFAULT_PATH).split(':');
  const mkVM = (scriptArgv: string[], first: string) =>
    createVM({ host, compile: injectedCompile, argv: scriptArgv, path: [first, ...micropyPath], ...(heapSize ? { heapSize } : {}) });

  if (rest[0] === '-m') {
    const name = rest[1];
    if (!name) return invalidArgs();
    return mkVM([name, ...rest.slice(2)], '').runModule(name);
  }
  if (rest[0] === '-c') {
    const cmd = rest[1];
    if (cmd === undefined) return invalidArgs();
    if (!injectedCompile) {
      process.stderr.write('mpyts: compiler not available: cannot run -c commands\n');
      return 1;
    }
    return mkVM(['-c', ...rest.slice(2)], '').runSource(cmd, '<stdin>');
  }
  const file = rest[0];
  if (!file) {
    process.stderr.write('usage: mpyts run [-X heapsize=N] FILE|-m MODULE|-c CMD [args...]\n');
    return 2;
  }
  let data: Uint8Array;
  try {
    data = new Uint8Array(fs.readFileSync(file));
  } catch {
    process.stderr.write(`mpyts: can't open file '${file}': [Errno 2] ENOENT\n`);
    return 2;
  }
  // Like the unix port, sys.path[0] is the script's (real) directory.
  let dir = path.dirname(file);
  try {
    dir = fs.realpathSync(dir);
  } catch {
    /* keep as given */
  }
  const vm = mkVM(rest.slice(), dir);
  if (file.endsWith('.mpy')) return vm.runMpy(data, file);
  if (!injectedCompile) {
    process.stderr.write('mpyts: compiler not available: cannot run .py files yet (use a .mpy)\n');
    return 1;
  }
  return vm.runSource(new TextDecoder().decode(data), file);
}
