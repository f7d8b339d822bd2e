// Object semantics that differ from CPython and are easy to get subtly wrong: dict/set iteration order
// (MicroPython's open-addressing table), float repr/formatting, the int boundary and int hashes.
// Expected values were produced by the MicroPython v1.28.0 unix port.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PyDict } from '../../src/objects/dict.js';
import { formatFloat, floatRepr } from '../../src/objects/float.js';
import { MpMap } from '../../src/objects/map.js';
import { PyFloat, Binary, type PyObj } from '../../src/objects/object.js';
import { newSet } from '../../src/objects/set.js';
import { strModulo } from '../../src/objects/strformat.js';
import { PyTuple } from '../../src/objects/object.js';
import { binaryOp, hashOf, repr } from '../../src/vm/runtime.js';
import '../../src/vm/index.js';

function dict(alloc: number, pairs: [PyObj, PyObj][]): string {
  const d = new PyDict(new MpMap(alloc));
  for (const [k, v] of pairs) d.mpmap.set(k, v);
  return repr(d);
}

test('dict iteration follows the hash table, not insertion order', () => {
  // {'a':1,'b':2,'c':3} is BUILD_MAP 3 then three stores
  assert.equal(dict(3, [['a', 1], ['b', 2], ['c', 3]]), "{'b': 2, 'c': 3, 'a': 1}");
  assert.equal(dict(4, [[1, 1], [-1, 2], [2, 3], [17, 4]]), '{17: 4, 1: 1, 2: 3, -1: 2}');
  // equal keys keep the first key object and the last value
  assert.equal(dict(4, [[true, 'one'], [0, 'f'], [1, 'x'], [false, 'g']]), "{0: 'g', True: 'x'}");
  const grown: [PyObj, PyObj][] = [];
  for (let i = 0; i < 10; i++) grown.push([String(i), i]);
  assert.equal(dict(0, grown), "{'5': 5, '4': 4, '7': 7, '6': 6, '1': 1, '0': 0, '3': 3, '2': 2, '8': 8, '9': 9}");
});

test('set iteration order', () => {
  assert.equal(repr(newSet([1, 2, 3, 100, -5], 5)), '{100, 1, 2, 3, -5}');
});

test('float repr and % formatting', () => {
  const cases: [number, string][] = [
    [1 / 3, '0.3333333333333333'], [1e16, '1e+16'], [1e15, '1000000000000000.0'], [0.1, '0.1'],
    [1e-5, '1e-05'], [123456789012345678, '1.2345678901234568e+17'], [5e-324, '4.940656458412465e-324'],
    [1.5, '1.5'], [-0, '-0.0'], [Infinity, 'inf'], [3, '3.0'],
  ];
  for (const [v, s] of cases) assert.equal(floatRepr(v), s, `repr(${v})`);
  assert.equal(
    strModulo('%.3f %e %g %.0f %.0f %10.4f|', new PyTuple([2.675, 12345.678, 0.0001234, 0.5, 2.5, 3.14159].map((x) => new PyFloat(x))), false),
    '2.675 1.234568e+04 0.0001234 1 3     3.1416|',
  );
  assert.equal(formatFloat(2.5, 'f', 0), '3'); // half-up on the exact value, unlike CPython
});

test('ints cross the JS safe-integer boundary invisibly; hashes match upstream', () => {
  const big = binaryOp(Binary.POW, 2, 53);
  assert.equal(repr(binaryOp(Binary.ADD, big, 1)), '9007199254740993');
  assert.equal(repr(binaryOp(Binary.MUL, binaryOp(Binary.POW, 2, 62), -2)), '-9223372036854775808');
  assert.equal(repr(binaryOp(Binary.SUB, binaryOp(Binary.ADD, big, 1), 1)), '9007199254740992');
  assert.equal(typeof binaryOp(Binary.SUB, binaryOp(Binary.ADD, big, 1), 10), 'number');
  assert.equal(String(hashOf(binaryOp(Binary.SUB, binaryOp(Binary.POW, 2, 62), 1))), '4611686018427387903');
  assert.equal(String(hashOf(binaryOp(Binary.POW, 2, 62))), '-4611686018427387904');
  assert.equal(String(hashOf(binaryOp(Binary.POW, 2, 70))), '0');
  assert.equal(hashOf(-1), -1);
});
