// @micropython.native and @micropython.viper in the VM: the programs in tests/data/vm (each .exp made by
// the real MicroPython v1.28.0 unix port, as each program's header notes) run through the VM's compile
// path (compileModule with forVm: native scopes as bytecode, viper scopes through the JS tier), plus
// `-X emit=` on the command line and the rule that JS-tier code is only accepted from the VM's own
// compiler.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { compileModule } from '../../src/compile/index.js';
import { createNodeHost } from '../../src/cli/node-host.js';
import { writeMpy } from '../../src/mpy/writer.js';
import { createVM, type EmitKind } from '../../src/vm/index.js';
import { REPO_ROOT } from '../helpers/paths.js';

function runFile(file: string, emit: EmitKind = 'bytecode'): { output: string; code: number } {
  let output = '';
  const collect = (s: string): void => {
    output += s;
  };
  const host = createNodeHost({ stdout: collect, stderr: collect, cwd: path.dirname(file), stdin: '' });
  const vm = createVM({
    host,
    emit,
    compile: (source, fileName, mode, optimize, em) =>
      writeMpy(compileModule(source, { fileName, mode: mode === undefined || mode === 'exec' ? 'file' : mode, optimize: optimize ?? 0, forVm: true, emit: em ?? 'bytecode' })),
    argv: [path.basename(file)],
    path: ['', '.frozen'],
  });
  const code = vm.runSource(fs.readFileSync(file, 'utf8'), path.basename(file));
  return { output, code };
}

const dir = path.join(REPO_ROOT, 'tests/data/vm');
const programs = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.py')).sort() : [];

test('tests/data/vm has the viper programs', () => {
  assert.ok(programs.length >= 4, `found ${programs.join(', ')}`);
});

for (const file of programs) {
  test(`native/viper golden: ${file}`, () => {
    const expected = fs.readFileSync(path.join(dir, file.slice(0, -3) + '.exp'), 'utf8');
    assert.equal(runFile(path.join(dir, file)).output, expected);
  });
}

// The corpus's native/viper programs (121-126; their .exp from the real port) have no default .mpy
// (mpy-cross needs -march for them), so they run here from source.
const corpusDir = path.join(process.env.MPYTS_SHARED ?? path.resolve(REPO_ROOT, '../shared'), 'corpus/features');
const corpus = fs.existsSync(corpusDir)
  ? fs.readdirSync(corpusDir).filter((f) => /^12[1-6]_.*\.py$/.test(f) && fs.existsSync(path.join(corpusDir, f.slice(0, -3) + '.exp'))).sort()
  : [];
test('corpus native/viper programs run from source match MicroPython', { skip: corpus.length === 0 && `no corpus at ${corpusDir}` }, () => {
  for (const file of corpus) {
    const expected = fs.readFileSync(path.join(corpusDir, file.slice(0, -3) + '.exp'), 'utf8');
    assert.equal(runFile(path.join(corpusDir, file)).output, expected, file);
  }
});

const tmp = fs.mkdtempSync(path.join(tmpdir(), 'mpyts-viper-'));
const write = (name: string, src: string): string => {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, src);
  return p;
};

test('viper words wrap at 64 bits; pointers read and write the buffer little-endian', () => {
  const p = write(
    'words.py',
    [
      '@micropython.viper',
      'def f(a: int, b: uint):',
      '    print(a + 1, b - 1, a * a, b >> 1, a >> 1, a < 0, b > uint(0))',
      '@micropython.viper',
      'def g(buf: ptr32) -> int:',
      '    buf[1] = buf[0] + 1',
      '    return buf[1]',
      'f(0x7fffffffffffffff, 0)',
      'b = bytearray(b"\\xff\\xff\\xff\\xff\\x00\\x00\\x00\\x00")',
      'print(g(b), b)',
    ].join('\n'),
  );
  // as the unix port prints: (0x7fffffffffffffff)^2 wraps to 1; 0 - 1 as uint is 2**64 - 1;
  // 0xffffffff + 1 stored through a ptr32 truncates to 0
  assert.equal(
    runFile(p).output,
    "-9223372036854775808 18446744073709551615 1 0 4611686018427387903 False False\n" +
      "0 bytearray(b'\\xff\\xff\\xff\\xff\\x00\\x00\\x00\\x00')\n",
  );
});

test('-X emit=native and -X emit=viper apply to every function, as the unix port (outputs from it)', () => {
  const bin = path.join(REPO_ROOT, 'bin', 'micropython-mpyts');
  const en = write('en.py', 'def f(x):\n    return 1 // x\n\ntry:\n    f(0)\nexcept ZeroDivisionError as e:\n    print("caught", e)\nf(0)\n');
  const r1 = spawnSync(process.execPath, [bin, '-X', 'emit=native', en]);
  // native code keeps no traceback lines, so the report has no "Traceback" header at all (stdout, as unix)
  assert.deepEqual([r1.status, r1.stdout.toString()], [1, 'caught divide by zero\nZeroDivisionError: divide by zero\n']);
  const ev = write('ev.py', 'def f(x: int) -> int:\n    return x * 2\n\nprint(f(21))\n');
  const r2 = spawnSync(process.execPath, [bin, '-X', 'emit=viper', ev]);
  assert.deepEqual([r2.status, r2.stdout.toString()], [0, '42\n']);
  const r3 = spawnSync(process.execPath, [bin, '-X', 'emit=bogus', '-c', '1']);
  assert.equal(r3.status, 1);
  assert.match(r3.stdout.toString() + r3.stderr.toString(), /Invalid command line arguments/);
});

test('native functions run as bytecode but leave no traceback entries (upstream native code has none)', () => {
  const p = write('nt.py', '@micropython.native\ndef f(x):\n    return 1 // x\ndef h():\n    f(0)\nh()\n');
  const r = runFile(p);
  assert.equal(r.code, 1);
  assert.equal(r.output, 'Traceback (most recent call last):\n  File "nt.py", line 6, in <module>\n  File "nt.py", line 5, in h\nZeroDivisionError: divide by zero\n');
});

test('JS-tier code is only run when the VM compiled it: the same bytes from elsewhere are incompatible', () => {
  const mpy = writeMpy(compileModule('@micropython.viper\ndef f() -> int:\n    return 1\nprint(f())\n', { forVm: true }));
  let output = '';
  const host = createNodeHost({ stdout: (s) => (output += s), stderr: (s) => (output += s), cwd: tmp, stdin: '' });
  const vm = createVM({ host, argv: ['x.mpy'] });
  const code = vm.runMpy(mpy, 'x.mpy');
  assert.equal(code, 1);
  assert.match(output, /ValueError: incompatible \.mpy file/);
});

test('viper compile errors are upstream ViperTypeErrors (a TypeError subclass)', () => {
  const p = write('err.py', 'try:\n    exec("@micropython.viper\\ndef f(p: ptr8):\\n    p[0] = None")\nexcept TypeError as e:\n    print(type(e).__name__, e)\n');
  assert.equal(runFile(p).output, "ViperTypeError can't store 'None'\n");
});
