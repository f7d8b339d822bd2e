// sys.settrace against the settrace unix build (MICROPY_PY_SYS_SETTRACE=1) of MicroPython v1.28.0:
// - the corpus settrace programs (../shared/corpus/features/*_settrace_*): run from source
//   (compiled settrace-style, as that build's own compiler does) → NNN.exp, and as the .mpy
//   mpy-cross made, run with `-m` → NNN.mpy.exp;
// - our own programs in tests/data/settrace (generators, exceptions, nested functions, classes,
//   recursion, attributes, loops) with expectations made by the reference build:
//     micropython-settrace NAME.py > NAME.exp 2>&1
//     mpy-cross NAME.py && micropython-settrace -m NAME > NAME.mpy.exp 2>&1
//     mpy-cross -O3 NAME.py && micropython-settrace -m NAME > NAME.O3.exp 2>&1
//   (the .mpy files are compiled here by mpyts, which is byte-identical to mpy-cross).
// Programs run in-process: each createVM resets the interpreter and the trace state.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createNodeHost } from '../../src/cli/node-host.js';
import { compile, compileModule } from '../../src/compile/index.js';
import { writeMpy } from '../../src/mpy/writer.js';
import { createVM, type CompileFn } from '../../src/vm/index.js';
import { REPO_ROOT, SHARED, sharedMissing } from '../helpers/paths.js';

const settraceCompile: CompileFn = (source, fileName, mode) =>
  writeMpy(compileModule(source, { fileName, mode: mode === undefined || mode === 'exec' ? 'file' : mode, settrace: true }));

type Run = (vm: ReturnType<typeof createVM>) => number;
function capture(dir: string, argv0: string, run: Run): string {
  let out = '';
  const host = createNodeHost({ stdout: (s) => (out += s), stderr: (s) => (out += s), stdin: '', cwd: dir });
  const vm = createVM({ host, compile: settraceCompile, argv: [argv0], path: [dir] });
  const code = run(vm);
  return code === 0 ? out : `${out}[exit ${code}]\n`;
}

function check(label: string, got: string, expFile: string, failures: string[]): void {
  const want = readFileSync(expFile, 'utf8');
  if (got !== want) failures.push(`${label}\n--- got\n${got}--- want\n${want}`);
}

const features = join(SHARED, 'corpus', 'features');
const mpyDir = join(SHARED, 'corpus', 'mpy', 'default', 'features');

test('corpus settrace programs: source (.exp) and mpy-cross .mpy (.mpy.exp)', { skip: sharedMissing('corpus/features') }, () => {
  const names = readdirSync(features).filter((f) => /_settrace_.*\.py$/.test(f)).map((f) => f.slice(0, -3)).sort();
  assert.ok(names.length >= 10, `expected the settrace programs, found ${names.length}`);
  const failures: string[] = [];
  for (const name of names) {
    const src = readFileSync(join(features, name + '.py'), 'utf8');
    check(`${name} (source)`, capture(features, name + '.py', (vm) => vm.runSource(src, name + '.py')), join(features, name + '.exp'), failures);
    check(`${name} (.mpy)`, capture(mpyDir, name, (vm) => vm.runModule(name)), join(features, name + '.mpy.exp'), failures);
  }
  console.log(`settrace corpus: ${2 * names.length - failures.length}/${2 * names.length} identical`);
  assert.deepEqual(failures, []);
});

const own = join(REPO_ROOT, 'tests', 'data', 'settrace');

test('own settrace programs: source, .mpy and -O3 .mpy', () => {
  const names = readdirSync(own).filter((f) => f.endsWith('.py')).map((f) => f.slice(0, -3)).sort();
  assert.ok(names.length >= 7);
  const failures: string[] = [];
  for (const name of names) {
    const src = readFileSync(join(own, name + '.py'), 'utf8');
    check(`${name} (source)`, capture(own, name + '.py', (vm) => vm.runSource(src, name + '.py')), join(own, name + '.exp'), failures);
    for (const [opt, exp] of [[0, '.mpy.exp'], [3, '.O3.exp']] as const) {
      const mpy = compile(src, { fileName: name + '.py', optimize: opt });
      check(`${name} (-O${opt} .mpy)`, capture(own, name, (vm) => vm.runMpy(mpy, name + '.mpy')), join(own, name + exp), failures);
    }
  }
  console.log(`settrace own programs: ${3 * names.length - failures.length}/${3 * names.length} identical`);
  assert.deepEqual(failures, []);
});
