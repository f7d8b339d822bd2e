// `mpyts run` as the unix port's `micropython` command line (options, exit codes, stdin programs, the REPL
// on a pipe with -i) and the two ways a host interrupts a running program: SIGINT to the process and an
// AbortSignal passed to createVM. No upstream checkout needed.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeMpy } from '../../src/mpy/writer.js';
import { createVM, type VmHost } from '../../src/vm/index.js';
import { REPO_ROOT } from '../helpers/paths.js';

const BIN = join(REPO_ROOT, 'bin', 'micropython-mpyts');
const dir = mkdtempSync(join(tmpdir(), 'mpyts-run-'));
const run = (args: string[], input = '', env: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, input, env: { ...process.env, ...env } });
  return { code: r.status, out: r.stdout.toString(), err: r.stderr.toString() };
};

test('FILE, -c and -m set sys.argv, __file__ and sys.path[0] as unix does', () => {
  writeFileSync(join(dir, 'prog.py'), 'import sys\nprint(sys.argv, __file__, __name__, sys.path[0] != "")\n');
  assert.deepEqual(run(['prog.py', 'a', 'b']), { code: 0, out: "['prog.py', 'a', 'b'] prog.py __main__ True\n", err: '' });
  assert.equal(run(['-c', 'import sys; print(sys.argv)', 'x']).out, "['-c', 'x']\n");
  assert.equal(run(['-m', 'prog', 'z']).out, "['prog', 'z'] prog.py __main__ False\n");
});

