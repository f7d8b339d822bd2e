// CPython repr() as mpy-tool shows constants.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pyJson, reprBytes, reprComplex, reprFloat, reprStr } from '../../src/tool/pyrepr.js';

test('str repr: quotes and escapes as CPython', () => {
  assert.equal(reprStr('abc'), "'abc'");
  assert.equal(reprStr("it's"), `"it's"`);
  assert.equal(reprStr(`'"`), `'\\'"'`);
  assert.equal(reprStr('a\nb\t\\\x00\x7f'), "'a\\nb\\t\\\\\\x00\\x7f'");
  assert.equal(reprStr('é\u00a0\u2028\ufeff😀'), "'é\\xa0\\u2028\\ufeff😀'");
});

test('bytes repr', () => {
  assert.equal(reprBytes(Uint8Array.from([0x61, 0x27, 0x00, 0xff, 0x0d])), `b"a'\\x00\\xff\\r"`);
  assert.equal(reprBytes(new Uint8Array()), "b''");
});

test('float and complex repr', () => {
  assert.equal(reprFloat(1), '1.0');
  assert.equal(reprFloat(0.1), '0.1');
  assert.equal(reprFloat(1e16), '1e+16');
  assert.equal(reprFloat(1234567890123456), '1234567890123456.0');
  assert.equal(reprFloat(1e-5), '1e-05');
  assert.equal(reprFloat(0.0001), '0.0001');
  assert.equal(reprFloat(-0), '-0.0');
  assert.equal(reprFloat(Infinity), 'inf');
  assert.equal(reprFloat(1.5e300), '1.5e+300');
  assert.equal(reprComplex(0, 2), '2j');
  assert.equal(reprComplex(1, -2), '(1-2j)');
  assert.equal(reprComplex(1.5, 0.5), '(1.5+0.5j)');
  assert.equal(reprComplex(-0, 1), '(-0+1j)');
});

test('json.dumps formatting', () => {
  assert.equal(pyJson({ a: [1, 'é'], b: null }), '{"a": [1, "\\u00e9"], "b": null}');
});
