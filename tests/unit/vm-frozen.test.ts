// Frozen modules (FROZEN_STR and FROZEN_MPY) through the ".frozen" sys.path entry, and proof that frozen
// .mpy bytecode executes in place from the embedding buffer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compile, compileModule } from '../../src/compile/index.js';
import { writeMpy } from '../../src/mpy/writer.js';
import { createVM, registerFrozenModules, type VmHost } from '../../src/vm/index.js';

function host(onOut?: (text: string) => void): VmHost & { out: () => string } {
  let out = '';
  return {
    stdout: (t) => {
      out += t;
      onOut?.(t);
    },
    stderr: (t) => (out += t),
    readFile: () => undefined,
    stat: () => undefined,
    out: () => out,
  };
}

const compileFn = (source: string, fileName: string, mode?: 'exec' | 'eval' | 'single') =>
  writeMpy(compileModule(source, { fileName, mode: mode === undefined || mode === 'exec' ? 'file' : mode }));

test('frozen str and mpy modules and packages import through .frozen, with upstream __file__', () => {
  const calc = compile('def f():\n    return 7\n', { fileName: 'calc.py' });
  const h = host();
  const vm = createVM({
    host: h,
    compile: compileFn,
    frozen: [
      { name: 'greet.py', source: 'def hi(n):\n    return "hi " + n\n' },
      { name: 'calc.py', mpy: calc },
      { name: 'pkg/__init__.py', source: 'X = 1\n' },
      { name: 'pkg/sub.py', mpy: compile('from pkg import X\nY = X + 1\n', { fileName: 'pkg/sub.py' }) },
    ],
  });
  const code = vm.runSource(
    'import greet, calc, pkg.sub\nprint(greet.hi("there"), calc.f(), pkg.sub.Y)\nprint(greet.__file__, calc.__file__, pkg.__file__)\n' +
      'try:\n    import missing\nexcept ImportError as e:\n    print(e)\n',
    'main.py',
  );
  assert.equal(h.out(), "hi there 7 2\ngreet.py calc.py pkg/__init__.py\nno module named 'missing'\n");
  assert.equal(code, 0);
});

test('frozen .mpy bytecode runs in place: changing the buffer after import changes the running code', () => {
  const mpy = compile('def f():\n    return 7\n', { fileName: 'inplace.py' });
  // LOAD_CONST_SMALL_INT 7 is the one-byte opcode 0x70 + 16 + 7; it occurs once, in f's body.
  const at = mpy.lastIndexOf(0x87);
  assert.ok(at > 0 && mpy.indexOf(0x87) === at, 'expected a single LOAD_CONST_SMALL_INT 7');
  const h = host((t) => {
    if (t.includes('imported')) mpy[at] = 0x88; // now LOAD_CONST_SMALL_INT 8
  });
  const vm = createVM({ host: h, compile: compileFn, frozen: [{ name: 'inplace.py', mpy }] });
  vm.runSource('import inplace\nprint(inplace.f())\nprint("imported")\nprint(inplace.f())\n', 'main.py');
  assert.equal(h.out(), '7\nimported\n8\n');
});

test('registerFrozenModules makes modules visible to VMs created afterwards', () => {
  registerFrozenModules([{ name: 'registered.py', source: 'V = "from the registry"\n' }]);
  const h = host();
  createVM({ host: h, compile: compileFn }).runSource('import registered\nprint(registered.V)\n', 'main.py');
  assert.equal(h.out(), 'from the registry\n');
});
