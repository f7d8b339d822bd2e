// Unit tests of the compiler back-end's pieces that golden files exercise only indirectly.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { complexRepr, floatRepr, intRepr } from '../../src/compile/number-repr.js';
import { EmitCommon } from '../../src/compile/emit-common.js';
import { compile, CompileError } from '../../src/compile/index.js';

test('float repr is MicroPython 1.28\'s (16 digits first, long-double scaling)', () => {
  // expected strings as the v1.28.0 unix port prints repr() of these values
  const cases: Array<[number, string]> = [
    [68.4, '68.40000000000001'],
    [595.81, '595.8099999999999'],
    [0.1, '0.1'],
    [1 / 3, '0.3333333333333333'],
    [5e-324, '4.940656458412465e-324'],
    [1e16, '1e+16'],
    [1e15, '1000000000000000.0'],
    [1e-5, '1e-05'],
    [0.0001, '0.0001'],
    [123456789, '123456789.0'],
    [-0, '-0.0'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
    [2.5e-7, '2.5e-07'],
    [Infinity, 'inf'],
    [-Infinity, '-inf'],
    [NaN, 'nan'],
  ];
  for (const [v, want] of cases) assert.equal(floatRepr(v), want, `repr(${v})`);
});

test('complex and int repr', () => {
  assert.equal(complexRepr(0, 1), '1j');
  assert.equal(complexRepr(1, 2), '(1+2j)');
  assert.equal(complexRepr(-1.5, -0.5), '(-1.5-0.5j)');
  assert.equal(complexRepr(-0, -0), '-0j');
  assert.equal(complexRepr(1e20, 1e-20), '(1e+20+1e-20j)');
  assert.equal(intRepr(-(2n ** 70n)), '-1180591620717411303424');
});

test('constant table merges strictly-equal constants only', () => {
  const c = new EmitCommon('f.py');
  const a = c.useConst({ type: 'float', value: 0 });
  assert.equal(c.useConst({ type: 'float', value: -0 }), a + 1, '0.0 and -0.0 are distinct');
  assert.equal(c.useConst({ type: 'float', value: 0 }), a);
  const i = c.useConst({ type: 'int', value: 2n ** 40n });
  assert.notEqual(c.useConst({ type: 'float', value: 2 ** 40 }), i, 'int and float differ');
  const t = c.useConst({ type: 'tuple', items: [{ type: 'int', value: 1n }, { type: 'str', value: 'a' }] });
  assert.equal(c.useConst({ type: 'tuple', items: [{ type: 'int', value: 1n }, { type: 'str', value: 'a' }] }), t);
  assert.notEqual(c.useConst({ type: 'tuple', items: [{ type: 'bool', value: true }, { type: 'str', value: 'a' }] }), t);
  assert.equal(c.useQstr('f.py'), 0, 'the source file is qstr 0');
});

test('compile errors carry mpy-cross\'s traceback text', () => {
  assert.throws(
    () => compile('for x in y:\n    pass\nbreak\n', { fileName: 't.py' }),
    (e: unknown) => e instanceof CompileError && e.format() === `Traceback (most recent call last):\n  File "t.py", line 3, in <module>\nSyntaxError: 'break'/'continue' outside loop\n`,
  );
  assert.throws(
    () => compile('import micropython\n@micropython.native\ndef f(): pass\n', { fileName: 't.py' }),
    (e: unknown) => e instanceof CompileError && e.message === 'invalid arch',
  );
  assert.throws(
    // mpy-cross 1.28 has native back-ends for x86 .. rv32imc, not rv64imc
    () => compile('def f(): pass\n', { fileName: 't.py', arch: 'rv64imc', emit: 'native' }),
    (e: unknown) => e instanceof CompileError && e.message === 'cannot emit native code for this architecture',
  );
});
