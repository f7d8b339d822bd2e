// asyncio streams over sys.stdin/sys.stdout with real input: tests/data/asyncio/stdin_stream.py run
// in-process with a fixed stdin must print exactly its .exp, which the unix port produced from the same
// input (the command is in the program's header).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../helpers/paths.js';
import { runPyFile } from '../helpers/run-py.js';

test('asyncio StreamReader/StreamWriter over stdin/stdout', () => {
  const file = path.join(REPO_ROOT, 'tests/data/asyncio/stdin_stream.py');
  const expected = fs.readFileSync(file.slice(0, -3) + '.exp', 'utf8');
  const r = runPyFile(file, 'line1\nabcdef\nrest\nmore\nlast\n');
  assert.equal(r.output, expected);
  assert.equal(r.code, 0);
});
