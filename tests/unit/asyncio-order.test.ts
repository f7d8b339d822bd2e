// Scheduling order of asyncio against the unix port: tests/data/asyncio/interleave.py runs with a host
// clock that never advances, so every task is queued with the same ticks value and only the pairing
// heap's order (and the scheduler's rules for events, locks, cancellation, gather and wait_for) decides
// what runs next; the output must equal the .exp the unix port printed (its runs of this program finish
// within one millisecond, so there too all keys are equal).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { compile } from '../../src/compile/index.js';
import { createNodeHost } from '../../src/cli/node-host.js';
import { createVM } from '../../src/vm/index.js';
import { REPO_ROOT } from '../helpers/paths.js';

test('asyncio task order with a frozen clock matches the unix port', () => {
  const file = path.join(REPO_ROOT, 'tests/data/asyncio/interleave.py');
  let out = '';
  const host = createNodeHost({ stdout: (s) => (out += s), stderr: (s) => (out += s), cwd: path.dirname(file), stdin: '' });
  host.now = () => 1000;
  const vm = createVM({ host, compile: (source, fileName) => compile(source, { fileName }), argv: ['interleave.py'] });
  const code = vm.runSource(fs.readFileSync(file, 'utf8'), 'interleave.py');
  assert.equal(out, fs.readFileSync(file.slice(0, -3) + '.exp', 'utf8'));
  assert.equal(code, 0);
});
