// `mpyts run FILE [args...]`: runs a .mpy (or, with a compiler injected, a .py) like the unix port runs
// a script; `-m NAME` runs a module from sys.path as __main__. Returns the process exit code.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createVM, type CompileFn } from '../vm/index.js';
import { createNodeHost } from './node-host.js';

let injectedCompile: CompileFn | undefined;
/** The wiring layer injects the compiler here (the VM itself never imports it). */
export function setCompiler(compile: CompileFn | undefined): void {
  injectedCompile = compile;
}

export async function runCommand(argv: string[]): Promise<number> {
  const host = createNodeHost();
  if (argv[0] === '-m') {
    const name = argv[1];
    if (!name) {
      process.stderr.write('usage: mpyts run -m MODULE [args...]\n');
      return 2;
    }
    const vm = createVM({ host, compile: injectedCompile, argv: [name, ...argv.slice(2)], path: ['', '.frozen', '~/.micropython/lib', '/usr/lib/micropython'] });
    return vm.runModule(name);
  }
  const file = argv[0];
  if (!file) {
    process.stderr.write('usage: mpyts run FILE [args...]\n');
    return 2;
  }
  let data: Uint8Array;
  try {
    data = new Uint8Array(fs.readFileSync(file));
  } catch {
    process.stderr.write(`mpyts: can't open file '${file}': [Errno 2] ENOENT\n`);
    return 2;
  }
  // Like the unix port, sys.path[0] is the script's directory.
  const dir = path.dirname(file);
  const vm = createVM({
    host, compile: injectedCompile, argv: argv.slice(),
    path: [dir === '.' ? '' : dir, '.frozen', '~/.micropython/lib', '/usr/lib/micropython'],
  });
  if (file.endsWith('.py')) {
    if (!injectedCompile) {
      process.stderr.write('mpyts: compiler not available: cannot run .py files yet (use a .mpy)\n');
      return 1;
    }
    return vm.runSource(new TextDecoder().decode(data), file);
  }
  return vm.runMpy(data, file);
}
