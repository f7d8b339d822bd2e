// Every public function and method of the standard modules, called with awkward arguments
// (tests/data/modules/bad_input.py), may raise only Python exceptions: a JavaScript error escaping the
// VM fails this test (runPyFile would throw, or the program would not reach its last line).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../helpers/paths.js';
import { runPyFile } from '../helpers/run-py.js';

test('standard modules raise only Python exceptions on bad input', () => {
  const r = runPyFile(path.join(REPO_ROOT, 'tests/data/modules/bad_input.py'));
  assert.equal(r.output, 'done True\n');
  assert.equal(r.code, 0);
});
