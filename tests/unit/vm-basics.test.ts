// Golden programs for the VM's conformance with upstream's basics: every tests/data/vm-basics/NAME.py that has
// a NAME.exp runs through mpyts (compile() + createVM, in-process) and must print exactly NAME.exp, which
// the real MicroPython v1.28.0 unix port produced (`cd tests/data/vm-basics && micropython NAME.py > NAME.exp
// 2>&1`, as each program's header notes). Files without .exp are helper modules the programs import
// (json.py deliberately shadows the extensible builtin json module for vm_import.py).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../helpers/paths.js';
import { runPyFile } from '../helpers/run-py.js';

const dir = path.join(REPO_ROOT, 'tests/data/vm-basics');
const names = fs.existsSync(dir)
  ? fs.readdirSync(dir).filter((f) => f.endsWith('.py') && fs.existsSync(path.join(dir, f.slice(0, -3) + '.exp'))).sort()
  : [];

test('vm-basics golden programs exist', () => {
  assert.ok(names.length >= 5, `expected the vm-basics golden programs in ${dir}`);
});

for (const file of names) {
  test(`vm-basics golden: ${file}`, () => {
    const expected = fs.readFileSync(path.join(dir, file.slice(0, -3) + '.exp'), 'utf8');
    const r = runPyFile(path.join(dir, file));
    assert.equal(r.output, expected);
  });
}
