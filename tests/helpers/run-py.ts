// Runs a Python source file through mpyts in-process (compile() → createVM with a collecting Node host
// rooted at the file's folder) and returns stdout+stderr interleaved as `2>&1` would, plus the exit
// code. Used by the module golden tests; run directly (`node run-py.js FILE.py`) it prints the output.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileModule } from '../../src/compile/index.js';
import { writeMpy } from '../../src/mpy/writer.js';
import { createNodeHost } from '../../src/cli/node-host.js';
import { createVM } from '../../src/vm/index.js';


export interface PyRun {
  output: string;
  code: number;
}

export function runPyFile(file: string, stdin = ''): PyRun {
  const dir = path.dirname(path.resolve(file));
  const base = path.basename(file);
  let output = '';
  const collect = (s: string): void => {
    output += s;
  };
  const host = createNodeHost({ stdout: collect, stderr: collect, cwd: dir, stdin });
  const vm = createVM({
    host,
    // as `mpyts run` wires it: eval/single modes reach the compiler (exec is file input)
    compile: (source, fileName, mode, optimize) =>
      writeMpy(compileModule(source, { fileName, mode: mode === undefined || mode === 'exec' ? 'file' : mode, optimize: optimize ?? 0 })),
    argv: [base],
    path: ['', '.frozen', '~/.micropython/lib', '/usr/lib/micropython'],
  });
  const source = fs.readFileSync(file, 'utf8');
  const code = vm.runSource(source, base);
  return { output, code };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const r = runPyFile(process.argv[2] ?? '');
  process.stdout.write(r.output);
  process.exitCode = r.code;
}
