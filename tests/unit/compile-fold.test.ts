// Constant folding of right shifts on big ints: the parser folds them exactly, as upstream's mpz
// path does (the machine-word path caps the count at 63, which gives the same result).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compile } from '../../src/compile/index.js';
import { createVM } from '../../src/vm/index.js';

test('folded >> on big ints matches MicroPython', () => {
  // Expected output from the reference unix port v1.28.0 for the same line.
  const src = 'print((1<<66)>>65, (2**64)>>65, -(2**70)>>3, (-5)>>100, 5>>64, (1<<66)>>1000)\n';
  let out = '';
  createVM({ host: { stdout: (t) => (out += t), stderr: (t) => (out += t), readFile: () => undefined, stat: () => undefined } })
    .runMpy(compile(src, { fileName: 'fold.py' }), 'fold.py');
  assert.equal(out, '2 0 -147573952589676412928 -1 0 0\n');
});
