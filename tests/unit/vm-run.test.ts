// End-to-end VM behaviour through the public API (createVM/runMpy): exit codes, SystemExit,
// traceback format, the recursion limit, and rejection of incompatible .mpy files. Programs are
// compiled with the repository's compiler, which the VM itself never imports.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { writeMpy } from '../../src/mpy/writer.js';
import { createVM, type VmHost } from '../../src/vm/index.js';

// The compiler is loaded dynamically so this file reports a skip (not a load error) while it is broken.
type CompileModule = typeof import('../../src/compile/index.js').compileModule;
let compileModule: CompileModule | undefined;
try {
  compileModule = (await import('../../src/compile/index.js')).compileModule;
} catch {
  compileModule = undefined;
}
const needCompiler = compileModule === undefined && 'compiler not loadable';

function run(source: string): { out: string; code: number } {
  let out = '';
  const host: VmHost = {
    stdout: (s) => (out += s),
    stderr: (s) => (out += s),
    readFile: () => undefined,
    stat: () => undefined,
  };
  const cm = compileModule as CompileModule;
  const compile = (src: string, fileName: string, mode?: 'exec' | 'eval' | 'single'): Uint8Array =>
    writeMpy(cm(src, { fileName, mode: mode === 'exec' || mode === undefined ? 'file' : mode }));
  const vm = createVM({ host, compile });
  const code = vm.runMpy(compile(source, 't.py'), 't.py');
  return { out, code };
}

test('uncaught exceptions print the unix port traceback and exit 1', { skip: needCompiler }, () => {
  const r = run('def f():\n    return 1 // 0\nprint("x")\nf()\n');
  assert.equal(r.code, 1);
  assert.equal(r.out, 'x\nTraceback (most recent call last):\n  File "t.py", line 4, in <module>\n  File "t.py", line 2, in f\nZeroDivisionError: divide by zero\n');
});

test('SystemExit sets the exit code', { skip: needCompiler }, () => {
  assert.equal(run('import sys\nsys.exit(3)\n').code, 3);
  assert.equal(run('raise SystemExit\n').code, 0);
  assert.equal(run('raise SystemExit("msg")\n').code, 1);
});

test('recursion depth matches the unix port and is catchable', { skip: needCompiler }, () => {
  const r = run('n = 0\ndef f():\n    global n\n    n += 1\n    f()\ntry:\n    f()\nexcept RuntimeError as e:\n    print(n, e)\n');
  assert.equal(r.out, '207 maximum recursion depth exceeded\n');
});

test('generators, finally and with interplay', { skip: needCompiler }, () => {
  const src = [
    'class CM:',
    '    def __enter__(self): print("enter"); return self',
    '    def __exit__(self, *a): print("exit", a[0].__name__ if a[0] else None); return True',
    'def g():',
    '    try:',
    '        for i in range(3):',
    '            with CM():',
    '                if i == 1: raise ValueError',
    '                yield i',
    '    finally:',
    '        print("fin")',
    'print(list(g()))',
  ].join('\n');
  assert.equal(run(src).out, 'enter\nexit None\nenter\nexit ValueError\nenter\nexit None\nfin\n[0, 2]\n');
});

test('an .mpy of another version or architecture is rejected like upstream', () => {
  let out = '';
  const host: VmHost = { stdout: (s) => (out += s), stderr: (s) => (out += s), readFile: () => undefined, stat: () => undefined };
  const vm = createVM({ host });
  assert.equal(vm.runMpy(Uint8Array.of(0x4d, 5, 0, 31, 0), 'x.mpy'), 1);
  assert.equal(out, 'ValueError: incompatible .mpy file\n');
});
