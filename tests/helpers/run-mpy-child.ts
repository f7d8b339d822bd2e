// Child-process entry used by the corpus test: runs one module as `micropython -m NAME` would (cwd is
// the folder holding its .mpy), writing stderr into stdout so the order matches `2>&1`, and exits with
// the VM's exit code. Kept out of the test process so a hang or crash cannot take the suite down.
// The repository's compiler is injected (as the CLI wiring does) so exec/eval/compile work.
import { createNodeHost } from '../../src/cli/node-host.js';
import { createVM, type CompileFn } from '../../src/vm/index.js';

async function loadCompiler(): Promise<CompileFn | undefined> {
  try {
    const c = await import('../../src/compile/index.js');
    const w = await import('../../src/mpy/writer.js');
    return (source, fileName, mode) =>
      w.writeMpy(c.compileModule(source, { fileName, mode: mode === 'exec' || mode === undefined ? 'file' : mode }));
  } catch {
    return undefined;
  }
}

const name = process.argv[2] ?? '';
const host = createNodeHost({ stderr: (s) => process.stdout.write(s), stdin: '' });
const vm = createVM({ host, argv: [name], compile: process.env.MPYTS_NO_COMPILER ? undefined : await loadCompiler() });
process.exitCode = vm.runModule(name);
