// Golden programs for the standard modules: every tests/data/modules/NAME.py runs through mpyts
// (compile() + createVM, in-process) and must print exactly NAME.exp, which the real MicroPython v1.28.0
// unix port produced (`cd tests/data/modules && micropython NAME.py > NAME.exp 2>&1`, as each program's
// header notes). Programs are named mod_*.py because a file called e.g. random.py would shadow the
// builtin module of the same name on the unix port (extensible modules can be overridden from sys.path).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../helpers/paths.js';
import { runPyFile } from '../helpers/run-py.js';

const dir = path.join(REPO_ROOT, 'tests/data/modules');
const names = fs.existsSync(dir)
  ? fs.readdirSync(dir).filter((f) => f.endsWith('.py') && fs.existsSync(path.join(dir, f.slice(0, -3) + '.exp'))).sort()
  : [];

for (const file of names) {
  test(`module golden: ${file}`, () => {
    const expected = fs.readFileSync(path.join(dir, file.slice(0, -3) + '.exp'), 'utf8');
    const r = runPyFile(path.join(dir, file));
    assert.equal(r.output, expected);
  });
}