test('exit statuses: exceptions 1, SystemExit values, KeyboardInterrupt 130, missing file 2, bad options 1', () => {
  const e = run(['-c', '1/0']);
  assert.equal(e.code, 1);
  // pyexec prints the traceback on stdout
  assert.equal(e.out, 'Traceback (most recent call last):\n  File "<stdin>", line 1, in <module>\nZeroDivisionError: divide by zero\n');
  assert.equal(run(['-c', 'raise SystemExit(300)']).code, 300 & 255);
  assert.equal(run(['-c', 'import sys; sys.exit()']).code, 0);
  const s = run(['-c', 'import sys; sys.exit("bye")']);
  assert.deepEqual([s.code, s.err], [1, 'bye\n']);
  assert.equal(run(['-c', 'raise KeyboardInterrupt']).code, 130);
  const m = run(['missing.py']);
  assert.equal(m.code, 2);
  assert.match(m.err, /can't open file 'missing.py': \[Errno 2\] No such file or directory/);
  for (const bad of [['-Z'], ['-X', 'emit=bogus', '-c', '1'], ['-X', 'heapsize=10'], ['-X']]) {
    assert.deepEqual(run(bad), { code: 1, out: '', err: 'Invalid command line arguments. Use -h option for help.\n' }, bad.join(' '));
  }
  assert.equal(run(['-X', 'heapsize=1M', '-X', 'emit=bytecode', '-c', 'print(1)']).out, '1\n');
});

test('-O levels, -X compile-only, a program on stdin, sys.atexit', () => {
  assert.equal(run(['-O', '-c', 'print(__debug__)\nassert 0\nimport micropython; print(micropython.opt_level())']).out, 'False\n1\n');
  assert.equal(run(['-OO', '-c', 'import micropython; print(micropython.opt_level())']).out, '2\n');
  assert.equal(run(['-O3', '-c', 'import micropython; print(micropython.opt_level())']).out, '3\n');
  assert.deepEqual(run(['-X', 'compile-only', '-c', 'print(1)']), { code: 0, out: '', err: '' });
  assert.equal(run(['-X', 'compile-only', '-c', 'def f(:']).code, 1);
  const p = run([], 'import sys\nprint(sys.argv, __file__)\n1/0\n');
  assert.equal(p.code, 1);
  assert.equal(p.out, "[] <stdin>\n");
  assert.match(p.err, /ZeroDivisionError/); // a program from stdin reports on stderr
  assert.equal(run(['-c', 'import sys\nsys.atexit(lambda: print("done"))\nprint("start")']).out, 'start\ndone\n');
});

test('-i runs the REPL after the program, on a pipe too, and exits at the end of input', () => {
  const r = run(['-i', '-c', 'x = 41'], 'x + 1\nfor i in range(2):\nprint(i)\n\n\n\n\x05def f():\n  return 7\n\x04f()\n');
  assert.equal(r.code, 0);
  const out = r.out.replace(/\r\n/g, '\n');
  assert.match(out, /^MicroPython .+ version\nType "help\(\)" for more information.\n>>> x \+ 1\n42\n/);
  assert.match(out, /\.\.\.     print\(i\)\n/); // auto-indent after ':'
  assert.match(out, /0\n1\n/);
  assert.match(out, /paste mode; Ctrl-C to cancel, Ctrl-D to finish\n=== def f\(\):/);
  assert.match(out, />>> f\(\)\n7\n>>> $/);
  // MICROPYINSPECT set by the program also starts the REPL
  const i = run(['-c', 'import os; os.putenv("MICROPYINSPECT", "1")'], '6*7\n');
  assert.match(i.out.replace(/\r\n/g, '\n'), />>> 6\*7\n42\n/);
});

test('SIGINT interrupts a running program with KeyboardInterrupt', async () => {
  const child = spawn(process.execPath, [BIN, '-c', 'import sys\nprint("ready")\ntry:\n  while True: pass\nexcept KeyboardInterrupt:\n  print("caught")\nwhile 1: pass\n'], { cwd: dir });
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (out === 'ready\n') child.kill('SIGINT');
    else if (out === 'ready\ncaught\n') setTimeout(() => child.kill('SIGINT'), 50);
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  assert.equal(code, 130);
  assert.match(out, /^ready\ncaught\nTraceback \(most recent call last\):\n {2}File "<stdin>", line 7, in <module>\nKeyboardInterrupt: \n$/);
});

// The compiler is loaded dynamically so this file reports a skip (not a load error) while it is broken.
type CompileModule = typeof import('../../src/compile/index.js').compileModule;
let compileModule: CompileModule | undefined;
try {
  compileModule = (await import('../../src/compile/index.js')).compileModule;
} catch {
  compileModule = undefined;
}

test('an AbortSignal passed to createVM interrupts the program', { skip: compileModule === undefined && 'compiler not loadable' }, () => {
  const cm = compileModule as CompileModule;
  const controller = new AbortController();
  let out = '';
  let lines = 0;
  const host: VmHost = {
    // the host aborts from inside the run (e.g. a UI callback); the VM notices at the next loop branch
    stdout: (s) => {
      out += s;
      if (++lines === 3) controller.abort();
    },
    stderr: (s) => (out += s),
    readFile: () => undefined,
    stat: () => undefined,
  };
  const compile = (src: string, fileName: string, mode?: 'exec' | 'eval' | 'single'): Uint8Array =>
    writeMpy(cm(src, { fileName, mode: mode === 'exec' || mode === undefined ? 'file' : mode }));
  const vm = createVM({ host, compile, signal: controller.signal });
  const code = vm.runSource('i = 0\nwhile True:\n    print(i)\n    i += 1\n', 'loop.py');
  assert.equal(code, 1);
  assert.equal(out, '0\n1\n2\nTraceback (most recent call last):\n  File "loop.py", line 4, in <module>\nKeyboardInterrupt: \n');
  // an already-aborted signal stops the next run at its first loop branch
  const vm2 = createVM({ host: { ...host, stdout: (s) => (out += s) }, compile, signal: controller.signal });
  out = '';
  assert.equal(vm2.runSource('for i in range(5):\n    pass\nprint("never")\n', 'b.py'), 1);
  assert.match(out, /KeyboardInterrupt/);
});

test('asyncio is found where sys.path has ".frozen" (frozen Python upstream): MICROPYPATH packages after it do not shadow it, a script-dir file before it does', () => {
  const lib = mkdtempSync(join(tmpdir(), 'mpyts-lib-'));
  mkdirSync(join(lib, 'asyncio'));
  writeFileSync(join(lib, 'asyncio', '__init__.py'), 'SHADOW = 1\n');
  const env = { MICROPYPATH: `.frozen:${lib}` };
  assert.equal(run(['-c', 'import asyncio; print(hasattr(asyncio, "SHADOW"), hasattr(asyncio, "Event"))'], '', env).out, 'False True\n');
  const app = mkdtempSync(join(tmpdir(), 'mpyts-app-'));
  writeFileSync(join(app, 'asyncio.py'), 'SHADOW = 2\n');
  writeFileSync(join(app, 'main.py'), 'import asyncio\nprint(asyncio.SHADOW)\n');
  assert.equal(run([join(app, 'main.py')]).out, '2\n');
});
